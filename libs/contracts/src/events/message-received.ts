import { z } from 'zod';
import { ChannelSchema, OriginBlocksSchema, refineOrigin } from '../channels';

/** At most this many images are analysed per message (X allows 4 per post). */
export const MAX_IMAGES_PER_MESSAGE = 4;

/**
 * The fields every message-related event repeats, whatever the channel.
 * Exported unrefined so later contracts can extend it.
 */
export const MessageFieldsSchema = z.object({
  /**
   * Deterministic id: `<CHANNEL>-<the platform's own id>`. The same delivery,
   * redelivered or replayed, always has the same `MessageId`.
   */
  MessageId: z.string().regex(/^(TWITTER|SLACK|WEBHOOK)-[0-9A-Za-z._:-]{1,200}$/),
  Channel: ChannelSchema,
  /** The full text as the author wrote it (never truncated here; analysis truncates per API). */
  Text: z.string().max(1_000_000),
  /** Photos attached to the message, https only; videos and GIFs are not included. */
  ImageUrls: z.array(z.url({ protocol: /^https$/ })).max(MAX_IMAGES_PER_MESSAGE),
  /** The author's handle or display name, for people to read (alerts, replies). */
  Author: z.string().min(1).max(200),
  /** The author's id on the channel (also what the bot's session id is made from). */
  AuthorId: z.string().min(1).max(128),
  /** When ingress accepted the delivery. */
  ReceivedAt: z.iso.datetime(),
  ...OriginBlocksSchema.shape,
});
export type MessageFields = z.infer<typeof MessageFieldsSchema>;

/**
 * A message for the bot, from any channel, in the system's own terms. Ingress's
 * anti-corruption mappers publish it for each mention or reply to our account
 * that our own account did not write.
 *
 * @example
 * ```json
 * {
 *   "MessageId": "TWITTER-1572570427880538999",
 *   "Channel": "TWITTER",
 *   "Text": "@makitdev tell me a joke",
 *   "ImageUrls": ["https://pbs.twimg.com/media/FdJdXzWXkAEvKzM.jpg"],
 *   "Author": "harry11",
 *   "AuthorId": "1498961531635122999",
 *   "ReceivedAt": "2022-09-21T12:56:22.000Z",
 *   "Twitter": {
 *     "TweetId": "1572570427880538999",
 *     "UserId": "1498961531635122999",
 *     "ScreenName": "harry11",
 *     "ConversationId": "1572570427880538999"
 *   }
 * }
 * ```
 */
export const MessageReceivedSchema = MessageFieldsSchema.superRefine(refineOrigin);
export type MessageReceived = z.infer<typeof MessageReceivedSchema>;
