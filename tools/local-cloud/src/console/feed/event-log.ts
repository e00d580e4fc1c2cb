/**
 * The console's event log: the most recent bus events as `EventRecord`s, kept in
 * memory in ingestion order and journaled under the data directory, so the stream
 * and the messages view survive a restart. Bounded: the oldest records go first.
 * Listeners hear every new record and every delivery change.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { Journal } from '../../core/persistence';
import type { DeliveryView, EventRecord } from '../api-types';
import { withDelivery } from './event-merge';
import { matchesFilter, type EventFilter } from './filter';

type Entry = { readonly t: 'e'; readonly r: EventRecord } | { readonly t: 'd'; readonly k: string; readonly d: DeliveryView };

export interface Page {
  readonly records: EventRecord[];
  /** Pass as `before` to get the next (older) page. */
  readonly next?: string;
}

export class EventLog {
  private readonly records = new Map<string, EventRecord>();
  private readonly emitter = new EventEmitter();
  private writes = 0;

  private constructor(
    private readonly journal: Journal<Entry>,
    private readonly capacity: number,
    private readonly onError: (err: unknown) => void,
  ) {
    this.emitter.setMaxListeners(0);
  }

  /** Opens the log in `dir`, reading what earlier runs kept. */
  static async open(dir: string, options: { capacity?: number; onError?: (err: unknown) => void } = {}): Promise<EventLog> {
    const { journal, records } = await Journal.open<Entry>(join(dir, 'events.ndjson'));
    const log = new EventLog(journal, options.capacity ?? 5000, options.onError ?? (() => undefined));
    for (const entry of records) {
      if (entry.t === 'e') log.records.set(entry.r.key, entry.r);
      else {
        const r = log.records.get(entry.k);
        if (r) log.records.set(entry.k, withDelivery(r, entry.d));
      }
    }
    log.evict();
    await log.compact();
    return log;
  }

  get size(): number {
    return this.records.size;
  }

  /** Adds (or replaces) a record; journaled in the background. */
  add(record: EventRecord): void {
    this.records.delete(record.key);
    this.records.set(record.key, record);
    this.evict();
    this.write({ t: 'e', r: record });
    this.emitter.emit('event', record);
  }

  /** Records a delivery's new state; returns the updated record (undefined when the event is no longer kept). */
  updateDelivery(key: string, delivery: DeliveryView): EventRecord | undefined {
    const record = this.records.get(key);
    if (!record) return undefined;
    const updated = withDelivery(record, delivery);
    this.records.set(key, updated);
    this.write({ t: 'd', k: key, d: delivery });
    this.emitter.emit('delivery', { key, delivery });
    return updated;
  }

  get(key: string): EventRecord | undefined {
    return this.records.get(key);
  }

  /** Every record, oldest first. */
  all(): IterableIterator<EventRecord> {
    return this.records.values();
  }

  /** Newest first, `limit` at most, older than the record `before` when given. */
  page(options: { limit?: number; before?: string; filter?: EventFilter } = {}): Page {
    const limit = Math.max(1, Math.min(options.limit ?? 100, 1000));
    const list = [...this.records.values()];
    let end = list.length;
    if (options.before !== undefined) {
      const i = list.findIndex((r) => r.key === options.before);
      if (i !== -1) end = i;
    }
    const records: EventRecord[] = [];
    let i = end - 1;
    for (; i >= 0 && records.length < limit; i--) {
      const r = list[i]!;
      if (!options.filter || matchesFilter(r, options.filter)) records.push(r);
    }
    const last = records[records.length - 1];
    return { records, ...(i >= 0 && last ? { next: last.key } : {}) };
  }

  onEvent(listener: (record: EventRecord) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  onDelivery(listener: (update: { key: string; delivery: DeliveryView }) => void): () => void {
    this.emitter.on('delivery', listener);
    return () => this.emitter.off('delivery', listener);
  }

  async close(): Promise<void> {
    await this.journal.close();
  }

  private evict(): void {
    while (this.records.size > this.capacity) this.records.delete(this.records.keys().next().value!);
  }

  private write(entry: Entry): void {
    this.journal.append(entry).catch(this.onError);
    // The journal holds superseded entries too; rewrite it when it has grown to twice what is kept.
    if (++this.writes >= this.capacity * 2) {
      this.writes = 0;
      this.compact().catch(this.onError);
    }
  }

  private compact(): Promise<void> {
    return this.journal.rewrite(() => [...this.records.values()].map((r): Entry => ({ t: 'e', r })));
  }
}
