import type { ChannelDelivery } from '@sma/anti-corruption';
import type { DomainEvent } from '@sma/contracts';

/**
 * The unit of exactly-once publishing: one idempotency record, one PutEvents
 * call. Keyed by the platform's own id, so a redelivery finds the record.
 */
export interface PublishUnit {
  readonly key: string;
  /** Identity of the delivery's payload (generic webhook), else null. */
  readonly fingerprint: string | null;
  readonly events: readonly DomainEvent[];
}

/**
 * Splits a delivery into units: one per raw event (`raw:<EventId>`) and one per
 * message (`message:<MessageId>`). Messages are units of their own because two
 * deliveries can carry the same message: Slack sends a channel mention as both
 * an `app_mention` and a `message` event, with different event ids.
 */
export function publishUnits(delivery: ChannelDelivery, fingerprint: string | null = null): PublishUnit[] {
  return [
    ...delivery.raw.map((event) => ({ key: `raw:${event.detail.EventId}`, fingerprint, events: [event] })),
    ...delivery.messages.map((message) => ({
      key: `message:${message.MessageId}`,
      fingerprint,
      events: [{ detailType: 'MESSAGE_RECEIVED' as const, detail: message }],
    })),
  ];
}
