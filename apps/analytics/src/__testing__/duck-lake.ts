import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parseHiveType, type HiveType } from '../catalog/hive-types';
import type { LakeTableDefinition } from '../catalog/lake-tables';
import { partitionPrefix, type PartitionKeys } from '../lake/partition';

/**
 * The lake in DuckDB, for running the named queries in tests: each table is
 * loaded from lake lines exactly as Athena would read them through its Glue
 * definition: the partition columns from the object's path, each column's
 * JSON key matched case-insensitively (the OpenX SerDe's `case.insensitive`),
 * `mapping.*` renames, and a nested value in a `string` column read as its
 * JSON text.
 */
export interface LakeObjectLine {
  readonly line: string;
  readonly partitionKeys: PartitionKeys;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function duckType(type: HiveType): string {
  switch (type.kind) {
    case 'string':
      return 'VARCHAR';
    case 'double':
      return 'DOUBLE';
    case 'bigint':
      return 'BIGINT';
    case 'boolean':
      return 'BOOLEAN';
    case 'array':
      return `${duckType(type.items)}[]`;
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `"${f.name}" ${duckType(f.type)}`).join(', ')})`;
  }
}

const field = (value: Json | undefined, name: string): Json | undefined => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const key = Object.keys(value).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : value[key];
};

/** A JSON value as the SerDe reads it into a column of this type. */
function conform(value: Json | undefined, type: HiveType): Json {
  if (value === undefined || value === null) return null;
  switch (type.kind) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'array':
      return Array.isArray(value) ? value.map((v) => conform(v, type.items)) : null;
    case 'struct':
      return Object.fromEntries(type.fields.map((f) => [f.name, conform(field(value, f.name), f.type)]));
    default:
      return value;
  }
}

export interface DuckLake {
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): void;
}

export async function loadLake(
  lakeUrl: string,
  tables: readonly LakeTableDefinition[],
  objects: readonly LakeObjectLine[],
): Promise<DuckLake> {
  const dir = mkdtempSync(join(tmpdir(), 'sma-duck-lake-'));
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
  const connection: DuckDBConnection = await instance.connect();
  for (const table of tables) {
    const columns = table.columns.map((c) => ({ ...c, hive: parseHiveType(c.type) }));
    const rows = objects
      .filter((o) => `${lakeUrl}${partitionPrefix(o.partitionKeys)}`.startsWith(table.location))
      .map((o) => {
        const event = JSON.parse(o.line) as Json;
        const row: Record<string, Json> = {};
        for (const c of columns) {
          const key = table.serdeParameters[`mapping.${c.name}`] ?? c.name;
          row[c.name] = conform(field(event, key), c.hive);
        }
        for (const p of table.partitionKeys) row[p.name] = o.partitionKeys[p.name as keyof PartitionKeys];
        return JSON.stringify(row);
      });
    const file = join(dir, `${table.name}.json`);
    writeFileSync(file, rows.join('\n') + '\n');
    const spec = [...columns.map((c) => [c.name, duckType(c.hive)]), ...table.partitionKeys.map((p) => [p.name, 'VARCHAR'])]
      .map(([name, type]) => `'${name}': '${type}'`)
      .join(', ');
    await connection.run(
      `CREATE TABLE ${table.name} AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${spec}})`,
    );
  }
  return {
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
    },
    close() {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
