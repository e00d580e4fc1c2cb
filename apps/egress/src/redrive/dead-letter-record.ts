import { parseBusEvent, type BusEvent } from '@sma/contracts';

/** How a command reached the dead-letter queue, which says how it failed. */
export type DeadLetterOrigin =
  /** EventBridge could not deliver it, or egress dead-lettered a refusal itself: the body is the event. */
  | 'EVENT'
  /** The function threw on every try: the body is Lambda's on-failure invocation record. */
  | 'LAMBDA_FAILURE';

export interface DeadLetter {
  readonly origin: DeadLetterOrigin;
  readonly event: BusEvent<'SEND_REPLY'>;
  /** The event exactly as it was delivered. */
  readonly raw: Record<string, unknown>;
  /** What went wrong, as recorded with it. */
  readonly error: string | undefined;
}

type Attributes = Readonly<Record<string, { StringValue?: string } | undefined>> | undefined;

/**
 * Reads a message of the egress dead-letter queue, whichever of the two shapes
 * it has, and checks it holds a valid `SEND_REPLY`. Throws (with the contract's
 * message) for anything else: such a message is left in the queue for a person.
 */
export function readDeadLetter(body: string, attributes: Attributes): DeadLetter {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  if ('requestPayload' in parsed && 'requestContext' in parsed) {
    const raw = parsed['requestPayload'] as Record<string, unknown>;
    const response = parsed['responsePayload'] as { errorType?: string; errorMessage?: string } | undefined;
    return {
      origin: 'LAMBDA_FAILURE',
      event: parseBusEvent(raw, ['SEND_REPLY']),
      raw,
      error: response ? `${response.errorType ?? 'Error'}: ${response.errorMessage ?? ''}`.trim() : undefined,
    };
  }
  const code = attributes?.['ERROR_CODE']?.StringValue;
  const message = attributes?.['ERROR_MESSAGE']?.StringValue;
  return {
    origin: 'EVENT',
    event: parseBusEvent(parsed, ['SEND_REPLY']),
    raw: parsed,
    error: code || message ? `${code ?? 'Error'}: ${message ?? ''}`.trim() : undefined,
  };
}
