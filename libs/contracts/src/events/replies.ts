import { z } from 'zod';
import { ChannelSchema, OriginBlocksSchema, refineOrigin } from '../channels';

/**
 * The channel-neutral command to reply to a message (the original design's
 * `SEND_TWEET`). Responding emits it; egress turns it into a post on the
 * message's channel, exactly once per `CommandId`.
 *
 * @example
 * ```json
 * {
 *   "CommandId": "REPLY-TWITTER-1572570427880538999",
 *   "MessageId": "TWITTER-1572570427880538999",
 *   "Channel": "TWITTER",
 *   "Responder": "IMAGE",
 *   "Text": "I spotted Keanu Reeves and 1 more face",
 *   "Image": { "Bucket": "responding-annotated-123456789012-eu-west-1", "Key": "annotated/TWITTER-1572570427880538999/0.png", "ContentType": "image/png" },
 *   "RequestedAt": "2022-09-21T12:56:25.100Z",
 *   "Twitter": { "TweetId": "1572570427880538999", "UserId": "1498961531635122999", "ScreenName": "harry11" }
 * }
 * ```
 */
export const SendReplySchema = z
  .object({
    /** Deterministic: `REPLY-<MessageId>`, so a redelivered or replayed command posts once. */
    CommandId: z.string().regex(/^REPLY-[0-9A-Za-z._:-]{1,220}$/),
    MessageId: z.string().min(1),
    Channel: ChannelSchema,
    /** Which responder answered. */
    Responder: z.enum(['TEXT', 'IMAGE']),
    /** The reply's text; egress fits it to the channel's own limit. */
    Text: z.string().min(1).max(4000),
    /** An image to attach (the annotated photo). */
    Image: z
      .object({
        Bucket: z.string().min(3),
        Key: z.string().min(1),
        ContentType: z.enum(['image/png', 'image/jpeg']),
      })
      .optional(),
    RequestedAt: z.iso.datetime(),
    ...OriginBlocksSchema.shape,
  })
  .superRefine(refineOrigin);
export type SendReply = z.infer<typeof SendReplySchema>;

/**
 * A reply was posted on its channel.
 *
 * @example
 * ```json
 * {
 *   "CommandId": "REPLY-TWITTER-1572570427880538999",
 *   "MessageId": "TWITTER-1572570427880538999",
 *   "Channel": "TWITTER",
 *   "PlatformMessageId": "1572570431234567890",
 *   "SentAt": "2022-09-21T12:56:26.000Z"
 * }
 * ```
 */
export const ReplySentSchema = z.object({
  CommandId: z.string().min(1),
  MessageId: z.string().min(1),
  Channel: ChannelSchema,
  /**
   * The new post's id on the platform: the tweet id; the Slack message `ts`, or
   * the file id of an image reply (a shared file has no message `ts` yet); the
   * webhook receiver's `id`, else the `CommandId`.
   */
  PlatformMessageId: z.string().min(1),
  SentAt: z.iso.datetime(),
});
export type ReplySent = z.infer<typeof ReplySentSchema>;

/**
 * A reply could not be posted. `Permanent` failures (the platform refused it)
 * are not retried; the command also lands in egress's dead-letter queue.
 *
 * @example
 * ```json
 * {
 *   "CommandId": "REPLY-TWITTER-1572570427880538999",
 *   "MessageId": "TWITTER-1572570427880538999",
 *   "Channel": "TWITTER",
 *   "Reason": "403 Forbidden: You are not allowed to reply to this Tweet.",
 *   "StatusCode": 403,
 *   "Permanent": true,
 *   "FailedAt": "2022-09-21T12:56:26.000Z"
 * }
 * ```
 */
export const ReplyFailedSchema = z.object({
  CommandId: z.string().min(1),
  MessageId: z.string().min(1),
  Channel: ChannelSchema,
  Reason: z.string().min(1).max(2000),
  StatusCode: z.number().int().optional(),
  Permanent: z.boolean(),
  FailedAt: z.iso.datetime(),
});
export type ReplyFailed = z.infer<typeof ReplyFailedSchema>;
