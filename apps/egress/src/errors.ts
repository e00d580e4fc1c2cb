import type { Channel } from '@sma/contracts';

/** Base class of every error the egress service raises. */
export class EgressError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EgressError';
  }
}

/** A required environment variable (set by the stack) is missing or malformed. */
export class ConfigurationError extends EgressError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Environment variable ${variable} ${problem}`);
    this.name = 'ConfigurationError';
  }
}

/** A channel secret does not have the shape `@sma/contracts` defines. */
export class InvalidSecretError extends EgressError {
  constructor(
    readonly secretName: string,
    details: string,
    options?: { cause?: unknown },
  ) {
    super(`Secret ${secretName} is invalid: ${details}`, options);
    this.name = 'InvalidSecretError';
  }
}

/** What a platform answer means for the reply. */
export type FailureKind = 'RATE_LIMITED' | 'TRANSIENT' | 'PERMANENT';

interface DeliveryErrorDetails {
  readonly channel: Channel;
  /** The platform's own words, for REPLY_FAILED and the dead-letter queue. */
  readonly reason: string;
  readonly statusCode?: number;
  readonly cause?: unknown;
}

/** Posting a reply failed; `kind` says whether and how to try again. */
export abstract class DeliveryError extends EgressError {
  abstract readonly kind: FailureKind;
  readonly channel: Channel;
  readonly reason: string;
  readonly statusCode: number | undefined;

  constructor(details: DeliveryErrorDetails) {
    super(`${details.channel}: ${details.reason}`, { cause: details.cause });
    this.name = 'DeliveryError';
    this.channel = details.channel;
    this.reason = details.reason;
    this.statusCode = details.statusCode;
  }
}

/** HTTP 429: try again after `retryAfterMs` (when the platform said). */
export class RateLimitedError extends DeliveryError {
  readonly kind = 'RATE_LIMITED';
  constructor(
    details: DeliveryErrorDetails,
    readonly retryAfterMs: number | undefined,
  ) {
    super(details);
    this.name = 'RateLimitedError';
  }
}

/** A 5xx, a timeout or a network error: the same request may succeed later. */
export class TransientDeliveryError extends DeliveryError {
  readonly kind = 'TRANSIENT';
  constructor(details: DeliveryErrorDetails) {
    super(details);
    this.name = 'TransientDeliveryError';
  }
}

/**
 * The platform refused the reply (a 4xx other than 429): the same request will
 * be refused again. `redrivable` is false when nothing could change that (a
 * webhook sender that takes no replies), so the command is not dead-lettered.
 */
export class PermanentDeliveryError extends DeliveryError {
  readonly kind = 'PERMANENT';
  constructor(
    details: DeliveryErrorDetails,
    readonly redrivable = true,
  ) {
    super(details);
    this.name = 'PermanentDeliveryError';
  }
}
