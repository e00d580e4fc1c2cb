/**
 * Errors of the EventBridge pattern language and input transformer. Each `name`
 * is the AWS error code EventBridge answers with, so the service layer can put
 * them on the wire as they are (HTTP 400, client fault).
 */
export class EventBridgeError extends Error {
  readonly statusCode: number = 400;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventBridgeError';
  }
}

/**
 * An event pattern EventBridge refuses (`PutRule`, `TestEventPattern`, archives).
 * The message has AWS's form, `Event pattern is not valid. Reason: …`; `reason`
 * is the part after the prefix.
 */
export class InvalidEventPatternException extends EventBridgeError {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Event pattern is not valid. Reason: ${reason}`, options);
    this.name = 'InvalidEventPatternException';
  }
}

/** A request parameter EventBridge refuses: an event that is not a JSON object, a bad target input setting, a limit. */
export class ValidationException extends EventBridgeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValidationException';
  }
}

/** Shorthand for the pattern compiler: throws `InvalidEventPatternException` with the given reason. */
export function invalidPattern(reason: string): never {
  throw new InvalidEventPatternException(reason);
}
