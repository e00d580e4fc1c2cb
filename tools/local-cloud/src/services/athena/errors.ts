import { AwsError } from '../../core/errors';

/** Athena API errors (`name` the AWS code, HTTP 400). */
export class AthenaError extends AwsError {
  constructor(code: string, message: string) {
    super(code, message, { statusCode: 400 });
  }
}

export class InvalidRequestException extends AthenaError {
  constructor(message: string) {
    super('InvalidRequestException', message);
  }
}

export class ResourceNotFoundException extends AthenaError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

/**
 * Why a query failed, as Athena reports it in `Status.AthenaError` and
 * `StateChangeReason` (`TABLE_NOT_FOUND: …`, `HIVE_BAD_DATA: …`): the query
 * answered FAILED, the API call itself succeeded.
 */
export class QueryFailure extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    /** Athena's categories: 1 system, 2 user, 3 other. */
    readonly category: 1 | 2 | 3 = 2,
    options?: { cause?: unknown },
  ) {
    super(`${errorType}: ${message}`, options);
    this.name = 'QueryFailure';
  }
}
