import { AwsError, type AwsErrorOptions } from '../../core/errors';

/**
 * DynamoDB's errors. Each `name` is the AWS error code the SDK turns into its
 * typed exception (`ConditionalCheckFailedException`...); DynamoDB answers every
 * client error with HTTP 400.
 */
export class DynamoDbError extends AwsError {
  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(code, message, { statusCode: 400, ...options });
  }
}

/** Bad input: syntax errors in expressions, wrong types, unknown placeholders, limits. */
export class ValidationException extends DynamoDbError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ValidationException', message, options);
  }
}

export class ResourceNotFoundException extends DynamoDbError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

export class ResourceInUseException extends DynamoDbError {
  constructor(message: string) {
    super('ResourceInUseException', message);
  }
}

/** A condition expression evaluated to false; carries the item when `ReturnValuesOnConditionCheckFailure` is `ALL_OLD`. */
export class ConditionalCheckFailedException extends DynamoDbError {
  constructor(readonly item?: Record<string, unknown>) {
    super('ConditionalCheckFailedException', 'The conditional request failed', item ? { fields: { Item: item } } : {});
  }
}

export interface CancellationReason {
  readonly Code: string;
  readonly Message?: string;
  readonly Item?: Record<string, unknown>;
}

/** A transaction was cancelled; one reason per action, in request order (`None` where that action was fine). */
export class TransactionCanceledException extends DynamoDbError {
  constructor(readonly cancellationReasons: readonly CancellationReason[]) {
    super(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${cancellationReasons.map((r) => r.Code).join(', ')}]`,
      { fields: { CancellationReasons: cancellationReasons } },
    );
  }
}

/** The same ClientRequestToken was used with a different request within ten minutes. */
export class IdempotentParameterMismatchException extends DynamoDbError {
  constructor() {
    super('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.');
  }
}
