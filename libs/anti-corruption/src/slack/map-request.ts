import type { ChannelDelivery, RawSlackEvent } from '../delivery';
import { parsePayload } from '../json';
import { SlackEventsApiBodySchema } from './events-api';
import { slackEventToMessage } from './messages';

/** What a verified Events API request asks of ingress. */
export type SlackRequest =
  /** Answer 200 with the challenge; publish nothing. */
  | { readonly kind: 'url_verification'; readonly challenge: string }
  /** Slack is dropping our events: acknowledge and log loudly; publish nothing. */
  | { readonly kind: 'app_rate_limited'; readonly teamId?: string; readonly minuteRateLimited?: number }
  /** An event: publish its raw `SLACK_EVENT` and, if it is a message to the bot, a `MESSAGE_RECEIVED`. */
  | { readonly kind: 'event_callback'; readonly eventId: string; readonly delivery: ChannelDelivery<RawSlackEvent> };

/**
 * Maps one verified Slack Events API body. Throws `InvalidPayloadError` for a
 * body that is not one of the documented envelopes, or a message event
 * without its user, channel or ts.
 */
export function mapSlackRequest(body: unknown, receivedAt: string): SlackRequest {
  const envelope = parsePayload(SlackEventsApiBodySchema, 'Slack Events API body', body);
  switch (envelope.type) {
    case 'url_verification':
      return { kind: 'url_verification', challenge: envelope.challenge };
    case 'app_rate_limited':
      return {
        kind: 'app_rate_limited',
        ...(envelope.team_id !== undefined ? { teamId: envelope.team_id } : {}),
        ...(envelope.minute_rate_limited !== undefined ? { minuteRateLimited: envelope.minute_rate_limited } : {}),
      };
    case 'event_callback': {
      const eventId = `SLACK-${envelope.event_id}`;
      const decision = slackEventToMessage(envelope, receivedAt);
      const delivery: ChannelDelivery<RawSlackEvent> = {
        raw: [
          {
            detailType: 'SLACK_EVENT',
            detail: {
              EventId: eventId,
              TeamId: envelope.team_id,
              Type: envelope.event.type,
              ReceivedAt: receivedAt,
              Event: (body as { event: Record<string, unknown> }).event,
            },
          },
        ],
        messages: decision.message ? [decision.message] : [],
        skipped: decision.reason ? [{ eventId, reason: decision.reason }] : [],
        unknownKinds: [],
      };
      return { kind: 'event_callback', eventId: envelope.event_id, delivery };
    }
  }
}
