import { z } from 'zod';

/**
 * A raw delivery of the generic signed webhook (`POST /webhook/{source}`),
 * published with source `WEBHOOK`.
 *
 * @example
 * ```json
 * {
 *   "EventId": "WEBHOOK-shop-reviews-review-8812",
 *   "Source": "shop-reviews",
 *   "ReceivedAt": "2024-03-01T09:30:00.000Z",
 *   "Payload": { "id": "review-8812", "text": "The parcel arrived broken and nobody answers my emails", "author": { "id": "c-19", "name": "Dana" } }
 * }
 * ```
 */
export const WebhookEventSchema = z.object({
  EventId: z.string().min(1).max(256),
  Source: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  ReceivedAt: z.iso.datetime(),
  Payload: z.looseObject({}),
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
