/**
 * The queues of the local SQS: settings in `<data>/sqs/<name>/queue.json`,
 * every message change in that folder's fsynced journal (sends, receives,
 * visibility changes, deletes), compacted to the live messages when it grows.
 * Receivers waiting on an empty queue (long polling) are woken by sends.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Journal, readJsonFile, writeJsonAtomic } from '../../core/persistence';
import type { QueueSettings } from './attributes';
import { QueueDoesNotExist, SqsError } from './errors';
import { Queue, type Change } from './queue';

interface QueueFile {
  readonly name: string;
  readonly settings: QueueSettings;
  readonly tags: Record<string, string>;
  readonly createdAt: number;
  readonly modifiedAt: number;
}

interface Entry {
  readonly queue: Queue;
  readonly journal: Journal<Change>;
  readonly dir: string;
  lines: number;
  readonly waiters: Set<() => void>;
}

/** Compact a queue's journal beyond this many lines (and 4× its live messages). */
const COMPACT_AFTER = 2_000;
/** SQS refuses to recreate a queue name for 60 seconds after deleting it. */
const RECREATE_AFTER_MS = 60_000;

export class QueueStore {
  private readonly entries = new Map<string, Entry>();
  private readonly deleted = new Map<string, number>();

  private constructor(
    private readonly root: string,
    private readonly region: string,
    private readonly account: string,
    private readonly endpoint: () => string,
  ) {}

  static async open(root: string, region: string, account: string, endpoint: () => string): Promise<QueueStore> {
    const store = new QueueStore(root, region, account, endpoint);
    if (existsSync(root)) {
      for (const name of readdirSync(root)) {
        const file = readJsonFile<QueueFile | undefined>(join(root, name, 'queue.json'), undefined);
        if (!file) continue;
        const entry = await store.load(file);
        store.entries.set(file.name, entry);
      }
    }
    return store;
  }

  private async load(file: QueueFile): Promise<Entry> {
    const dir = join(this.root, file.name);
    const { journal, records } = await Journal.open<Change>(join(dir, 'messages.ndjson'));
    const queue = new Queue(file.name, this.arnOf(file.name), file.settings, file.createdAt, file.modifiedAt, file.tags);
    for (const r of records) queue.apply(r);
    return { queue, journal, dir, lines: records.length, waiters: new Set() };
  }

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.account}:${name}`;
  }

  urlOf(name: string): string {
    return `${this.endpoint()}/${this.account}/${name}`;
  }

  list(): Queue[] {
    return [...this.entries.values()].map((e) => e.queue).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  byName(name: string | undefined): Queue {
    const entry = name === undefined ? undefined : this.entries.get(name);
    if (!entry) throw new QueueDoesNotExist();
    return entry.queue;
  }

  /** The queue a QueueUrl names (any host: the path's last segment is the name). */
  byUrl(url: string | undefined): Queue {
    if (!url) throw new SqsError('MissingParameter', 'The request must contain the parameter QueueUrl.', 'MissingParameter');
    const m = /\/(\d{12})\/([^/?#]+)\/?$/.exec(url) ?? /^([^/]*)$/.exec(url);
    const name = m ? m[m.length - 1] : undefined;
    const entry = name ? this.entries.get(decodeURIComponent(name)) : undefined;
    if (!entry) throw new QueueDoesNotExist(url);
    return entry.queue;
  }

  byArn(arn: string): Queue | undefined {
    const name = arn.split(':').pop();
    return name ? this.entries.get(name)?.queue : undefined;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  recentlyDeleted(name: string, now = Date.now()): boolean {
    const at = this.deleted.get(name);
    return at !== undefined && now - at < RECREATE_AFTER_MS;
  }

  async create(name: string, settings: QueueSettings, tags: Record<string, string>, now = Date.now()): Promise<Queue> {
    const file: QueueFile = { name, settings, tags, createdAt: now, modifiedAt: now };
    writeJsonAtomic(join(this.root, name, 'queue.json'), file);
    const entry = await this.load(file);
    this.entries.set(name, entry);
    return entry.queue;
  }

  /** Persists a queue's settings and tags after a change. */
  save(queue: Queue): void {
    queue.modifiedAt = Date.now();
    const file: QueueFile = { name: queue.name, settings: queue.settings, tags: queue.tags, createdAt: queue.createdAt, modifiedAt: queue.modifiedAt };
    writeJsonAtomic(join(this.root, queue.name, 'queue.json'), file);
  }

  async delete(queue: Queue): Promise<void> {
    const entry = this.entries.get(queue.name)!;
    this.entries.delete(queue.name);
    this.deleted.set(queue.name, Date.now());
    await entry.journal.close();
    rmSync(entry.dir, { recursive: true, force: true });
  }

  /** Writes changes already applied to the queue; resolves once they are on disk. */
  async commit(queue: Queue, changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return;
    const entry = this.entries.get(queue.name);
    if (!entry) return;
    entry.lines++;
    if (changes.some((c) => c.op === 'put')) this.wake(queue);
    await entry.journal.appendMany(changes);
    if (entry.lines > Math.max(COMPACT_AFTER, 4 * queue.messages.size)) {
      entry.lines = 0;
      await entry.journal.rewrite(() => {
        const live: Change[] = [...queue.messages.values()].map((m) => ({ op: 'put', m }));
        entry.lines = live.length;
        return live;
      });
    }
  }

  /** Resolves when a message may have become available (or after `ms`). */
  waitForMessages(queue: Queue, ms: number): Promise<void> {
    const entry = this.entries.get(queue.name);
    if (!entry || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        entry.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      entry.waiters.add(done);
    });
  }

  wake(queue: Queue): void {
    const entry = this.entries.get(queue.name);
    if (!entry) return;
    for (const w of [...entry.waiters]) w();
  }

  async close(): Promise<void> {
    for (const entry of this.entries.values()) {
      for (const w of [...entry.waiters]) w();
      await entry.journal.close();
    }
  }
}
