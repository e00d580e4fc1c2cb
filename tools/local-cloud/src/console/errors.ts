/**
 * Errors of the console's API. Each carries the HTTP status it answers with; any
 * other error from a route answers 500 with its message.
 */

/** Base class of the console's errors. */
export class ConsoleError extends Error {
  constructor(
    message: string,
    readonly statusCode = 500,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConsoleError';
  }
}

/** The request is malformed (bad JSON, a missing field, an impossible time window). */
export class BadRequestError extends ConsoleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 400, options);
    this.name = 'BadRequest';
  }
}

/** What the request names does not exist (an event, a message, an execution). */
export class NotFoundError extends ConsoleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 404, options);
    this.name = 'NotFound';
  }
}

/** A service the view needs is not running in this local cloud (or its stack is not loaded). */
export class UnavailableError extends ConsoleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 503, options);
    this.name = 'Unavailable';
  }
}

/** An AWS operation the console called failed; the AWS error code is kept. */
export class UpstreamError extends ConsoleError {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, 502, options);
    this.name = 'Upstream';
  }
}

/** Wraps what `cloud.send` threw: AWS client errors stay 4xx for the page, the rest are upstream failures. */
export function fromAws(err: unknown): ConsoleError {
  if (err instanceof ConsoleError) return err;
  const e = err as { name?: string; message?: string; statusCode?: number; $metadata?: { httpStatusCode?: number } };
  const status = e.statusCode ?? e.$metadata?.httpStatusCode;
  const code = e.name ?? 'Error';
  if (code === 'NotImplemented' || status === 501) return new UnavailableError(e.message ?? code, { cause: err });
  if (status !== undefined && status >= 400 && status < 500) return new ConsoleError(`${code}: ${e.message ?? ''}`, status, { cause: err });
  return new UpstreamError(code, e.message ?? '', { cause: err });
}
