/**
 * Log groups, streams and events, in memory and in one fsynced journal per
 * group (`<data>/logs/<group>/events.ndjson`, group settings in `group.json`).
 * Events of a stream are kept in timestamp order (ties in arrival order), as
 * GetLogEvents returns them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Journal, readJsonFile, writeJsonAtomic } from '../../core/persistence';
import { ResourceAlreadyExistsException, ResourceNotFoundException } from './errors';

export interface StoredEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  /** Arrival order within the group: orders events with equal timestamps and positions tokens. */
  readonly seq: number;
}

export interface LogStream {
  readonly name: string;
  readonly createdAt: number;
  readonly events: StoredEvent[];
  lastIngestionTime?: number;
}

export interface GroupSettings {
  readonly name: string;
  readonly createdAt: number;
  readonly retentionInDays?: number;
  readonly logGroupClass: string;
  readonly kmsKeyId?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

type Record_ =
  | { readonly k: 'stream'; readonly s: string; readonly c: number }
  | { readonly k: 'drop'; readonly s: string }
  | { readonly k: 'event'; readonly s: string; readonly t: number; readonly m: string; readonly i: number; readonly q: number };

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  private seq = 0;
  /** Sequence numbers of the events held, so a replayed journal line is not applied twice. */
  private readonly seen = new Set<number>();

  constructor(
    public settings: GroupSettings,
    readonly dir: string,
    private readonly journal: Journal<Record_>,
  ) {}

  nextSeq(): number {
    return ++this.seq;
  }

  apply(record: Record_): void {
    switch (record.k) {
      case 'stream':
        if (!this.streams.has(record.s)) this.streams.set(record.s, { name: record.s, createdAt: record.c, events: [] });
        return;
      case 'drop':
        this.streams.delete(record.s);
        return;
      case 'event': {
        const stream = this.streams.get(record.s);
        if (!stream || this.seen.has(record.q)) return;
        this.seen.add(record.q);
        insertSorted(stream.events, { timestamp: record.t, message: record.m, ingestionTime: record.i, seq: record.q });
        stream.lastIngestionTime = Math.max(stream.lastIngestionTime ?? 0, record.i);
        this.seq = Math.max(this.seq, record.q);
        return;
      }
    }
  }

  async write(records: Record_[]): Promise<void> {
    for (const r of records) this.apply(r);
    await this.journal.appendMany(records);
  }

  /**
   * Rewrites the journal with what is left (after a retention sweep or stream
   * deletion). Events written meanwhile may be appended again after the
   * snapshot; `apply` skips an event whose sequence number it already holds.
   */
  async compact(): Promise<void> {
    await this.journal.rewrite(() => {
      const records: Record_[] = [];
      for (const stream of this.streams.values()) {
        records.push({ k: 'stream', s: stream.name, c: stream.createdAt });
        for (const e of stream.events) records.push({ k: 'event', s: stream.name, t: e.timestamp, m: e.message, i: e.ingestionTime, q: e.seq });
      }
      return records;
    });
  }

  saveSettings(): void {
    writeJsonAtomic(join(this.dir, 'group.json'), this.settings);
  }

  close(): Promise<void> {
    return this.journal.close();
  }
}

function insertSorted(events: StoredEvent[], event: StoredEvent): void {
  let i = events.length;
  while (i > 0 && compareEvents(events[i - 1]!, event) > 0) i--;
  events.splice(i, 0, event);
}

export function compareEvents(a: Pick<StoredEvent, 'timestamp' | 'seq'>, b: Pick<StoredEvent, 'timestamp' | 'seq'>): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

/** A folder name for a group: readable tail of the name plus a hash (names hold `/` and may be long). */
function folderOf(name: string): string {
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+/, '').slice(-80)}-${hash}`;
}

export class LogStore {
  private readonly groups = new Map<string, LogGroup>();

  private constructor(private readonly root: string) {}

  static async open(root: string): Promise<LogStore> {
    const store = new LogStore(root);
    if (existsSync(root)) {
      for (const entry of readdirSync(root)) {
        const dir = join(root, entry);
        const settings = readJsonFile<GroupSettings | undefined>(join(dir, 'group.json'), undefined);
        if (!settings) continue;
        const { journal, records } = await Journal.open<Record_>(join(dir, 'events.ndjson'));
        const group = new LogGroup(settings, dir, journal);
        for (const r of records) group.apply(r);
        store.groups.set(settings.name, group);
      }
    }
    return store;
  }

  group(name: string | undefined): LogGroup {
    const group = name === undefined ? undefined : this.groups.get(name);
    if (!group) throw new ResourceNotFoundException('The specified log group does not exist.');
    return group;
  }

  has(name: string): boolean {
    return this.groups.has(name);
  }

  list(): LogGroup[] {
    return [...this.groups.values()].sort((a, b) => (a.settings.name < b.settings.name ? -1 : a.settings.name > b.settings.name ? 1 : 0));
  }

  async createGroup(settings: GroupSettings, options: { update?: boolean } = {}): Promise<LogGroup> {
    const existing = this.groups.get(settings.name);
    if (existing) {
      if (!options.update) throw new ResourceAlreadyExistsException('The specified log group already exists');
      existing.settings = { ...settings, createdAt: existing.settings.createdAt };
      existing.saveSettings();
      return existing;
    }
    const dir = join(this.root, folderOf(settings.name));
    const { journal } = await Journal.open<Record_>(join(dir, 'events.ndjson'));
    const group = new LogGroup(settings, dir, journal);
    group.saveSettings();
    this.groups.set(settings.name, group);
    return group;
  }

  async deleteGroup(name: string | undefined): Promise<void> {
    const group = this.group(name);
    this.groups.delete(group.settings.name);
    await group.close();
    rmSync(group.dir, { recursive: true, force: true });
  }

  async createStream(groupName: string | undefined, streamName: string, options: { existing?: 'fail' | 'keep' } = {}): Promise<LogStream> {
    const group = this.group(groupName);
    const current = group.streams.get(streamName);
    if (current) {
      if (options.existing !== 'keep') throw new ResourceAlreadyExistsException('The specified log stream already exists');
      return current;
    }
    await group.write([{ k: 'stream', s: streamName, c: Date.now() }]);
    return group.streams.get(streamName)!;
  }

  async deleteStream(groupName: string | undefined, streamName: string): Promise<void> {
    const group = this.group(groupName);
    if (!group.streams.has(streamName)) throw new ResourceNotFoundException('The specified log stream does not exist.');
    await group.write([{ k: 'drop', s: streamName }]);
    await group.compact();
  }

  /** Appends events (already validated) to a stream; resolves once they are on disk. */
  async appendEvents(groupName: string, streamName: string, events: ReadonlyArray<{ timestamp: number; message: string }>, now = Date.now()): Promise<void> {
    const group = this.group(groupName);
    if (!group.streams.has(streamName)) throw new ResourceNotFoundException('The specified log stream does not exist.');
    await group.write(events.map((e) => ({ k: 'event', s: streamName, t: e.timestamp, m: e.message, i: now, q: group.nextSeq() })));
  }

  /** Drops events older than each group's retention; returns how many went. */
  async applyRetention(now = Date.now()): Promise<number> {
    let dropped = 0;
    for (const group of this.groups.values()) {
      const days = group.settings.retentionInDays;
      if (!days) continue;
      const cutoff = now - days * 24 * 3600 * 1000;
      let changed = false;
      for (const stream of group.streams.values()) {
        const keep = stream.events.filter((e) => e.timestamp >= cutoff);
        if (keep.length !== stream.events.length) {
          dropped += stream.events.length - keep.length;
          stream.events.splice(0, stream.events.length, ...keep);
          changed = true;
        }
      }
      if (changed) await group.compact();
    }
    return dropped;
  }

  async close(): Promise<void> {
    for (const group of this.groups.values()) await group.close();
  }
}
