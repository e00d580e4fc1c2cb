/**
 * Exactly-once accounting of messages, for the end-to-end tests and the soak bench: from
 * the events the bus archived (the `all` archive of the Plumbing bus, read from the data
 * directory) and the replies the local X API received, how many of each step every
 * message got. Counted by the deterministic `MessageId` every domain event carries
 * (`TWITTER-<tweet id>`), so a message is the same message however often it was
 * delivered.
 */
import { PLUMBING_BUS_NAME, type DetailType } from '@sma/contracts';
import { readArchivedEvents } from '../src/services/events';
import type { FakeRecord } from '../src/fakes/recorder';

/** The steps every message goes through, in order; each must happen exactly once. */
export const MESSAGE_STEPS = ['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'SEND_REPLY', 'REPLY_SENT'] as const satisfies readonly DetailType[];
export type MessageStep = (typeof MESSAGE_STEPS)[number] | 'reply posted';

/** An event as the archive and the catch-all log hold it (only what the accounting reads). */
export interface CountedEvent {
  readonly 'detail-type': string;
  readonly detail: unknown;
  readonly 'replay-name'?: string;
}

export interface StepTally {
  readonly exactlyOnce: number;
  /** Messages with none of this step. */
  readonly missing: readonly string[];
  /** Messages with more than one, and how many. */
  readonly duplicated: ReadonlyArray<readonly [string, number]>;
}

export type Ledger = Readonly<Record<MessageStep, StepTally>>;

const messageIdOf = (detail: unknown): string | undefined => {
  const id = (detail as { MessageId?: unknown } | null)?.MessageId;
  return typeof id === 'string' ? id : undefined;
};

function tally(messageIds: readonly string[], counts: ReadonlyMap<string, number>): StepTally {
  const missing: string[] = [];
  const duplicated: Array<readonly [string, number]> = [];
  for (const id of messageIds) {
    const n = counts.get(id) ?? 0;
    if (n === 0) missing.push(id);
    else if (n > 1) duplicated.push([id, n]);
  }
  return { exactlyOnce: messageIds.length - missing.length - duplicated.length, missing, duplicated };
}

/**
 * How many of each step the given messages got. Replayed copies are not counted (they
 * are the same events again); events of other messages are ignored. Pure.
 */
export function account(messageIds: readonly string[], events: Iterable<CountedEvent>, repliedTo: Iterable<string>): Ledger {
  const wanted = new Set(messageIds);
  const perStep = new Map<MessageStep, Map<string, number>>([...MESSAGE_STEPS, 'reply posted' as const].map((s) => [s, new Map()]));
  const add = (step: MessageStep, id: string | undefined) => {
    if (id === undefined || !wanted.has(id)) return;
    const counts = perStep.get(step)!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  for (const e of events) {
    if (e['replay-name'] || !(MESSAGE_STEPS as readonly string[]).includes(e['detail-type'])) continue;
    add(e['detail-type'] as MessageStep, messageIdOf(e.detail));
  }
  for (const id of repliedTo) add('reply posted', id);
  return Object.fromEntries([...perStep].map(([step, counts]) => [step, tally(messageIds, counts)])) as unknown as Ledger;
}

/** The `MessageId`s of the mentions the local X API's replies answer (one per reply posted). */
export function repliedMessageIds(tweets: readonly FakeRecord[]): string[] {
  return tweets.map((r) => r.data['inReplyToTweetId']).filter((id): id is string => typeof id === 'string').map((id) => `TWITTER-${id}`);
}

/** The ledger of a local cloud's messages, from its data directory's archive and its X API records. */
export function accountFromArchive(dataDir: string, messageIds: readonly string[], tweets: readonly FakeRecord[]): Ledger {
  return account(
    messageIds,
    readArchivedEvents(dataDir, PLUMBING_BUS_NAME).map((a) => a.e),
    repliedMessageIds(tweets),
  );
}

/** True when every message had every step exactly once. */
export const isExactlyOnce = (ledger: Ledger): boolean => Object.values(ledger).every((t) => t.missing.length === 0 && t.duplicated.length === 0);

/** One line per step: `MESSAGE_RECEIVED  40/40 exactly once, 0 missing, 0 duplicated`. */
export function describeLedger(ledger: Ledger, total: number): string {
  return Object.entries(ledger)
    .map(([step, t]) => `${step.padEnd(17)} ${t.exactlyOnce}/${total} exactly once, ${t.missing.length} missing, ${t.duplicated.length} duplicated`)
    .join('\n');
}
