/** Base class of every error raised by the ingress service itself. */
export class IngressError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IngressError';
  }
}

/** The body is over the size ingress accepts (HTTP 413). */
export class PayloadTooLargeError extends IngressError {
  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`Body is ${sizeBytes} bytes, over the limit of ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** A method the route does not serve (HTTP 405); API Gateway answers this before the Lambda in production. */
export class MethodNotAllowedError extends IngressError {
  constructor(
    readonly method: string,
    readonly allowed: readonly string[],
  ) {
    super(`Method ${method} is not allowed here; use ${allowed.join(' or ')}`);
    this.name = 'MethodNotAllowedError';
  }
}

/**
 * `POST /webhook/{source}` for a source with no secret configured. Answered
 * 401 with the same message as a bad signature, so callers cannot discover
 * which sources exist; the log says which it was.
 */
export class UnknownWebhookSourceError extends IngressError {
  constructor(readonly source: string) {
    super('Invalid x-sma-signature');
    this.name = 'UnknownWebhookSourceError';
  }
}

/** A channel secret could not be read from Secrets Manager (HTTP 503: the platform retries). */
export class SecretUnavailableError extends IngressError {
  constructor(
    readonly secretName: string,
    options?: { cause?: unknown },
  ) {
    super(`Secret ${secretName} could not be read`, options);
    this.name = 'SecretUnavailableError';
  }
}

/** A channel secret is not of its documented shape. The message names paths only, never values. */
export class SecretInvalidError extends IngressError {
  constructor(
    readonly secretName: string,
    readonly paths: readonly string[],
  ) {
    super(`Secret ${secretName} is not of the expected shape (check ${paths.join(', ') || 'its JSON'})`);
    this.name = 'SecretInvalidError';
  }
}

/** A sender reused an id for a different payload (HTTP 422): the first one was published, this one is refused. */
export class IdempotencyKeyReusedError extends IngressError {
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`The id of ${key.replace(/^(raw|message):/, '')} was already used for a different payload`, options);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Publishing some units of a delivery failed. Nothing of those units was
 * acknowledged (their idempotency records were released), so the platform's
 * retry publishes them; units that succeeded are skipped as duplicates then.
 */
export class PublishFailedError extends IngressError {
  constructor(
    readonly failures: ReadonlyArray<{ readonly key: string; readonly error: unknown }>,
    readonly succeeded: number,
  ) {
    super(
      `${failures.length} of ${failures.length + succeeded} unit(s) failed: ${failures
        .slice(0, 3)
        .map((f) => `${f.key}: ${f.error instanceof Error ? `${f.error.name}: ${f.error.message}` : String(f.error)}`)
        .join('; ')}`,
    );
    this.name = 'PublishFailedError';
  }
}

/** The function's environment is missing or has an invalid setting; it refuses to start. */
export class IngressConfigurationError extends IngressError {
  constructor(message: string) {
    super(message);
    this.name = 'IngressConfigurationError';
  }
}
