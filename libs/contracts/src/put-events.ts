import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { MAX_ENTRIES_PER_PUT, MAX_PUT_EVENTS_BYTES, PLUMBING_BUS_NAME } from './bus';
import { EventTooLargeError, PutEventsFailedError } from './errors';
import { CONTRACTS, type DetailOf, type DetailType } from './registry';
import { parseDetail } from './validate';

/** One event to publish: its detail-type and a detail that must satisfy the contract. */
export type DomainEvent = {
  [T in DetailType]: {
    readonly detailType: T;
    readonly detail: DetailOf<T>;
    /** ARNs the event concerns (optional, counted in the entry size). */
    readonly resources?: readonly string[];
    /** When the event happened; EventBridge uses the time of the call if omitted. */
    readonly time?: Date;
  };
}[DetailType];

export interface PutEventsOptions {
  /** @default PLUMBING_BUS_NAME */
  readonly busName?: string;
  /** Attempts per failed entry, counting the first. @default 3 */
  readonly maxAttempts?: number;
  /** Base of the exponential backoff between attempts, in ms (full jitter). @default 100 */
  readonly baseDelayMs?: number;
  /** Injected for tests. @default setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected for tests. @default Math.random */
  readonly random?: () => number;
}

export interface PutEventsResult {
  /** EventBridge's id for each event, in the order given. */
  readonly eventIds: readonly string[];
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The size EventBridge counts against the 256 KB limit for one entry (its documented formula). */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  size += utf8Bytes(entry.Source ?? '') + utf8Bytes(entry.DetailType ?? '');
  if (entry.Detail) size += utf8Bytes(entry.Detail);
  for (const r of entry.Resources ?? []) size += utf8Bytes(r);
  return size;
}

/** Validates one event against its contract and turns it into a PutEvents entry. */
export function toEntry(event: DomainEvent, busName: string = PLUMBING_BUS_NAME): PutEventsRequestEntry {
  const detail = parseDetail(event.detailType, event.detail);
  const entry: PutEventsRequestEntry = {
    EventBusName: busName,
    Source: CONTRACTS[event.detailType].source,
    DetailType: event.detailType,
    Detail: JSON.stringify(detail),
    ...(event.resources ? { Resources: [...event.resources] } : {}),
    ...(event.time ? { Time: event.time } : {}),
  };
  const size = entrySize(entry);
  if (size > MAX_PUT_EVENTS_BYTES) throw new EventTooLargeError(event.detailType, size, MAX_PUT_EVENTS_BYTES);
  return entry;
}

/** Splits entries into requests of at most 10 entries and 256 KB in total, keeping their order. */
export function batchEntries<E extends PutEventsRequestEntry>(entries: readonly E[]): E[][] {
  const batches: E[][] = [];
  let current: E[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length === MAX_ENTRIES_PER_PUT || currentBytes + size > MAX_PUT_EVENTS_BYTES) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Publishes domain events to the bus: validates every detail against its
 * contract and checks every size before sending anything, sends in batches of
 * at most 10 entries / 256 KB, retries the entries EventBridge reports as failed
 * (PutEvents does not throw on partial failure) with exponential backoff and
 * full jitter, and throws `PutEventsFailedError` if any entry still fails, so
 * that the caller's trigger retries.
 */
export async function putEvents(
  client: EventBridgeClient,
  events: readonly DomainEvent[],
  options: PutEventsOptions = {},
): Promise<PutEventsResult> {
  const { busName = PLUMBING_BUS_NAME, maxAttempts = 3, baseDelayMs = 100 } = options;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  const entries = events.map((event, index) => ({ ...toEntry(event, busName), index }));
  const eventIds: string[] = new Array<string>(entries.length);

  let pending = entries;
  let failures: Array<{ index: number; errorCode: string; errorMessage: string }> = [];
  for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(Math.floor(random() * baseDelayMs * 2 ** (attempt - 2)));
    failures = [];
    const stillPending: typeof pending = [];
    for (const batch of batchEntries(pending)) {
      const response = await client.send(
        new PutEventsCommand({ Entries: batch.map(({ index: _index, ...entry }) => entry) }),
      );
      const results = response.Entries ?? [];
      batch.forEach((entry, i) => {
        const result = results[i];
        if (result?.EventId && !result.ErrorCode) {
          eventIds[entry.index] = result.EventId;
        } else {
          stillPending.push(entry);
          failures.push({
            index: entry.index,
            errorCode: result?.ErrorCode ?? 'MissingResultEntry',
            errorMessage: result?.ErrorMessage ?? 'EventBridge returned no result for this entry',
          });
        }
      });
    }
    pending = stillPending;
  }
  if (pending.length > 0) {
    throw new PutEventsFailedError(
      failures.map((f) => ({
        detailType: entries[f.index]!.DetailType!,
        errorCode: f.errorCode,
        errorMessage: f.errorMessage,
      })),
      maxAttempts,
    );
  }
  return { eventIds };
}
