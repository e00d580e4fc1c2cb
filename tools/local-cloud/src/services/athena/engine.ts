/**
 * The query engine behind the local Athena: DuckDB (in memory, extensions
 * never installed or loaded from the network) with one schema per Glue
 * database under a catalog named `awsdatacatalog`, so `t`, `db.t` and
 * `AwsDataCatalog.db.t` all resolve. Tables a query names are (re)loaded from
 * the lake when their objects changed; the SQL is translated from Trino;
 * metadata statements (SHOW, DESCRIBE) are answered from Glue. Queries run one
 * at a time.
 */
import type { ColumnInfo } from '@aws-sdk/client-athena';
import type { Partition, Table } from '@aws-sdk/client-glue';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { QueryFailure } from './errors';
import { planTable, writeRows, type LakeAccess } from './lake';
import { columnInfo, formatValue } from './results';
import { identifierChains, leadingKeyword, translateSql } from './translate';

export interface CatalogAccess {
  getTable(database: string, name: string): Promise<Table | undefined>;
  partitions(database: string, name: string): Promise<Partition[]>;
  tableNames(database: string): Promise<string[]>;
  databaseNames(): Promise<string[]>;
}

export interface QueryOutcome {
  readonly statementType: 'DML' | 'DDL' | 'UTILITY';
  readonly columns: readonly ColumnInfo[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | undefined>>;
  /** Athena's result sets of SELECTs start with the header row; metadata statements' do not. */
  readonly header: boolean;
  readonly scannedBytes: number;
}

const CATALOG = 'awsdatacatalog';
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** DuckDB's error classes, as Athena's error names. */
function athenaFailure(error: unknown): QueryFailure {
  if (error instanceof QueryFailure) return error;
  const message = (error as Error).message ?? String(error);
  const type = /^Catalog Error: Table/i.test(message)
    ? 'TABLE_NOT_FOUND'
    : /^Binder Error: .*(column|Referenced)/i.test(message)
      ? 'COLUMN_NOT_FOUND'
      : /^Parser Error/i.test(message)
        ? 'SYNTAX_ERROR'
        : /^Catalog Error: Scalar Function|^Catalog Error: Function/i.test(message)
          ? 'FUNCTION_NOT_FOUND'
          : /^(Conversion|Invalid Input|Out of Range) Error/i.test(message)
            ? 'INVALID_CAST_ARGUMENT'
            : 'GENERIC_USER_ERROR';
  return new QueryFailure(type, message.replace(/\n+/g, ' '), 2, { cause: error });
}

export class QueryEngine {
  private instance: DuckDBInstance | undefined;
  private readonly loaded = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly workDir: string,
    private readonly catalog: CatalogAccess,
    private readonly lake: LakeAccess,
  ) {}

  private async connect(): Promise<DuckDBConnection> {
    if (!this.instance) {
      mkdirSync(this.workDir, { recursive: true });
      this.instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
      const c = await this.instance.connect();
      // Athena works in UTC whatever the machine's zone (date_trunc and casts of zoned timestamps depend on it).
      await c.run(`SET GLOBAL TimeZone = 'UTC'`);
      await c.run(`ATTACH ':memory:' AS ${CATALOG}`);
      c.closeSync();
    }
    return this.instance.connect();
  }

  /** Runs one statement; a failure is a QueryFailure with Athena's error type. */
  run(sql: string, database: string): Promise<QueryOutcome> {
    const run = this.queue.then(() => this.execute(sql, database));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async execute(sql: string, database: string): Promise<QueryOutcome> {
    const keyword = leadingKeyword(sql);
    try {
      switch (keyword) {
        case 'SELECT':
        case 'WITH':
        case 'VALUES':
        case 'TABLE':
          return await this.select(sql, database);
        case 'SHOW':
        case 'DESCRIBE':
          return await this.metadata(sql, database);
        case 'CREATE':
        case 'DROP':
        case 'ALTER':
        case 'INSERT':
        case 'DELETE':
        case 'UPDATE':
        case 'MERGE':
        case 'MSCK':
        case 'UNLOAD':
        case 'EXPLAIN':
        case 'PREPARE':
        case 'EXECUTE':
        case 'DEALLOCATE':
        case 'VACUUM':
        case 'OPTIMIZE':
          throw new QueryFailure(
            'NOT_SUPPORTED',
            `${keyword} statements are not supported by the local Athena: it runs queries over the catalog the templates define (SELECT, WITH, SHOW, DESCRIBE)`,
          );
        default:
          throw new QueryFailure('SYNTAX_ERROR', `line 1:1: mismatched input '${keyword || sql.trim().slice(0, 20)}'. Expecting: 'SELECT', 'WITH', 'SHOW', 'DESCRIBE'`);
      }
    } catch (error) {
      throw athenaFailure(error);
    }
  }

  /** The Glue tables a query names (in any qualification), loaded into DuckDB. */
  private async load(connection: DuckDBConnection, sql: string, database: string): Promise<number> {
    const databases = new Set(await this.catalog.databaseNames());
    const wanted = new Map<string, [string, string]>();
    for (const chain of identifierChains(sql)) {
      const lower = chain.map((p) => p.toLowerCase());
      const candidates: Array<[string, string]> = [];
      if (lower.length >= 3 && lower[0] === CATALOG) candidates.push([lower[1]!, lower[2]!]);
      if (lower.length >= 2 && databases.has(lower[0]!)) candidates.push([lower[0]!, lower[1]!]);
      candidates.push([database, lower[0]!]);
      for (const [db, t] of candidates) wanted.set(`${db}.${t}`, [db, t]);
    }
    let scanned = 0;
    for (const [db, name] of wanted.values()) {
      if (!databases.has(db)) continue;
      const table = await this.catalog.getTable(db, name);
      if (!table) continue;
      const partitions = table.PartitionKeys?.length ? await this.catalog.partitions(db, name) : [];
      const plan = await planTable(table, partitions, this.lake);
      scanned += plan.bytes;
      const key = `${db}.${name}`;
      if (this.loaded.get(key) === plan.fingerprint) continue;
      const file = join(this.workDir, `${db}.${name}.ndjson`);
      const rows = await writeRows(table, plan, this.lake, file);
      await connection.run(`CREATE SCHEMA IF NOT EXISTS ${CATALOG}.${quote(db)}`);
      const target = `${CATALOG}.${quote(db)}.${quote(name)}`;
      await connection.run(`CREATE OR REPLACE TABLE ${target} (${plan.duckColumns.map(([c, t]) => `${quote(c)} ${t}`).join(', ')})`);
      if (rows > 0) {
        const columns = `{${plan.duckColumns.map(([c, t]) => `${sqlString(c)}: ${sqlString(t)}`).join(', ')}}`;
        await connection.run(
          `INSERT INTO ${target} SELECT * FROM read_json(${sqlString(file)}, format='newline_delimited', columns=${columns}, maximum_object_size=268435456)`,
        );
      }
      rmSync(file, { force: true });
      this.loaded.set(key, plan.fingerprint);
    }
    return scanned;
  }

  private async select(sql: string, database: string): Promise<QueryOutcome> {
    const connection = await this.connect();
    try {
      const scannedBytes = await this.load(connection, sql, database);
      await connection.run(`CREATE SCHEMA IF NOT EXISTS ${CATALOG}.${quote(database)}`);
      await connection.run(`USE ${CATALOG}.${quote(database)}`);
      const result = await connection.runAndReadAll(translateSql(sql));
      const names = result.columnNames();
      const types = result.columnTypes();
      const rows = result.getRows().map((row) => row.map((v, i) => formatValue(v, types[i]!)));
      return { statementType: 'DML', columns: names.map((n, i) => columnInfo(n, types[i]!)), rows, header: true, scannedBytes };
    } finally {
      connection.closeSync();
    }
  }

  private async metadata(sql: string, database: string): Promise<QueryOutcome> {
    const text = sql.trim().replace(/;\s*$/, '');
    const varchar = (name: string) => ({ CatalogName: 'hive', SchemaName: '', TableName: '', Name: name, Label: name, Type: 'varchar', Precision: 0, Scale: 0, Nullable: 'UNKNOWN' as const, CaseSensitive: false });
    const like = (pattern: string | undefined) => {
      if (!pattern) return () => true;
      const re = new RegExp(`^${pattern.replace(/[.+?^${}()[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/%/g, '.*')}$`, 'i');
      return (s: string) => re.test(s);
    };
    let m = /^SHOW\s+(?:DATABASES|SCHEMAS)(?:\s+LIKE\s+'([^']*)')?$/i.exec(text);
    if (m) {
      const names = (await this.catalog.databaseNames()).filter(like(m[1]));
      return { statementType: 'DDL', columns: [varchar('database_name')], rows: names.map((n) => [n]), header: false, scannedBytes: 0 };
    }
    m = /^SHOW\s+TABLES(?:\s+IN\s+[`"]?([\w-]+)[`"]?)?(?:\s+(?:LIKE\s+)?'([^']*)')?$/i.exec(text);
    if (m) {
      const names = (await this.catalog.tableNames(m[1]?.toLowerCase() ?? database)).filter(like(m[2]));
      return { statementType: 'DDL', columns: [varchar('tab_name')], rows: names.map((n) => [n]), header: false, scannedBytes: 0 };
    }
    m = /^(?:DESCRIBE|SHOW\s+COLUMNS\s+(?:IN|FROM))\s+[`"]?(?:([\w-]+)[`"]?\.[`"]?)?([\w-]+)[`"]?$/i.exec(text);
    if (m) {
      const db = m[1]?.toLowerCase() ?? database;
      const table = await this.catalog.getTable(db, m[2]!.toLowerCase());
      if (!table) throw new QueryFailure('TABLE_NOT_FOUND', `Table ${CATALOG}.${db}.${m[2]} does not exist`);
      const all = [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])];
      if (/^SHOW/i.test(text)) return { statementType: 'DDL', columns: [varchar('field')], rows: all.map((c) => [c.Name]), header: false, scannedBytes: 0 };
      return {
        statementType: 'DDL',
        columns: [varchar('col_name'), varchar('data_type'), varchar('comment')],
        rows: all.map((c) => [c.Name, c.Type, c.Comment ?? '']),
        header: false,
        scannedBytes: 0,
      };
    }
    throw new QueryFailure('NOT_SUPPORTED', `The local Athena answers SHOW DATABASES, SHOW TABLES, SHOW COLUMNS and DESCRIBE; not: ${text.slice(0, 80)}`);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.instance?.closeSync();
    this.instance = undefined;
  }
}
