/** Base class of every error raised by `@sma/anti-corruption`. */
export class AntiCorruptionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AntiCorruptionError';
  }
}

/**
 * The caller could not prove it is who it claims to be (HTTP 401). Messages are
 * safe to show the caller: they say what is wrong, never what was expected.
 */
export class AuthenticationError extends AntiCorruptionError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthenticationError';
  }
}

/** A signature or timestamp header is absent. */
export class MissingSignatureError extends AuthenticationError {
  constructor(readonly header: string) {
    super(`Missing ${header} header`);
    this.name = 'MissingSignatureError';
  }
}

/** The signature is malformed, of the wrong length, or does not match the body. */
export class InvalidSignatureError extends AuthenticationError {
  constructor(readonly header: string) {
    super(`Invalid ${header}`);
    this.name = 'InvalidSignatureError';
  }
}

/** The request's timestamp is outside the replay window (or not a timestamp at all). */
export class StaleRequestError extends AuthenticationError {
  constructor(
    readonly header: string,
    readonly windowSeconds: number,
  ) {
    super(`${header} is not within ${windowSeconds / 60} minutes of now`);
    this.name = 'StaleRequestError';
  }
}

/** The request is authentic but not what the protocol documents (HTTP 400). */
export class MalformedRequestError extends AntiCorruptionError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedRequestError';
  }
}

/** The body is not JSON. */
export class InvalidJsonError extends MalformedRequestError {
  constructor(options?: { cause?: unknown }) {
    super('Body is not valid JSON', options);
    this.name = 'InvalidJsonError';
  }
}

/** The body is JSON but not of the documented shape; `issues` name each failing path. */
export class InvalidPayloadError extends MalformedRequestError {
  constructor(
    readonly payload: string,
    readonly issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
    options?: { cause?: unknown },
  ) {
    super(
      `Body is not a valid ${payload}: ${issues
        .slice(0, 5)
        .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
      options,
    );
    this.name = 'InvalidPayloadError';
  }
}

/** An X CRC check without a token, or with one that is too long or outside the allowed characters. */
export class InvalidCrcTokenError extends MalformedRequestError {
  constructor(reason: string) {
    super(`Invalid crc_token: ${reason}`);
    this.name = 'InvalidCrcTokenError';
  }
}
