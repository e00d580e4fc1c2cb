/**
 * What happened in the local cloud, as a stream the console (and tests) can follow:
 * API calls, event deliveries, Lambda invocations, executions. Kept in a bounded
 * in-memory ring; services persist their own detailed records.
 */
import { EventEmitter } from 'node:events';

export interface ActivityRecord {
  readonly time: string;
  /** The service or component that recorded it (`events`, `lambda`, `fakes`…). */
  readonly source: string;
  /** What kind of thing happened (`api-call`, `delivery`, `invocation`…). */
  readonly kind: string;
  readonly summary: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export class ActivityLog {
  private readonly ring: ActivityRecord[] = [];
  private readonly emitter = new EventEmitter();

  constructor(private readonly capacity = 5000) {
    this.emitter.setMaxListeners(100);
  }

  record(source: string, kind: string, summary: string, data?: Record<string, unknown>): void {
    const record: ActivityRecord = { time: new Date().toISOString(), source, kind, summary, ...(data ? { data } : {}) };
    this.ring.push(record);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    this.emitter.emit('record', record);
  }

  /** The most recent records, oldest first. */
  recent(limit = 200, filter?: (r: ActivityRecord) => boolean): ActivityRecord[] {
    const list = filter ? this.ring.filter(filter) : this.ring;
    return list.slice(-limit);
  }

  /** Follows new records; returns the unsubscribe function. */
  subscribe(listener: (record: ActivityRecord) => void): () => void {
    this.emitter.on('record', listener);
    return () => this.emitter.off('record', listener);
  }
}
