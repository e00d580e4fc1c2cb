/**
 * The delivery outbox: every (event, rule target) pair a `PutEvents` matched is
 * written here — fsynced, before `PutEvents` answers — and stays until it is
 * acknowledged: delivered, dead-lettered or dropped. Failures retry with
 * exponential backoff and jitter within the target's retry policy; non-retryable
 * errors and exhausted retries go to the target's dead-letter queue with
 * EventBridge's attributes. A restart resumes everything not acknowledged
 * (at-least-once: a delivery in flight at a crash happens again).
 */
import { join } from 'node:path';
import type { Cloud } from '../../core/cloud';
import { deliverToArn } from '../../core/deliver';
import { Journal } from '../../core/persistence';
import type { BusEvent, Rule, RuleTarget } from './model';
import { deliver, isRetryable } from './targets';

export type DeliveryResult = 'delivered' | 'dead-lettered' | 'dropped';

type Record_ =
  | { t: 'q'; d: string; e: BusEvent; rule: string; target: string; at: number }
  | { t: 'a'; d: string; n: number; code: string; message: string }
  | { t: 'x'; d: string; r: DeliveryResult };

export interface Delivery {
  readonly id: string;
  readonly event: BusEvent;
  readonly ruleArn: string;
  readonly targetId: string;
  /** Ingestion time (ms). */
  readonly at: number;
  attempts: number;
  lastError?: { code: string; message: string };
}

export interface OutboxDeps {
  readonly cloud: Cloud;
  /** The rule and target a delivery is for, as currently configured. */
  readonly resolve: (ruleArn: string, targetId: string) => { rule: Rule; target: RuleTarget } | undefined;
  /** Told about every attempt and outcome (the per-event trace, the activity log). */
  readonly onAttempt?: (d: Delivery, error: { code: string; message: string } | undefined) => void;
  readonly onDone?: (d: Delivery, result: DeliveryResult) => void;
  /** @default Math.random */
  readonly random?: () => number;
}

/** EventBridge's backoff: exponential from 1 s, capped at 5 minutes, with jitter. */
export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + random() * (base / 2));
}

export class Outbox {
  private journal!: Journal<Record_>;
  private readonly pending = new Map<string, Delivery>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private acknowledged = 0;
  /** Deliveries being acknowledged (out of `pending`, record not yet on disk). */
  private finishing = 0;

  constructor(private readonly deps: OutboxDeps) {}

  async open(dir: string): Promise<void> {
    const { journal, records } = await Journal.open<Record_>(join(dir, 'outbox.ndjson'));
    this.journal = journal;
    for (const r of records) {
      if (r.t === 'q') this.pending.set(r.d, { id: r.d, event: r.e, ruleArn: r.rule, targetId: r.target, at: r.at, attempts: 0 });
      else if (r.t === 'a') {
        const d = this.pending.get(r.d);
        if (d) {
          d.attempts = r.n;
          d.lastError = { code: r.code, message: r.message };
        }
      } else this.pending.delete(r.d);
    }
    await this.compact();
  }

  /** Deliveries left unacknowledged by a previous run, resumed now. */
  resume(): number {
    for (const d of this.pending.values()) this.schedule(d, 0);
    return this.pending.size;
  }

  /**
   * Durably queues deliveries (resolves once on disk). They start with `dispatch`,
   * so the caller can record them (traces) before any outcome arrives.
   */
  async enqueue(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    // State first, then the journal: a compaction in between keeps the records (see Journal.rewrite).
    for (const d of deliveries) this.pending.set(d.id, d);
    try {
      await this.journal.appendMany(deliveries.map((d) => ({ t: 'q' as const, d: d.id, e: d.event, rule: d.ruleArn, target: d.targetId, at: d.at })));
    } catch (err) {
      for (const d of deliveries) this.pending.delete(d.id);
      throw err;
    }
  }

  /** Starts queued deliveries. */
  dispatch(deliveries: readonly Delivery[]): void {
    for (const d of deliveries) this.schedule(d, 0);
  }

  /** Deliveries not yet acknowledged durably. */
  get size(): number {
    return this.pending.size + this.finishing;
  }

  private schedule(d: Delivery, delayMs: number): void {
    if (this.stopped) return;
    const run = () => void this.attempt(d);
    if (delayMs <= 0) {
      setImmediate(run);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(d: Delivery): Promise<void> {
    if (this.stopped || !this.pending.has(d.id)) return;
    const resolved = this.deps.resolve(d.ruleArn, d.targetId);
    if (!resolved) {
      this.deps.cloud.log.warn(`dropping a delivery of event ${d.event.id}: ${d.ruleArn} target ${d.targetId} no longer exists`);
      await this.finish(d, 'dropped');
      return;
    }
    const { rule, target } = resolved;
    d.attempts++;
    let error: { code: string; message: string } | undefined;
    let retryable = false;
    try {
      const input = target.input.render(d.event, { ruleName: rule.name, ruleArn: rule.arn, ingestionTime: new Date(d.at) });
      await deliver(this.deps.cloud, target, d.event, input);
    } catch (err) {
      error = { code: (err as Error).name || 'Error', message: (err as Error).message };
      retryable = isRetryable(err);
    }
    if (this.stopped) return;
    this.deps.onAttempt?.(d, error);
    if (!error) {
      await this.finish(d, 'delivered');
      return;
    }
    d.lastError = error;
    const ageSeconds = (Date.now() - d.at) / 1000;
    const retriesLeft = d.attempts <= target.retryPolicy.maximumRetryAttempts;
    const young = ageSeconds < target.retryPolicy.maximumEventAgeSeconds;
    if (retryable && retriesLeft && young) {
      await this.journal.append({ t: 'a', d: d.id, n: d.attempts, ...error });
      this.schedule(d, backoffMs(d.attempts, this.deps.random ?? Math.random) * this.deps.cloud.config.delayScale);
      return;
    }
    await this.deadLetter(d, rule, target, error, retryable ? (retriesLeft ? 'MaximumEventAgeInSeconds' : 'MaximumRetryAttempts') : undefined);
  }

  private async deadLetter(d: Delivery, rule: Rule, target: RuleTarget, error: { code: string; message: string }, exhausted: string | undefined): Promise<void> {
    if (!target.deadLetterArn) {
      this.deps.cloud.log.warn(`event ${d.event.id} to ${rule.name}/${target.id} failed (${error.code}) and the target has no dead-letter queue: dropped`);
      await this.finish(d, 'dropped');
      return;
    }
    try {
      await deliverToArn(this.deps.cloud, target.deadLetterArn, JSON.stringify(d.event), {
        attributes: {
          ERROR_CODE: error.code,
          ERROR_MESSAGE: error.message.slice(0, 1024),
          RULE_ARN: rule.arn,
          TARGET_ARN: target.arn,
          RETRY_ATTEMPTS: String(Math.max(0, d.attempts - 1)),
          ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: exhausted } : {}),
        },
      });
    } catch (err) {
      // The dead-letter queue refused: keep the delivery and try the queue again later.
      this.deps.cloud.log.error(`could not dead-letter event ${d.event.id} to ${target.deadLetterArn}`, { error: err as Error });
      if (!this.stopped) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          void this.deadLetter(d, rule, target, error, exhausted);
        }, 5_000 * this.deps.cloud.config.delayScale);
        this.timers.add(timer);
      }
      return;
    }
    await this.finish(d, 'dead-lettered');
  }

  private async finish(d: Delivery, result: DeliveryResult): Promise<void> {
    this.finishing++;
    this.pending.delete(d.id);
    try {
      await this.journal.append({ t: 'x', d: d.id, r: result });
    } finally {
      this.finishing--;
    }
    this.deps.onDone?.(d, result);
    if (++this.acknowledged % 10_000 === 0) await this.compact();
  }

  /** Rewrites the outbox with only the unacknowledged deliveries. */
  private async compact(): Promise<void> {
    await this.journal.rewrite(() =>
      [...this.pending.values()].flatMap((d) => [
        { t: 'q' as const, d: d.id, e: d.event, rule: d.ruleArn, target: d.targetId, at: d.at },
        ...(d.attempts > 0 && d.lastError ? [{ t: 'a' as const, d: d.id, n: d.attempts, ...d.lastError }] : []),
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
