/**
 * Everything the fake platforms received: posts, media uploads, refusals. Kept in
 * memory for tests and the console, and appended to `<dataDir>/fakes/posts.ndjson`
 * so the history survives a restart. Tests wait on it with `waitFor`.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { Journal, readJournal } from '../core/persistence';

export type Platform = 'x' | 'slack' | 'media';

export interface FakeRecord {
  readonly id: string;
  readonly platform: Platform;
  /** `tweet`, `media-upload`, `message`, `file`, `refused`… */
  readonly kind: string;
  readonly at: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export class FakeRecorder {
  private readonly records: FakeRecord[] = [];
  private readonly emitter = new EventEmitter();
  private journal: Journal<FakeRecord> | undefined;

  constructor(private readonly dir: string) {
    this.emitter.setMaxListeners(100);
  }

  async open(): Promise<void> {
    const file = join(this.dir, 'posts.ndjson');
    this.records.push(...readJournal<FakeRecord>(file));
    ({ journal: this.journal } = await Journal.open<FakeRecord>(file));
  }

  async record(r: FakeRecord): Promise<void> {
    this.records.push(r);
    this.emitter.emit('record', r);
    await this.journal?.append(r);
  }

  list(filter?: (r: FakeRecord) => boolean): FakeRecord[] {
    return filter ? this.records.filter(filter) : [...this.records];
  }

  /** Resolves with the first record (already there or still to come) that matches. */
  waitFor(match: (r: FakeRecord) => boolean, timeoutMs = 30_000): Promise<FakeRecord> {
    const existing = this.records.find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.emitter.off('record', listener);
        reject(new Error(`no matching fake-platform record within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (r: FakeRecord) => {
        if (!match(r)) return;
        clearTimeout(timer);
        this.emitter.off('record', listener);
        resolve(r);
      };
      this.emitter.on('record', listener);
    });
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }
}
