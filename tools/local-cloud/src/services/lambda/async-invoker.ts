/**
 * Asynchronous invocation (`InvocationType: Event`), as Lambda runs it: the event is
 * queued durably (the 202 comes after the journal's fsync), run, retried on a
 * function error (`MaximumRetryAttempts`, default 2, about 1 then 2 minutes apart),
 * dropped past `MaximumEventAgeInSeconds` (default 6 h), and its outcome sent to the
 * on-success / on-failure destination or the function's dead-letter queue. A restart
 * resumes every queued event (at-least-once, as Lambda).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Cloud } from '../../core/cloud';
import { deliverToArn } from '../../core/deliver';
import { Journal } from '../../core/persistence';
import type { ErrorRecord, Outcome } from './sandbox';

/** An `AWS::Lambda::EventInvokeConfig`. */
export interface EventInvokeConfig {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
  readonly onSuccess: string | undefined;
  readonly onFailure: string | undefined;
}

export const DEFAULT_EVENT_INVOKE_CONFIG: EventInvokeConfig = {
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 21_600,
  onSuccess: undefined,
  onFailure: undefined,
};

type JournalRecord =
  | { t: 'enqueue'; id: string; fn: string; payload: string; at: number }
  | { t: 'attempt'; id: string; n: number; error?: ErrorRecord }
  | { t: 'done'; id: string; status: 'success' | 'failure' | 'expired' };

interface Item {
  readonly id: string;
  readonly fn: string;
  readonly payload: string;
  readonly at: number;
  attempts: number;
  lastError?: ErrorRecord;
}

export interface AsyncInvokerDeps {
  readonly cloud: Cloud;
  /** Runs the function once with the event; resolves to the outcome. */
  readonly run: (fn: string, payload: string, requestId: string) => Promise<Outcome>;
  readonly config: (fn: string) => EventInvokeConfig;
  readonly functionArn: (fn: string) => string;
  readonly deadLetterArn: (fn: string) => string | undefined;
  /** The delays between attempts, in ms (Lambda: about 1 and 2 minutes); scaled by the cloud's delayScale. */
  readonly retryDelaysMs?: readonly number[];
}

/** Lambda's retry schedule for asynchronous invocations. */
const RETRY_DELAYS_MS = [60_000, 120_000];

export class AsyncInvoker {
  private journal!: Journal<JournalRecord>;
  private readonly pending = new Map<string, Item>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private completed = 0;

  constructor(private readonly deps: AsyncInvokerDeps) {}

  /** Opens the journal; queued events are resumed by `resume()`. */
  async open(dir: string): Promise<void> {
    const { journal, records } = await Journal.open<JournalRecord>(join(dir, 'async-invocations.ndjson'));
    this.journal = journal;
    for (const r of records) {
      if (r.t === 'enqueue') this.pending.set(r.id, { id: r.id, fn: r.fn, payload: r.payload, at: r.at, attempts: 0 });
      else if (r.t === 'attempt') {
        const item = this.pending.get(r.id);
        if (item) {
          item.attempts = r.n;
          if (r.error) item.lastError = r.error;
        }
      } else this.pending.delete(r.id);
    }
    await this.compact();
  }

  /** Runs every event left queued by a previous run. */
  resume(): number {
    const items = [...this.pending.values()];
    for (const item of items) this.schedule(item, 0);
    return items.length;
  }

  /** Queues an event durably; returns its request id once on disk. */
  async enqueue(fn: string, payload: string): Promise<string> {
    const item: Item = { id: randomUUID(), fn, payload, at: Date.now(), attempts: 0 };
    // State first, then the journal: a compaction in between keeps the record (see Journal.rewrite).
    this.pending.set(item.id, item);
    try {
      await this.journal.append({ t: 'enqueue', id: item.id, fn, payload, at: item.at });
    } catch (err) {
      this.pending.delete(item.id);
      throw err;
    }
    this.schedule(item, 0);
    return item.id;
  }

  get queued(): number {
    return this.pending.size;
  }

  private schedule(item: Item, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(item);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(item: Item): Promise<void> {
    if (this.stopped) return;
    const config = this.deps.config(item.fn);
    const ageSeconds = (Date.now() - item.at) / 1000;
    if (ageSeconds > config.maximumEventAgeSeconds) {
      await this.finish(item, 'expired', config, { errorType: 'EventAgeExceeded', errorMessage: `Event older than ${config.maximumEventAgeSeconds} s` });
      return;
    }
    item.attempts++;
    let outcome: Outcome;
    try {
      outcome = await this.deps.run(item.fn, item.payload, item.id);
    } catch (err) {
      // Throttled or the function is gone: Lambda retries these like function errors.
      outcome = { ok: false, error: { errorType: (err as Error).name, errorMessage: (err as Error).message }, durationMs: 0, memoryBytes: 0, fatal: false };
    }
    if (this.stopped) return;
    if (outcome.ok) {
      await this.journal.append({ t: 'attempt', id: item.id, n: item.attempts });
      await this.finish(item, 'success', config, undefined, outcome.payload);
      return;
    }
    item.lastError = outcome.error;
    await this.journal.append({ t: 'attempt', id: item.id, n: item.attempts, error: outcome.error });
    if (item.attempts <= config.maximumRetryAttempts) {
      const delays = this.deps.retryDelaysMs ?? RETRY_DELAYS_MS;
      const delay = (delays[Math.min(item.attempts - 1, delays.length - 1)] ?? 0) * this.deps.cloud.config.delayScale;
      this.schedule(item, delay);
      return;
    }
    await this.finish(item, 'failure', config, outcome.error);
  }

  private async finish(item: Item, status: 'success' | 'failure' | 'expired', config: EventInvokeConfig, error?: ErrorRecord, responsePayload?: string): Promise<void> {
    const { cloud } = this.deps;
    const functionArn = `${this.deps.functionArn(item.fn)}:$LATEST`;
    const destination = status === 'success' ? config.onSuccess : config.onFailure;
    try {
      if (destination) {
        const record = {
          version: '1.0',
          timestamp: new Date().toISOString(),
          requestContext: {
            requestId: item.id,
            functionArn,
            condition: status === 'success' ? 'Success' : status === 'expired' ? 'EventAgeExceeded' : 'RetriesExhausted',
            approximateInvokeCount: item.attempts,
          },
          requestPayload: JSON.parse(item.payload) as unknown,
          responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(status === 'success' ? {} : { functionError: 'Unhandled' }) },
          responsePayload: status === 'success' ? (JSON.parse(responsePayload ?? 'null') as unknown) : error,
        };
        await deliverToArn(cloud, destination, JSON.stringify(record), {
          event: {
            source: 'lambda',
            detailType: status === 'success' ? 'Lambda Function Invocation Result - Success' : 'Lambda Function Invocation Result - Failure',
            resources: [functionArn, destination],
          },
        });
      } else if (status !== 'success') {
        const dlq = this.deps.deadLetterArn(item.fn);
        if (dlq) {
          await deliverToArn(cloud, dlq, item.payload, {
            attributes: { RequestID: item.id, ErrorCode: '200', ErrorMessage: (error?.errorMessage ?? '').slice(0, 1024) },
          });
        } else {
          cloud.log.warn(`asynchronous invocation of ${item.fn} dropped after ${item.attempts} attempt(s): no destination or dead-letter queue`, {
            requestId: item.id,
            error: error?.errorMessage,
          });
        }
      }
    } catch (err) {
      // The destination refused: keep the event queued and deliver the outcome again later.
      cloud.log.error(`could not deliver the outcome of ${item.fn} ${item.id} to ${destination ?? 'its dead-letter queue'}`, { error: err as Error });
      if (!this.stopped) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          void this.finish(item, status, config, error, responsePayload);
        }, 5_000 * cloud.config.delayScale);
        this.timers.add(timer);
      }
      return;
    }
    cloud.activity.record('lambda', 'async-invocation', `${item.fn} ${status} after ${item.attempts} attempt(s)`, {
      function: item.fn,
      requestId: item.id,
      status,
      attempts: item.attempts,
      ...(error ? { error } : {}),
    });
    this.pending.delete(item.id);
    await this.journal.append({ t: 'done', id: item.id, status });
    if (++this.completed % 5000 === 0 && this.pending.size < 1000) await this.compact();
  }

  /** Rewrites the journal with only what is still queued. */
  private async compact(): Promise<void> {
    await this.journal.rewrite(() =>
      [...this.pending.values()].flatMap((i) => [
        { t: 'enqueue' as const, id: i.id, fn: i.fn, payload: i.payload, at: i.at },
        ...(i.attempts > 0 ? [{ t: 'attempt' as const, id: i.id, n: i.attempts, ...(i.lastError ? { error: i.lastError } : {}) }] : []),
      ]),
    );
  }

  async close(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.journal?.close();
  }
}
