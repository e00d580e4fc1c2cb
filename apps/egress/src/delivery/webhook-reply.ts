import type { SendReply } from '@sma/contracts';

/**
 * The JSON egress POSTs to a webhook sender's `ReplyUrl`, signed like the
 * sender's own deliveries (`x-sma-timestamp`, `x-sma-signature`).
 *
 * @example
 * ```json
 * {
 *   "CommandId": "REPLY-WEBHOOK-shop-reviews-review-8812",
 *   "MessageId": "WEBHOOK-shop-reviews-review-8812",
 *   "Source": "shop-reviews",
 *   "InReplyTo": "review-8812",
 *   "Text": "Why did the bicycle fall over? It was two tired.",
 *   "SentAt": "2024-03-01T09:30:02.000Z"
 * }
 * ```
 */
export interface WebhookReply {
  readonly CommandId: string;
  readonly MessageId: string;
  /** The `{source}` the message came in on. */
  readonly Source: string;
  /** The sender's own id of the message answered (`ExternalId`). */
  readonly InReplyTo: string;
  readonly Text: string;
  /** The annotated image, inline (at most 5 MB before base64). */
  readonly Image?: { readonly ContentType: string; readonly Base64: string };
  readonly SentAt: string;
}

export function webhookReply(
  command: SendReply,
  attachment: { readonly bytes: Uint8Array; readonly contentType: string } | undefined,
  now: Date,
): WebhookReply {
  const origin = command.Webhook!;
  return {
    CommandId: command.CommandId,
    MessageId: command.MessageId,
    Source: origin.Source,
    InReplyTo: origin.ExternalId,
    Text: command.Text,
    ...(attachment ? { Image: { ContentType: attachment.contentType, Base64: Buffer.from(attachment.bytes).toString('base64') } } : {}),
    SentAt: now.toISOString(),
  };
}

/** The receiver's id for the reply when its 2xx answer is JSON with a string `id`. */
export function receiverId(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const id = (body as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= 256 ? id : undefined;
}
