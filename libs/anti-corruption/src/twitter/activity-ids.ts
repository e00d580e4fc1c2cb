import type { AccountActivityKind } from '@sma/contracts';
import { contentId } from '../crypto/content-id';

type Item = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

const field = (item: Item, ...path: string[]): string | undefined => {
  let value: unknown = item;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Item)[key];
  }
  return text(value);
};

/** Joins parts into an id, or undefined when any part is missing (the caller then falls back to the content hash). */
const join = (...parts: Array<string | undefined>): string | undefined =>
  parts.every((p): p is string => p !== undefined) ? parts.join('-') : undefined;

/** Follow, block and mute events: who did it to whom, and when. */
const relationship = (item: Item) =>
  join(field(item, 'source', 'id'), field(item, 'target', 'id'), field(item, 'created_timestamp'));

/** Typing and read receipts: sender, recipient and time. */
const dmSignal = (item: Item) =>
  join(field(item, 'sender_id'), field(item, 'target', 'recipient_id'), field(item, 'created_timestamp'));

/**
 * X's own identity of each kind of activity, so the same activity redelivered
 * gets the same `EventId` (and idempotency key). Typed by the contracts' kinds:
 * a new kind without an entry fails to compile. Kinds with no natural id, and
 * items missing the fields, fall back to a hash of the item's content.
 */
const NATURAL_IDS: { readonly [K in AccountActivityKind]: (item: Item) => string | undefined } = {
  tweet_create_events: (item) => field(item, 'id_str'),
  favorite_events: (item) => field(item, 'id'),
  follow_events: relationship,
  unfollow_events: relationship,
  block_events: relationship,
  unblock_events: relationship,
  mute_events: relationship,
  unmute_events: relationship,
  user_event: (item) =>
    join(field(item, 'revoke', 'source', 'user_id'), field(item, 'revoke', 'target', 'app_id'), field(item, 'revoke', 'date_time')),
  direct_message_events: (item) => field(item, 'id'),
  direct_message_indicate_typing_events: dmSignal,
  direct_message_mark_read_events: dmSignal,
  tweet_delete_events: (item) => field(item, 'status', 'id'),
};

/** Longest kind name kept in an `EventId` (the contract's `Kind` limit). */
export const MAX_KIND_LENGTH = 128;

/**
 * The deterministic `EventId` of one activity: `TWITTER-<kind>-<X's id>`, or
 * `TWITTER-<kind>-<content hash>` for unknown kinds and id-less items.
 */
export function activityEventId(kind: string, item: Item): string {
  const natural = kind in NATURAL_IDS ? NATURAL_IDS[kind as AccountActivityKind](item) : undefined;
  return `TWITTER-${kind.slice(0, MAX_KIND_LENGTH)}-${natural ?? contentId(item)}`;
}
