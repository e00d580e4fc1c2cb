/** Base class of every error raised by `@sma/contracts`. */
export class ContractError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContractError';
  }
}

/** A `detail` does not satisfy the schema of its detail-type. */
export class ContractValidationError extends ContractError {
  constructor(
    readonly detailType: string,
    readonly issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
    options?: { cause?: unknown },
  ) {
    super(
      `${detailType} detail is invalid: ${issues
        .slice(0, 5)
        .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
      options,
    );
    this.name = 'ContractValidationError';
  }
}

/** A detail-type that is not in the contracts registry. */
export class UnknownDetailTypeError extends ContractError {
  constructor(readonly detailType: string) {
    super(`Unknown detail-type "${detailType}": it is not in the @sma/contracts registry`);
    this.name = 'UnknownDetailTypeError';
  }
}

/** One PutEvents entry is over EventBridge's 256 KB limit; nothing of the batch was sent. */
export class EventTooLargeError extends ContractError {
  constructor(
    readonly detailType: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`${detailType} entry is ${sizeBytes} bytes, over the PutEvents limit of ${limitBytes} bytes`);
    this.name = 'EventTooLargeError';
  }
}

/** Some entries were still failing after every retry; the caller must fail so its trigger retries. */
export class PutEventsFailedError extends ContractError {
  constructor(
    readonly failures: ReadonlyArray<{ detailType: string; errorCode: string; errorMessage: string }>,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `${failures.length} event(s) failed after ${attempts} attempt(s): ${failures
        .slice(0, 3)
        .map((f) => `${f.detailType} ${f.errorCode}: ${f.errorMessage}`)
        .join('; ')}`,
      options,
    );
    this.name = 'PutEventsFailedError';
  }
}
