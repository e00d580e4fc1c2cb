import { z } from 'zod';
import type { AccountActivityKind } from '@sma/contracts';

/** A numeric X id as a string (`id_str`, `for_user_id`): JSON numbers lose precision above 2^53. */
export const XIdSchema = z.string().regex(/^[0-9]{1,20}$/, 'must be a numeric id string');

const MediaSchema = z.looseObject({
  type: z.string(),
  media_url_https: z.string().optional(),
  /** The t.co link X appends to the text for the attachment. */
  url: z.string().optional(),
});

const EntitiesSchema = z.looseObject({
  user_mentions: z.array(z.looseObject({ id_str: XIdSchema })).optional(),
  media: z.array(MediaSchema).optional(),
});

const ExtendedEntitiesSchema = z.looseObject({
  media: z.array(MediaSchema).optional(),
});

/**
 * The v1.1 Tweet object as Account Activity delivers it, reduced to what the
 * mapper reads. Unknown fields pass through untouched.
 */
export const TweetSchema = z
  .looseObject({
    id_str: XIdSchema,
    text: z.string().optional(),
    /** Present instead of `text` when the payload was rendered in extended mode. */
    full_text: z.string().optional(),
    truncated: z.boolean().optional(),
    /** Tweets over 140 characters: the full text and its entities live here. */
    extended_tweet: z
      .looseObject({
        full_text: z.string(),
        entities: EntitiesSchema.optional(),
        extended_entities: ExtendedEntitiesSchema.optional(),
      })
      .optional(),
    user: z.looseObject({ id_str: XIdSchema, screen_name: z.string().min(1).max(50) }),
    in_reply_to_status_id_str: XIdSchema.nullish(),
    in_reply_to_user_id_str: XIdSchema.nullish(),
    /** Not part of v1.1; read when X sends it. */
    conversation_id_str: XIdSchema.optional(),
    entities: EntitiesSchema.optional(),
    extended_entities: ExtendedEntitiesSchema.optional(),
    /** Set on reposts (retweets): the reposted tweet. */
    retweeted_status: z.looseObject({}).nullish(),
  })
  .refine((t) => t.text !== undefined || t.full_text !== undefined || t.extended_tweet !== undefined, {
    message: 'a tweet needs text, full_text or extended_tweet.full_text',
  });
export type Tweet = z.infer<typeof TweetSchema>;

const ItemSchema = z.looseObject({});
const ItemsSchema = z.array(ItemSchema);

/**
 * What each Account Activity array must hold. Typed by the contracts' kinds, so
 * a kind added there and forgotten here fails to compile. `user_event` is the
 * one kind X sends as an object rather than an array; a list is accepted too.
 */
export const ACTIVITY_ITEM_SCHEMAS = {
  tweet_create_events: z.array(TweetSchema),
  favorite_events: ItemsSchema,
  follow_events: ItemsSchema,
  unfollow_events: ItemsSchema,
  block_events: ItemsSchema,
  unblock_events: ItemsSchema,
  mute_events: ItemsSchema,
  unmute_events: ItemsSchema,
  user_event: z.union([ItemSchema, ItemsSchema]),
  direct_message_events: ItemsSchema,
  direct_message_indicate_typing_events: ItemsSchema,
  direct_message_mark_read_events: ItemsSchema,
  tweet_delete_events: ItemsSchema,
} as const satisfies { readonly [K in AccountActivityKind]: z.ZodType };

/** Top-level keys of a delivery that describe it rather than carry activities. */
export const ENVELOPE_KEYS = ['for_user_id', 'user_has_blocked', 'is_blocked_by', 'apps', 'users'] as const;

const BlockedFlagSchema = z.union([z.boolean(), z.enum(['true', 'false'])]);

const activityShape = Object.fromEntries(
  Object.entries(ACTIVITY_ITEM_SCHEMAS).map(([kind, schema]) => [kind, schema.optional()]),
) as { [K in AccountActivityKind]: z.ZodOptional<(typeof ACTIVITY_ITEM_SCHEMAS)[K]> };

/**
 * One Account Activity delivery: `for_user_id` (the subscribed account), the
 * mention flags, side tables (`users`, `apps`) and one array per activity kind.
 * Unknown top-level keys are kept: X may add activity kinds, and those are
 * published as `TWITTER_UNKNOWN` rather than dropped.
 */
export const AccountActivitySchema = z
  .looseObject({
    for_user_id: XIdSchema.optional(),
    /** On mentions: whether the subscribed account has blocked the author (older payloads). */
    user_has_blocked: BlockedFlagSchema.optional(),
    /** On mentions: the same flag under its current name. */
    is_blocked_by: BlockedFlagSchema.optional(),
    apps: z.looseObject({}).optional(),
    users: z.looseObject({}).optional(),
    ...activityShape,
  })
  .refine((p) => p.for_user_id !== undefined || p.user_event !== undefined, {
    path: ['for_user_id'],
    message: 'for_user_id is required',
  });
export type AccountActivity = z.infer<typeof AccountActivitySchema>;

/** True when X flagged the mentioning author as blocked by the subscribed account. */
export function authorIsBlocked(payload: AccountActivity): boolean {
  return [payload.user_has_blocked, payload.is_blocked_by].some((flag) => flag === true || flag === 'true');
}
