/**
 * One queue's messages and SQS's rules for them, with time passed in: delays,
 * visibility timeouts, receive counts and the redrive to a dead-letter queue,
 * retention, FIFO ordering by message group with deduplication. Every state
 * change is returned as a `Change` for the store's journal.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { QueueSettings } from './attributes';
import type { StoredAttribute } from './checksums';
import { InvalidParameterValue, MessageNotInflight, ReceiptHandleIsInvalid } from './errors';

export interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes?: Readonly<Record<string, StoredAttribute>>;
  readonly md5OfAttributes?: string;
  readonly systemAttributes?: Readonly<Record<string, StoredAttribute>>;
  readonly md5OfSystemAttributes?: string;
  /** Epoch ms when first enqueued (kept when moved to a dead-letter queue). */
  readonly sentAt: number;
  readonly visibleAt: number;
  readonly receiveCount: number;
  readonly firstReceiveAt?: number;
  /** Epoch ms of the latest receive: its visibility may extend to 12 hours from then. */
  readonly receivedAt?: number;
  /** The receipt handle of the latest receive. */
  readonly handle?: string;
  readonly groupId?: string;
  readonly dedupId?: string;
  readonly sequenceNumber?: string;
  readonly senderId: string;
  /** The queue a dead letter came from (`DeadLetterQueueSourceArn`). */
  readonly sourceArn?: string;
}

export type Change = { readonly op: 'put'; readonly m: StoredMessage } | { readonly op: 'del'; readonly id: string } | { readonly op: 'purge' };

/** FIFO deduplication interval. */
const DEDUP_MS = 5 * 60 * 1000;
/** A message may stay invisible at most 12 hours from its receive. */
const MAX_VISIBILITY_S = 43_200;

function handleFor(message: StoredMessage, receiveCount: number): string {
  return `${Buffer.from(message.id).toString('base64url')}.${receiveCount}.${randomBytes(24).toString('base64url')}`;
}

function parseHandle(handle: string): { id: string; receiveCount: number } {
  const m = /^([A-Za-z0-9_-]+)\.(\d+)\.[A-Za-z0-9_-]{32}$/.exec(handle);
  if (!m) throw new ReceiptHandleIsInvalid(handle);
  return { id: Buffer.from(m[1]!, 'base64url').toString('utf8'), receiveCount: Number(m[2]) };
}

export interface Received {
  readonly delivered: StoredMessage[];
  /** Messages past maxReceiveCount, to be moved to the dead-letter queue (already removed here). */
  readonly deadLetters: StoredMessage[];
  readonly changes: Change[];
}

export class Queue {
  readonly messages = new Map<string, StoredMessage>();
  private readonly dedup = new Map<string, { expires: number; id: string; sequenceNumber?: string }>();
  private sequence = 0n;
  lastPurge = 0;

  constructor(
    readonly name: string,
    readonly arn: string,
    public settings: QueueSettings,
    readonly createdAt: number,
    public modifiedAt: number,
    public tags: Record<string, string> = {},
  ) {}

  apply(change: Change): void {
    if (change.op === 'put') {
      this.messages.set(change.m.id, change.m);
      if (change.m.sequenceNumber) this.sequence = BigInt(change.m.sequenceNumber) > this.sequence ? BigInt(change.m.sequenceNumber) : this.sequence;
    } else if (change.op === 'del') this.messages.delete(change.id);
    else this.messages.clear();
  }

  /**
   * Enqueues a message. For FIFO queues a duplicate (same deduplication id
   * within five minutes) is accepted but not enqueued again: the first
   * message's id and sequence number are answered.
   */
  send(
    fields: Omit<StoredMessage, 'id' | 'sentAt' | 'visibleAt' | 'receiveCount' | 'sequenceNumber'> & { readonly delaySeconds?: number },
    now: number,
  ): { message: StoredMessage; changes: Change[]; duplicate: boolean } {
    const { delaySeconds, ...rest } = fields;
    if (this.settings.FifoQueue && rest.dedupId) {
      const key = this.settings.DeduplicationScope === 'messageGroup' ? `${rest.groupId}\u0000${rest.dedupId}` : rest.dedupId;
      const seen = this.dedup.get(key);
      if (seen && seen.expires > now) {
        const existing = this.messages.get(seen.id);
        return {
          message: existing ?? { ...rest, id: seen.id, sentAt: now, visibleAt: now, receiveCount: 0, ...(seen.sequenceNumber ? { sequenceNumber: seen.sequenceNumber } : {}) },
          changes: [],
          duplicate: true,
        };
      }
    }
    const id = randomUUID();
    const sequenceNumber = this.settings.FifoQueue ? (this.sequence = this.sequence + 1n).toString().padStart(20, '0') : undefined;
    const message: StoredMessage = {
      ...rest,
      id,
      sentAt: now,
      visibleAt: now + (delaySeconds ?? this.settings.DelaySeconds) * 1000,
      receiveCount: 0,
      ...(sequenceNumber ? { sequenceNumber } : {}),
    };
    if (this.settings.FifoQueue && rest.dedupId) {
      const key = this.settings.DeduplicationScope === 'messageGroup' ? `${rest.groupId}\u0000${rest.dedupId}` : rest.dedupId;
      this.dedup.set(key, { expires: now + DEDUP_MS, id, ...(sequenceNumber ? { sequenceNumber } : {}) });
    }
    const changes: Change[] = [{ op: 'put', m: message }];
    changes.forEach((c) => this.apply(c));
    return { message, changes, duplicate: false };
  }

  /** Puts a message moved from another queue (a dead letter, or a redrive back to its source). */
  adopt(message: StoredMessage, now: number, sourceArn?: string): Change[] {
    const { handle: _h, firstReceiveAt: _f, receivedAt: _r, sourceArn: _s, ...rest } = message;
    const moved: StoredMessage = { ...rest, visibleAt: now, receiveCount: 0, ...(sourceArn ? { sourceArn } : {}) };
    const changes: Change[] = [{ op: 'put', m: moved }];
    changes.forEach((c) => this.apply(c));
    return changes;
  }

  /** Drops messages past the retention period. */
  expire(now: number): Change[] {
    const changes: Change[] = [];
    for (const m of this.messages.values()) {
      if (m.sentAt + this.settings.MessageRetentionPeriod * 1000 <= now) changes.push({ op: 'del', id: m.id });
    }
    changes.forEach((c) => this.apply(c));
    return changes;
  }

  private inFlight(m: StoredMessage, now: number): boolean {
    return m.receiveCount > 0 && m.visibleAt > now;
  }

  /**
   * Receives up to `max` visible messages, oldest first, hiding them for
   * `visibilitySeconds`. One pass in arrival order, stopping as soon as `max`
   * are found. A FIFO receive may span groups, each kept in order; a group
   * with a message in flight is skipped.
   * Messages past retention met on the way are dropped.
   */
  receive(max: number, visibilitySeconds: number, now: number): Received {
    const changes: Change[] = [];
    const delivered: StoredMessage[] = [];
    const deadLetters: StoredMessage[] = [];
    const redrive = this.settings.RedrivePolicy;
    const retentionMs = this.settings.MessageRetentionPeriod * 1000;
    const fifo = this.settings.FifoQueue;
    // A FIFO group with any message in flight is locked, wherever that message sits.
    const lockedGroups = new Set<string>();
    if (fifo) for (const m of this.messages.values()) if (m.groupId && this.inFlight(m, now)) lockedGroups.add(m.groupId);
    for (const m of this.messages.values()) {
      if (delivered.length >= max) break;
      if (m.sentAt + retentionMs <= now) {
        changes.push({ op: 'del', id: m.id });
        continue;
      }
      if (m.visibleAt > now) continue;
      if (fifo && (!m.groupId || lockedGroups.has(m.groupId))) continue;
      if (redrive && m.receiveCount >= redrive.maxReceiveCount) {
        deadLetters.push(m);
        changes.push({ op: 'del', id: m.id });
        // A FIFO group stays in order: what follows a dead letter waits for the next receive.
        if (m.groupId) lockedGroups.add(m.groupId);
        continue;
      }
      const receiveCount = m.receiveCount + 1;
      const next: StoredMessage = {
        ...m,
        receiveCount,
        visibleAt: now + visibilitySeconds * 1000,
        firstReceiveAt: m.firstReceiveAt ?? now,
        receivedAt: now,
        handle: handleFor(m, receiveCount),
      };
      changes.push({ op: 'put', m: next });
      delivered.push(next);
    }
    // Applied after the pass: a put keeps the message's place in arrival order, a delete removes it.
    changes.forEach((c) => this.apply(c));
    return { delivered, deadLetters, changes };
  }

  /** Deletes the message a receipt handle names; an already deleted message is not an error. */
  delete(handle: string): Change[] {
    const { id } = parseHandle(handle);
    if (!this.messages.has(id)) return [];
    const change: Change = { op: 'del', id };
    this.apply(change);
    return [change];
  }

  changeVisibility(handle: string, seconds: number, now: number): Change[] {
    const { id, receiveCount } = parseHandle(handle);
    const m = this.messages.get(id);
    if (!m || m.receiveCount !== receiveCount || !this.inFlight(m, now)) throw new MessageNotInflight();
    if (seconds < 0 || seconds > MAX_VISIBILITY_S || (m.receivedAt !== undefined && now + seconds * 1000 - m.receivedAt > MAX_VISIBILITY_S * 1000)) {
      throw new InvalidParameterValue(
        `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_S} seconds]`,
      );
    }
    const next: StoredMessage = { ...m, visibleAt: now + seconds * 1000 };
    this.apply({ op: 'put', m: next });
    return [{ op: 'put', m: next }];
  }

  purge(): Change[] {
    this.apply({ op: 'purge' });
    return [{ op: 'purge' }];
  }

  counts(now: number): { visible: number; inFlight: number; delayed: number } {
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.messages.values()) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /** When the next invisible message becomes visible (for long polls), if any. */
  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const m of this.messages.values()) if (m.visibleAt > now && (next === undefined || m.visibleAt < next)) next = m.visibleAt;
    return next;
  }
}
