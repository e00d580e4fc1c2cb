/**
 * Materialises a Glue table of the lake for DuckDB: lists the table's objects
 * in the local S3 (with partition values from their paths, or from registered
 * partitions), reads them (GZIP by magic bytes or `.gz`), turns each JSON line
 * into a row of the table's columns through the SerDe rules, and writes the
 * rows as NDJSON that DuckDB loads with the explicit column types. The
 * fingerprint (object keys, ETags, table version) says when it must be redone.
 */
import type { Partition, Table } from '@aws-sdk/client-glue';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { QueryFailure } from './errors';
import { duckType, parseHiveType, type HiveType } from './hive-types';
import { parseS3Url, partitionOf, partitionScheme } from './projection';
import { coerce, readLine, serdeOptions, type ColumnSpec } from './serde';

export interface LakeObject {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
}

export interface LakeAccess {
  list(bucket: string, prefix: string): Promise<LakeObject[]>;
  read(bucket: string, key: string): Promise<Buffer>;
}

export interface TablePlan {
  readonly columns: readonly ColumnSpec[];
  readonly partitionKeys: readonly ColumnSpec[];
  /** DuckDB column definitions for read_json, in table order (data columns, then partition keys). */
  readonly duckColumns: ReadonlyArray<readonly [string, string]>;
  readonly objects: ReadonlyArray<{ readonly bucket: string; readonly object: LakeObject; readonly partition: Readonly<Record<string, string>> }>;
  readonly fingerprint: string;
  readonly bytes: number;
}

function specs(columns: Table['PartitionKeys']): ColumnSpec[] {
  return (columns ?? []).map((c) => ({ name: c.Name!.toLowerCase(), type: parseHiveType(c.Type ?? 'string') }));
}

/** Hive, and so Athena, skips files whose name starts with `_` or `.` (markers, temporary files). */
function hidden(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return name === '' || name.startsWith('_') || name.startsWith('.');
}

/** Which objects a table reads, and with which partition values. */
export async function planTable(table: Table, partitions: readonly Partition[], lake: LakeAccess, now = Date.now()): Promise<TablePlan> {
  if (table.TableType === 'VIRTUAL_VIEW') throw new QueryFailure('NOT_SUPPORTED', `Views are not supported by the local Athena (${table.Name})`);
  const sd = table.StorageDescriptor;
  if (!sd?.Location) throw new QueryFailure('HIVE_INVALID_METADATA', `Table ${table.DatabaseName}.${table.Name} has no LOCATION`);
  serdeOptions(sd.SerdeInfo?.SerializationLibrary, sd.SerdeInfo?.Parameters);
  const columns = specs(sd.Columns);
  const partitionKeys = specs(table.PartitionKeys);
  const parameters = table.Parameters ?? {};
  const objects: Array<TablePlan['objects'][number]> = [];
  const projected = (parameters['projection.enabled'] ?? '').toLowerCase() === 'true';
  if (partitionKeys.length === 0 || projected) {
    const scheme = partitionScheme(sd.Location, partitionKeys.map((k) => k.name), parameters);
    for (const object of await lake.list(scheme.bucket, scheme.prefix)) {
      if (hidden(object.key)) continue;
      const partition = partitionOf(scheme, object.key, now);
      if (partition) objects.push({ bucket: scheme.bucket, object, partition });
    }
  } else {
    // No projection: only registered partitions are read (as after MSCK REPAIR TABLE / ALTER TABLE ADD PARTITION).
    for (const p of partitions) {
      const location = p.StorageDescriptor?.Location;
      if (!location) continue;
      const { bucket, prefix } = parseS3Url(location.endsWith('/') ? location : `${location}/`);
      const values = Object.fromEntries(partitionKeys.map((k, i) => [k.name, p.Values?.[i] ?? '']));
      for (const object of await lake.list(bucket, prefix)) if (!hidden(object.key)) objects.push({ bucket, object, partition: values });
    }
  }
  objects.sort((a, b) => (a.object.key < b.object.key ? -1 : 1));
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([table.VersionId, table.UpdateTime, sd, table.PartitionKeys, parameters, objects.map((o) => [o.bucket, o.object.key, o.object.etag])]))
    .digest('hex');
  return {
    columns,
    partitionKeys,
    duckColumns: [...columns, ...partitionKeys].map((c) => [c.name, duckType(c.type)] as const),
    objects,
    fingerprint,
    bytes: objects.reduce((n, o) => n + o.object.size, 0),
  };
}

function decode(body: Buffer, key: string): string {
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) return gunzipSync(body).toString('utf8');
  if (/\.(snappy|zst|bz2|lz4|deflate)$/i.test(key)) throw new QueryFailure('NOT_SUPPORTED', `The local Athena reads plain and GZIP objects only: ${key}`);
  return body.toString('utf8');
}

function partitionValue(value: string, type: HiveType, name: string): unknown {
  return coerce(value, type, `partition ${name}`, { caseInsensitive: true, ignoreMalformed: false, mapping: {} });
}

/** Writes the table's rows as NDJSON to `file`; resolves with the number of rows. */
export async function writeRows(table: Table, plan: TablePlan, lake: LakeAccess, file: string): Promise<number> {
  const sd = table.StorageDescriptor!;
  const options = serdeOptions(sd.SerdeInfo?.SerializationLibrary, sd.SerdeInfo?.Parameters);
  const out = createWriteStream(file);
  let rows = 0;
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  try {
    for (const { bucket, object, partition } of plan.objects) {
      const text = decode(await lake.read(bucket, object.key), object.key);
      const lines = text.split('\n');
      for (const [i, line] of lines.entries()) {
        const row = readLine(line, plan.columns, options, `s3://${bucket}/${object.key}, line ${i + 1}`);
        if (!row) continue;
        for (const k of plan.partitionKeys) row[k.name] = partitionValue(partition[k.name]!, k.type, k.name);
        await write(`${JSON.stringify(row)}\n`);
        rows++;
      }
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  return rows;
}
