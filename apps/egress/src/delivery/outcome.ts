import type { DomainEvent, SendReply } from '@sma/contracts';
import type { DeliveryError } from '../errors';
import { reasonText } from './http-failures';

/**
 * What posting a command came to, as the idempotency store keeps it: a replay
 * of the command gets this back instead of posting again.
 */
export type DeliveryOutcome =
  | { readonly Status: 'SENT'; readonly PlatformMessageId: string; readonly SentAt: string }
  | { readonly Status: 'FAILED'; readonly Reason: string; readonly StatusCode?: number; readonly FailedAt: string };

/** The event announcing a final outcome: REPLY_SENT, or REPLY_FAILED marked permanent. */
export function outcomeEvent(command: SendReply, outcome: DeliveryOutcome): DomainEvent {
  const ids = { CommandId: command.CommandId, MessageId: command.MessageId, Channel: command.Channel };
  if (outcome.Status === 'SENT') {
    return { detailType: 'REPLY_SENT', detail: { ...ids, PlatformMessageId: outcome.PlatformMessageId, SentAt: outcome.SentAt } };
  }
  return {
    detailType: 'REPLY_FAILED',
    detail: {
      ...ids,
      Reason: outcome.Reason,
      ...(outcome.StatusCode !== undefined ? { StatusCode: outcome.StatusCode } : {}),
      Permanent: true,
      FailedAt: outcome.FailedAt,
    },
  };
}

/** The event announcing a failed attempt that will be retried: REPLY_FAILED, not permanent. */
export function retryingEvent(command: SendReply, error: DeliveryError | Error, now: Date): DomainEvent {
  const statusCode = 'statusCode' in error ? error.statusCode : undefined;
  return {
    detailType: 'REPLY_FAILED',
    detail: {
      CommandId: command.CommandId,
      MessageId: command.MessageId,
      Channel: command.Channel,
      Reason: reasonText('reason' in error ? error.reason : `${error.name}: ${error.message}`),
      ...(statusCode !== undefined ? { StatusCode: statusCode } : {}),
      Permanent: false,
      FailedAt: now.toISOString(),
    },
  };
}
