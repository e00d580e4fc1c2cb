import type { MessageReceived } from '@sma/contracts';
import type { ChannelDelivery, RawWebhookEvent } from '../delivery';
import { parsePayload } from '../json';
import { WebhookBodySchema } from './body';

/**
 * Maps one verified generic webhook body from `source`: a raw `WEBHOOK_EVENT`
 * with the body as sent, and a `MESSAGE_RECEIVED` (every generic webhook
 * delivery is a message for the bot). Both carry `WEBHOOK-<source>-<id>`.
 * Throws `InvalidPayloadError` if the body does not fit `WebhookBodySchema`.
 */
export function mapWebhookDelivery(source: string, body: unknown, receivedAt: string): ChannelDelivery<RawWebhookEvent> {
  const parsed = parsePayload(WebhookBodySchema, 'generic webhook body', body);
  const id = `WEBHOOK-${source}-${parsed.id}`;
  const message: MessageReceived = {
    MessageId: id,
    Channel: 'WEBHOOK',
    Text: parsed.text,
    ImageUrls: parsed.imageUrls ?? [],
    Author: parsed.author.name ?? parsed.author.id,
    AuthorId: parsed.author.id,
    ReceivedAt: receivedAt,
    Webhook: {
      Source: source,
      ExternalId: parsed.id,
      ...(parsed.replyUrl !== undefined ? { ReplyUrl: parsed.replyUrl } : {}),
    },
  };
  return {
    raw: [
      {
        detailType: 'WEBHOOK_EVENT',
        detail: { EventId: id, Source: source, ReceivedAt: receivedAt, Payload: body as Record<string, unknown> },
      },
    ],
    messages: [message],
    skipped: [],
    unknownKinds: [],
  };
}
