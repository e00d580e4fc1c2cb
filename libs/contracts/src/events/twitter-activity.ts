import { z } from 'zod';

/**
 * X Account Activity payload arrays, and the raw detail-type each becomes.
 * The names keep the original design's vocabulary (`TWITTER_TWEETED`, ...).
 */
export const ACCOUNT_ACTIVITY_KINDS = {
  tweet_create_events: 'TWITTER_TWEETED',
  favorite_events: 'TWITTER_FAVOURITED',
  follow_events: 'TWITTER_FOLLOWED',
  unfollow_events: 'TWITTER_UNFOLLOWED',
  block_events: 'TWITTER_BLOCKED',
  unblock_events: 'TWITTER_UNBLOCKED',
  mute_events: 'TWITTER_MUTED',
  unmute_events: 'TWITTER_UNMUTED',
  user_event: 'TWITTER_PERMISSION_REVOKED',
  direct_message_events: 'TWITTER_DM_RECEIVED',
  direct_message_indicate_typing_events: 'TWITTER_DM_TYPING',
  direct_message_mark_read_events: 'TWITTER_DM_MARKED_READ',
  tweet_delete_events: 'TWITTER_DELETED',
} as const;

export type AccountActivityKind = keyof typeof ACCOUNT_ACTIVITY_KINDS;

/** Detail-type for an activity array X adds later and we do not know yet: still published, never dropped. */
export const TWITTER_UNKNOWN = 'TWITTER_UNKNOWN';

export const TWITTER_DETAIL_TYPES = [...Object.values(ACCOUNT_ACTIVITY_KINDS), TWITTER_UNKNOWN] as const;
export type TwitterDetailType = (typeof TWITTER_DETAIL_TYPES)[number];

/**
 * A raw X Account Activity item, one per element of each payload array,
 * published with source `TWITTER` before any mapping (the anti-corruption
 * layer turns mentions into `MESSAGE_RECEIVED` separately).
 *
 * @example
 * ```json
 * {
 *   "EventId": "TWITTER-tweet_create_events-1572570427880538999",
 *   "ForUserId": "19985099",
 *   "Kind": "tweet_create_events",
 *   "ReceivedAt": "2022-09-21T12:56:22.000Z",
 *   "Activity": {
 *     "created_at": "Wed Sep 21 12:56:21 +0000 2022",
 *     "id_str": "1572570427880538999",
 *     "text": "@makitdev tell me a joke",
 *     "truncated": false,
 *     "in_reply_to_status_id_str": null,
 *     "in_reply_to_user_id_str": "19985099",
 *     "user": { "id_str": "1498961531635122999", "name": "Harry", "screen_name": "harry11" },
 *     "entities": { "hashtags": [], "urls": [], "user_mentions": [{ "screen_name": "makitdev", "id_str": "19985099", "indices": [0, 9] }] }
 *   }
 * }
 * ```
 */
export const TwitterActivitySchema = z.object({
  /** Deterministic: the same delivery always gives the same id, so consumers can deduplicate. */
  EventId: z.string().min(1).max(256),
  /** The subscribed account (`for_user_id`). */
  ForUserId: z.string().regex(/^[0-9]{1,20}$/),
  /** The payload array the item came from, e.g. `tweet_create_events`. */
  Kind: z.string().min(1).max(128),
  ReceivedAt: z.iso.datetime(),
  /** The item exactly as X sent it. */
  Activity: z.looseObject({}),
});
export type TwitterActivity = z.infer<typeof TwitterActivitySchema>;
