import { z } from 'zod';
import { MAX_IMAGES_PER_MESSAGE } from '@sma/contracts';

/** Longest text a generic webhook message may carry (characters). Longer texts are refused with 400. */
export const MAX_WEBHOOK_TEXT_LENGTH = 100_000;

/** A sender's own id: the idempotency key of the delivery, and part of the `MessageId`. */
export const WebhookExternalIdSchema = z
  .string()
  .regex(/^[0-9A-Za-z._:-]{1,128}$/, 'must be 1-128 characters of [0-9A-Za-z._:-]');

const HttpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });

/**
 * The JSON body of `POST /webhook/{source}`: one message from any other system
 * (a shop's reviews, a support desk, a form...). Unknown top-level fields are
 * refused, so a misspelt field fails loudly instead of being ignored; anything
 * sender-specific goes under `metadata` and is kept in the raw `WEBHOOK_EVENT`.
 *
 * @example
 * ```json
 * {
 *   "id": "review-8812",
 *   "text": "The parcel arrived broken and nobody answers my emails",
 *   "author": { "id": "c-19", "name": "Dana" },
 *   "imageUrls": ["https://reviews.example.com/uploads/8812/parcel.jpg"],
 *   "replyUrl": "https://reviews.example.com/replies",
 *   "occurredAt": "2024-03-01T09:29:58Z",
 *   "metadata": { "rating": 1, "orderId": "A-1009" }
 * }
 * ```
 */
export const WebhookBodySchema = z.strictObject({
  /** The sender's id for this message; a redelivery must reuse it (it is the idempotency key). */
  id: WebhookExternalIdSchema,
  /** The message as the author wrote it (may be empty when it is only images). */
  text: z.string().max(MAX_WEBHOOK_TEXT_LENGTH),
  author: z.strictObject({
    /** The author's id in the sender's system. */
    id: z.string().min(1).max(128),
    /** A name for people to read; the id is used when absent. */
    name: z.string().min(1).max(200).optional(),
  }),
  /** Public https photos to analyse, at most four. */
  imageUrls: z.array(HttpsUrl).max(MAX_IMAGES_PER_MESSAGE).optional(),
  /** Where a reply should be posted, if the sender accepts replies. */
  replyUrl: HttpsUrl.optional(),
  /** When the message was written, in the sender's system. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  /** Anything else the sender wants kept with the raw event. */
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type WebhookBody = z.infer<typeof WebhookBodySchema>;
