import { IdempotencyAlreadyInProgressError, makeIdempotent, type IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { parseBusEvent, type DomainEvent, type SendReply } from '@sma/contracts';
import type { Attachment, ChannelSenders } from './channels/sender';
import { outcomeEvent, retryingEvent, type DeliveryOutcome } from './delivery/outcome';
import { withRateLimitRetries, type RateLimitPolicy } from './delivery/rate-limit';
import { DeliveryError, PermanentDeliveryError } from './errors';

/** Idempotency keys start with this instead of the function's name, so a replaced function still knows what was posted. */
export const IDEMPOTENCY_KEY_PREFIX = 'egress.deliver';
/** Where the idempotency key is in the idempotent function's argument. */
export const IDEMPOTENCY_KEY_PATH = 'command.CommandId';

export interface ReplyDeliveryDeps {
  readonly senders: ChannelSenders;
  readonly readAttachment: (command: SendReply) => Promise<Attachment | undefined>;
  /** Puts a refused command's event into the dead-letter queue. */
  readonly deadLetter: (event: unknown, error: PermanentDeliveryError, commandId: string) => Promise<void>;
  readonly publish: (events: readonly DomainEvent[]) => Promise<void>;
  readonly idempotency: { readonly persistenceStore: BasePersistenceLayer; readonly config: IdempotencyConfig };
  readonly rateLimit: Omit<RateLimitPolicy, 'remainingMs'>;
  readonly now: () => Date;
  /** Told about a failed attempt that will be retried (for logs and metrics). */
  readonly onRetrying?: (command: SendReply, error: unknown) => void;
}

interface DeliveryRequest {
  readonly command: SendReply;
  /** The event as received, for the dead-letter queue. */
  readonly event: unknown;
}

/**
 * Posts each `SEND_REPLY` once, whatever happens around it.
 *
 * The posting itself is idempotent on `CommandId` (Powertools Idempotency, in
 * DynamoDB): a command delivered twice, retried after a crash, or replayed from
 * the archive gets the stored outcome back instead of a second post. A
 * platform's refusal is an outcome too (stored, dead-lettered once, never
 * retried); a rate limit is waited out within the invocation when it fits; a
 * 5xx, a timeout or a longer rate limit fails the invocation so that Lambda
 * retries it, and after its retries puts it in the dead-letter queue.
 *
 * The outcome event (`REPLY_SENT` / `REPLY_FAILED`) is published after the
 * idempotent part, so a failure to publish retries the publishing without
 * posting again: consumers may see an outcome more than once and deduplicate
 * on `CommandId`.
 */
export function createReplyDelivery(deps: ReplyDeliveryDeps): (event: unknown, context: Context) => Promise<DeliveryOutcome> {
  let remainingMs: () => number = () => Number.POSITIVE_INFINITY;

  const deliver = async ({ command, event }: DeliveryRequest): Promise<DeliveryOutcome> => {
    try {
      const attachment = await deps.readAttachment(command);
      const posted = await withRateLimitRetries(() => deps.senders[command.Channel].send(command, attachment), {
        ...deps.rateLimit,
        remainingMs: () => remainingMs(),
      });
      return { Status: 'SENT', PlatformMessageId: posted.platformMessageId, SentAt: deps.now().toISOString() };
    } catch (error) {
      if (!(error instanceof PermanentDeliveryError)) throw error;
      if (error.redrivable) await deps.deadLetter(event, error, command.CommandId);
      return {
        Status: 'FAILED',
        Reason: error.reason,
        ...(error.statusCode !== undefined ? { StatusCode: error.statusCode } : {}),
        FailedAt: deps.now().toISOString(),
      };
    }
  };
  const deliverOnce = makeIdempotent(deliver, { ...deps.idempotency, keyPrefix: IDEMPOTENCY_KEY_PREFIX });

  return async (event, context) => {
    deps.idempotency.config.registerLambdaContext(context);
    remainingMs = () => context.getRemainingTimeInMillis();
    const { detail: command } = parseBusEvent(event, ['SEND_REPLY']);
    let outcome: DeliveryOutcome;
    try {
      outcome = await deliverOnce({ command, event });
    } catch (error) {
      // Another invocation is posting this very command: not a failure, Lambda's retry will find its outcome.
      if (!(error instanceof IdempotencyAlreadyInProgressError)) {
        deps.onRetrying?.(command, error);
        const failure = error instanceof DeliveryError || error instanceof Error ? error : new Error(String(error));
        // Best effort: the original error is what must surface.
        await deps.publish([retryingEvent(command, failure, deps.now())]).catch(() => undefined);
      }
      throw error;
    }
    await deps.publish([outcomeEvent(command, outcome)]);
    return outcome;
  };
}
