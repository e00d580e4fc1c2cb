/**
 * Persistence helpers for the data directory. Two tools cover what the services need:
 *
 * - `writeJsonAtomic` / `readJsonFile`: whole-file state (a table's items, a queue's
 *   configuration) written to a temporary file, fsynced, then renamed over the old
 *   one, so a crash leaves either the old or the new file, never half of one.
 * - `Journal`: an append-only NDJSON log with group commit. `append()` resolves
 *   once the record is on disk (fdatasync), and concurrent appends share one sync,
 *   so "durable before the 200" costs one fsync per burst, not per request. On open,
 *   a torn last line (a crash mid-write) is cut off.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Creates the folder (and parents) if needed; returns it. */
export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes JSON so that a crash leaves the previous or the new content, never a mix. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Writes bytes atomically (temporary file, fsync, rename, fsync of the folder). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  ensureDir(dirname(file));
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncDir(dirname(file));
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic.
  }
}

/** Reads a JSON file, or returns `fallback` when it does not exist. */
export function readJsonFile<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Reads every complete record of an NDJSON journal, cutting off a torn last line. */
export function readJournal<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const records: T[] = [];
  let offset = 0;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) {
      // A line with no newline was being written when the process died: drop it.
      truncateSync(file, Buffer.byteLength(text.slice(0, offset)));
      break;
    }
    const line = text.slice(offset, nl);
    offset = nl + 1;
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      // A corrupt line can only be the torn tail of an earlier crash followed by new writes; skip it.
    }
  }
  return records;
}

interface Pending {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/** An append-only, fsynced NDJSON journal with group commit. */
export class Journal<T> {
  private handle: FileHandle | undefined;
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private rewriting: Promise<void> | undefined;
  /** The batch being written and synced right now. */
  private writing: Promise<void> | undefined;
  private closed = false;

  private constructor(readonly file: string) {}

  /** Opens (creating) the journal and returns its existing records. */
  static async open<T>(file: string): Promise<{ journal: Journal<T>; records: T[] }> {
    ensureDir(dirname(file));
    const records = readJournal<T>(file);
    const journal = new Journal<T>(file);
    journal.handle = await open(file, 'a');
    return { journal, records };
  }

  /** Appends a record; resolves when it is on disk. */
  append(record: T): Promise<void> {
    return this.appendMany([record]);
  }

  /** Appends records in order; resolves when all are on disk. */
  appendMany(records: readonly T[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`Journal ${this.file} is closed`));
    if (records.length === 0) return Promise.resolve();
    const line = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let every append of this tick join the batch.
    await new Promise<void>((r) => setImmediate(r));
    while (this.queue.length > 0) {
      // A rewrite waits for the batch being written only (not for this loop), so
      // waiting for it here, between batches, cannot deadlock.
      while (this.rewriting) await this.rewriting;
      const batch = this.queue;
      this.queue = [];
      const write = async () => {
        await this.handle!.write(batch.map((p) => p.line).join(''));
        await this.handle!.datasync();
      };
      this.writing = write();
      try {
        await this.writing;
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      } finally {
        this.writing = undefined;
      }
    }
    this.flushing = undefined;
  }

  /**
   * Compaction: replaces the journal's content with the records `snapshot()` returns,
   * atomically. The snapshot is taken once the batch being written is on disk, and
   * appends made meanwhile are written after the swap, so nothing appended is lost —
   * provided the caller's state already reflects a record when it calls `append`.
   * (An array is accepted too: then the caller must not append while it rewrites.)
   */
  async rewrite(snapshot: readonly T[] | (() => readonly T[])): Promise<void> {
    const take = typeof snapshot === 'function' ? snapshot : () => snapshot;
    while (this.rewriting) await this.rewriting;
    const run = async () => {
      while (this.writing) await this.writing.catch(() => undefined);
      await this.handle?.close();
      writeFileAtomic(this.file, take().map((r) => `${JSON.stringify(r)}\n`).join(''));
      this.handle = await open(this.file, 'a');
    };
    this.rewriting = run();
    try {
      await this.rewriting;
    } finally {
      this.rewriting = undefined;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
  }
}
