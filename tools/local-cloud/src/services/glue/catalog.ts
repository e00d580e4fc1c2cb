/**
 * The Glue Data Catalog: databases, tables (columns, partition keys, storage,
 * SerDe, parameters such as partition projection) and registered partitions,
 * persisted in `<data>/glue/catalog.json`. Names are lower-cased as Glue does.
 */
import type { Column, Database, DatabaseInput, Partition, PartitionInput, StorageDescriptor, Table, TableInput } from '@aws-sdk/client-glue';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../../core/persistence';
import { AlreadyExistsException, EntityNotFoundException, InvalidInputException } from './errors';

interface StoredTable {
  readonly input: TableInput;
  readonly createdAt: number;
  updatedAt: number;
  version: number;
  partitions: Array<{ readonly values: string[]; readonly input: PartitionInput; readonly createdAt: number }>;
}

interface StoredDatabase {
  readonly input: DatabaseInput;
  readonly createdAt: number;
  readonly tables: Record<string, StoredTable>;
}

const NAME = /^[\w.-]{1,255}$/;

function checkName(kind: string, name: string | undefined): string {
  if (!name || !NAME.test(name)) throw new InvalidInputException(`${kind} name "${name ?? ''}" is not valid`);
  return name.toLowerCase();
}

/** Deep copy with dates as epoch numbers (inputs carry none, but a defensive copy keeps callers from mutating the catalog). */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function lowerColumns(columns: readonly Column[] | undefined): Column[] | undefined {
  return columns?.map((c) => ({ ...c, Name: c.Name?.toLowerCase() }));
}

export class Catalog {
  private readonly databases: Record<string, StoredDatabase>;
  private readonly file: string;

  constructor(
    dir: string,
    readonly catalogId: string,
  ) {
    this.file = join(dir, 'catalog.json');
    this.databases = readJsonFile<Record<string, StoredDatabase>>(this.file, {});
  }

  private save(): void {
    writeJsonAtomic(this.file, this.databases);
  }

  private db(name: string | undefined): StoredDatabase {
    const db = name === undefined ? undefined : this.databases[name.toLowerCase()];
    if (!db) throw new EntityNotFoundException(`Database ${name ?? ''} not found.`);
    return db;
  }

  private table(database: string | undefined, name: string | undefined): StoredTable {
    const table = name === undefined ? undefined : this.db(database).tables[name.toLowerCase()];
    if (!table) throw new EntityNotFoundException(`Table ${name ?? ''} not found.`);
    return table;
  }

  createDatabase(input: DatabaseInput, options: { update?: boolean } = {}): void {
    const name = checkName('Database', input.Name);
    const existing = this.databases[name];
    if (existing && !options.update) throw new AlreadyExistsException(`Database already exists.`);
    this.databases[name] = { input: { ...copy(input), Name: name }, createdAt: existing?.createdAt ?? Date.now(), tables: existing?.tables ?? {} };
    this.save();
  }

  deleteDatabase(name: string | undefined): void {
    const db = this.db(name);
    delete this.databases[db.input.Name!];
    this.save();
  }

  database(name: string | undefined): Database {
    const db = this.db(name);
    return { ...db.input, Name: db.input.Name!, CreateTime: new Date(db.createdAt), CatalogId: this.catalogId };
  }

  databaseNames(): string[] {
    return Object.keys(this.databases).sort();
  }

  createTable(database: string | undefined, input: TableInput, options: { update?: boolean } = {}): void {
    const db = this.db(database);
    const name = checkName('Table', input.Name);
    const existing = db.tables[name];
    if (existing && !options.update) throw new AlreadyExistsException(`Table already exists.`);
    const sd = input.StorageDescriptor;
    const normalized: TableInput = {
      ...copy(input),
      Name: name,
      ...(input.PartitionKeys ? { PartitionKeys: lowerColumns(input.PartitionKeys) } : {}),
      ...(sd ? { StorageDescriptor: { ...copy(sd), ...(sd.Columns ? { Columns: lowerColumns(sd.Columns) } : {}) } as StorageDescriptor } : {}),
    };
    const columns = [...(normalized.StorageDescriptor?.Columns ?? []), ...(normalized.PartitionKeys ?? [])].map((c) => c.Name);
    const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
    if (duplicate) throw new InvalidInputException(`Column ${duplicate} is defined twice (columns and partition keys must not share names)`);
    db.tables[name] = {
      input: normalized,
      createdAt: existing?.createdAt ?? Date.now(),
      updatedAt: Date.now(),
      version: (existing?.version ?? 0) + 1,
      partitions: existing?.partitions ?? [],
    };
    this.save();
  }

  deleteTable(database: string | undefined, name: string | undefined): void {
    const db = this.db(database);
    const table = this.table(database, name);
    delete db.tables[table.input.Name!];
    this.save();
  }

  getTable(database: string | undefined, name: string | undefined): Table {
    const db = this.db(database);
    const t = this.table(database, name);
    return {
      ...copy(t.input),
      Name: t.input.Name!,
      DatabaseName: db.input.Name!,
      CreateTime: new Date(t.createdAt),
      UpdateTime: new Date(t.updatedAt),
      CreatedBy: 'local-cloud',
      IsRegisteredWithLakeFormation: false,
      CatalogId: this.catalogId,
      VersionId: String(t.version),
    };
  }

  tableNames(database: string | undefined): string[] {
    return Object.keys(this.db(database).tables).sort();
  }

  addPartitions(database: string | undefined, tableName: string | undefined, inputs: readonly PartitionInput[]): Array<{ values: string[]; error?: string }> {
    const table = this.table(database, tableName);
    const keys = table.input.PartitionKeys?.length ?? 0;
    const results = inputs.map((input) => {
      const values = input.Values ?? [];
      if (values.length !== keys) return { values, error: `The number of partition values (${values.length}) does not match the partition keys (${keys})` };
      if (table.partitions.some((p) => p.values.join('\u0000') === values.join('\u0000'))) return { values, error: 'Partition already exists.' };
      table.partitions.push({ values: [...values], input: copy(input), createdAt: Date.now() });
      return { values };
    });
    this.save();
    return results;
  }

  partitions(database: string | undefined, tableName: string | undefined): Partition[] {
    const db = this.db(database);
    const table = this.table(database, tableName);
    return table.partitions.map((p) => ({
      ...copy(p.input),
      Values: [...p.values],
      DatabaseName: db.input.Name!,
      TableName: table.input.Name!,
      CreationTime: new Date(p.createdAt),
      CatalogId: this.catalogId,
    }));
  }

  deletePartition(database: string | undefined, tableName: string | undefined, values: readonly string[]): void {
    const table = this.table(database, tableName);
    const before = table.partitions.length;
    table.partitions = table.partitions.filter((p) => p.values.join('\u0000') !== values.join('\u0000'));
    if (table.partitions.length === before) throw new EntityNotFoundException('Partition not found.');
    this.save();
  }
}
