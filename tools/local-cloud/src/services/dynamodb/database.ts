import { join } from 'node:path';
import { Journal, readJsonFile, writeJsonAtomic } from '../../core/persistence';
import type { Item } from './attribute-value';
import { ResourceInUseException } from './errors';
import { Table, keyOf, tableNotFound, type TableDefinition } from './table';

/** One change to one table; a commit is a list of them written as one journal line (so a transaction is all or nothing). */
interface Change {
  readonly t: string;
  readonly put?: Item;
  readonly del?: Item;
}
interface Commit {
  readonly ops: readonly Change[];
}

/** Journal lines beyond which the journal is compacted to the live items (and at least twice the live items). */
const COMPACT_AFTER = 10_000;
const COMPACT_CHUNK = 500;
/** DynamoDB ignores TTL values more than five years in the past. */
const TTL_MAX_AGE_SECONDS = 5 * 365 * 24 * 3600;

/**
 * Every table of the local DynamoDB, in memory, made durable by one journal
 * (`items.ndjson`: one fsynced line per write, transactions included) and the
 * table definitions (`tables.json`, written atomically).
 */
export class Database {
  private readonly tables = new Map<string, Table>();
  private journalLines = 0;

  private constructor(
    private readonly dir: string,
    private readonly journal: Journal<Commit>,
  ) {}

  static async open(dir: string): Promise<Database> {
    const definitions = readJsonFile<TableDefinition[]>(join(dir, 'tables.json'), []);
    const { journal, records } = await Journal.open<Commit>(join(dir, 'items.ndjson'));
    const db = new Database(dir, journal);
    for (const definition of definitions) db.tables.set(definition.name, new Table(definition));
    for (const commit of records) db.apply(commit.ops);
    db.journalLines = records.length;
    return db;
  }

  private apply(ops: readonly Change[]): void {
    for (const op of ops) {
      const table = this.tables.get(op.t);
      if (!table) continue; // the table was deleted after this line was written
      if (op.put) table.put(op.put);
      if (op.del) table.delete(op.del);
    }
  }

  table(name: string | undefined): Table {
    const table = name === undefined ? undefined : this.tables.get(name);
    if (!table) throw tableNotFound(String(name));
    return table;
  }

  has(name: string): boolean {
    return this.tables.has(name);
  }

  list(): Table[] {
    return [...this.tables.values()].sort((a, b) => (a.definition.name < b.definition.name ? -1 : 1));
  }

  /**
   * Creates a table, or (with `replace`, as provisioning from a template does)
   * updates the definition of an existing one while keeping its items.
   */
  defineTable(definition: TableDefinition, options: { replace?: boolean } = {}): Table {
    const existing = this.tables.get(definition.name);
    if (existing && !options.replace) throw new ResourceInUseException(`Table already exists: ${definition.name}`);
    const table = new Table(existing ? { ...definition, createdAt: existing.definition.createdAt } : definition);
    if (existing) for (const item of existing.all()) table.put(item);
    this.tables.set(definition.name, table);
    this.saveDefinitions();
    return table;
  }

  /** Replaces a table's definition in place (TTL changes). */
  updateDefinition(name: string, update: (d: TableDefinition) => TableDefinition): Table {
    return this.defineTable(update(this.table(name).definition), { replace: true });
  }

  async deleteTable(name: string): Promise<Table> {
    const table = this.table(name);
    this.tables.delete(name);
    this.saveDefinitions();
    await this.compact();
    return table;
  }

  private saveDefinitions(): void {
    writeJsonAtomic(
      join(this.dir, 'tables.json'),
      [...this.tables.values()].map((t) => t.definition),
    );
  }

  /**
   * Applies writes in memory at once (so the next request sees them) and
   * resolves when they are on disk: callers answer only after that.
   */
  async write(changes: ReadonlyArray<{ table: string; put?: Item; delete?: Item }>): Promise<void> {
    if (changes.length === 0) return;
    const ops: Change[] = changes.map((c) => ({ t: c.table, ...(c.put ? { put: c.put } : {}), ...(c.delete ? { del: c.delete } : {}) }));
    this.apply(ops);
    this.journalLines++;
    await this.journal.append({ ops });
    if (this.journalLines > Math.max(COMPACT_AFTER, 2 * this.itemCount())) await this.compact();
  }

  private itemCount(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.size;
    return n;
  }

  /**
   * Rewrites the journal as the live items only. The snapshot is taken by the
   * journal when no batch is being written; writes made meanwhile are appended
   * after it (replaying puts and deletes in order is harmless).
   */
  async compact(): Promise<void> {
    await this.journal.rewrite(() => {
      const commits: Commit[] = [];
      for (const table of this.tables.values()) {
        let chunk: Change[] = [];
        for (const item of table.all()) {
          chunk.push({ t: table.definition.name, put: item });
          if (chunk.length === COMPACT_CHUNK) {
            commits.push({ ops: chunk });
            chunk = [];
          }
        }
        if (chunk.length > 0) commits.push({ ops: chunk });
      }
      this.journalLines = commits.length;
      return commits;
    });
  }

  /**
   * Deletes the items whose TTL attribute (a Number of epoch seconds) is in the
   * past, as DynamoDB's background TTL process does. Returns how many went.
   */
  async sweepExpired(nowSeconds = Date.now() / 1000): Promise<number> {
    const deletes: Array<{ table: string; delete: Item }> = [];
    for (const table of this.tables.values()) {
      const attribute = table.definition.ttlAttribute;
      if (!attribute) continue;
      for (const item of table.all()) {
        const ttl = item[attribute];
        if (!ttl || !('N' in ttl)) continue;
        const at = Number(ttl.N);
        if (at < nowSeconds && at > nowSeconds - TTL_MAX_AGE_SECONDS) {
          deletes.push({ table: table.definition.name, delete: keyOf(table.definition.keySchema, item) });
        }
      }
    }
    await this.write(deletes);
    return deletes.length;
  }

  async close(): Promise<void> {
    await this.journal.close();
  }
}
