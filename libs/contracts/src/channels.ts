import { z } from 'zod';

/** The channels messages arrive from and replies go back to. */
export const CHANNELS = ['TWITTER', 'SLACK', 'WEBHOOK'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

const PlatformId = z.string().regex(/^[0-9A-Za-z._:-]{1,128}$/, 'must be 1-128 characters of [0-9A-Za-z._:-]');

/**
 * Where a message came from on X, and so where a reply goes.
 *
 * @example
 * ```json
 * { "TweetId": "1572570427880538999", "UserId": "1498961531635122999", "ScreenName": "harry11", "ConversationId": "1572570427880538999" }
 * ```
 */
export const TwitterOriginSchema = z.object({
  /** The tweet to reply to (`id_str`). */
  TweetId: z.string().regex(/^[0-9]{1,20}$/),
  /** The author's user id (`user.id_str`). */
  UserId: z.string().regex(/^[0-9]{1,20}$/),
  /** The author's handle, without `@`. */
  ScreenName: z.string().min(1).max(50),
  /** The tweet this one replied to, if any. */
  InReplyToTweetId: z.string().regex(/^[0-9]{1,20}$/).optional(),
  /** The conversation (thread) id, when X sent one. */
  ConversationId: z.string().regex(/^[0-9]{1,20}$/).optional(),
});
export type TwitterOrigin = z.infer<typeof TwitterOriginSchema>;

/**
 * Where a message came from on Slack, and so where a reply goes.
 *
 * @example
 * ```json
 * { "TeamId": "T0001", "ChannelId": "C0123456", "UserId": "U0123456", "Ts": "1700000000.000100", "ThreadTs": "1700000000.000100", "EventId": "Ev0123456" }
 * ```
 */
export const SlackOriginSchema = z.object({
  TeamId: PlatformId,
  ChannelId: PlatformId,
  UserId: PlatformId,
  /** The message's `ts`. */
  Ts: z.string().regex(/^[0-9]+\.[0-9]+$/),
  /** The thread a reply belongs in (the message's `thread_ts`, else its `ts`). */
  ThreadTs: z.string().regex(/^[0-9]+\.[0-9]+$/),
  /** Slack's `event_id`, unique per event (the idempotency key). */
  EventId: PlatformId,
});
export type SlackOrigin = z.infer<typeof SlackOriginSchema>;

/**
 * Where a message came from through the generic signed webhook.
 *
 * @example
 * ```json
 * { "Source": "shop-reviews", "ExternalId": "review-8812", "ReplyUrl": "https://reviews.example.com/replies" }
 * ```
 */
export const WebhookOriginSchema = z.object({
  /** The sender's name, the `{source}` of `POST /webhook/{source}`. */
  Source: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  /** The sender's own id for the message (its idempotency key). */
  ExternalId: PlatformId,
  /** Where egress posts a reply, if the sender accepts replies. */
  ReplyUrl: z.url({ protocol: /^https$/ }).optional(),
});
export type WebhookOrigin = z.infer<typeof WebhookOriginSchema>;

/**
 * The channel blocks every message-related event carries: exactly the block
 * named by `Channel` is present. Kept as optional named blocks (not a union)
 * so the data lake's columns stay plain structs.
 */
export const OriginBlocksSchema = z.object({
  Twitter: TwitterOriginSchema.optional(),
  Slack: SlackOriginSchema.optional(),
  Webhook: WebhookOriginSchema.optional(),
});
export type OriginBlocks = z.infer<typeof OriginBlocksSchema>;

const BLOCK_OF: Record<Channel, keyof OriginBlocks> = {
  TWITTER: 'Twitter',
  SLACK: 'Slack',
  WEBHOOK: 'Webhook',
};

/** The name of the origin block that a channel's messages carry. */
export function originBlockOf(channel: Channel): keyof OriginBlocks {
  return BLOCK_OF[channel];
}

/** Zod refinement: the block of `Channel` is present and no other one is. */
export function refineOrigin(value: { Channel: Channel } & OriginBlocks, ctx: z.RefinementCtx): void {
  const expected = BLOCK_OF[value.Channel];
  for (const block of Object.values(BLOCK_OF)) {
    const present = value[block] !== undefined;
    if (block === expected && !present) {
      ctx.addIssue({ code: 'custom', path: [block], message: `${value.Channel} messages need the ${block} block` });
    } else if (block !== expected && present) {
      ctx.addIssue({ code: 'custom', path: [block], message: `${value.Channel} messages must not carry the ${block} block` });
    }
  }
}
