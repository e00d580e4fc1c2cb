import { AwsError, type AwsErrorOptions } from '../../core/errors';

/** CloudWatch Logs errors; `name` is the AWS error code. */
export class LogsError extends AwsError {
  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(code, message, { statusCode: 400, ...options });
  }
}

export class ResourceNotFoundException extends LogsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

export class ResourceAlreadyExistsException extends LogsError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message);
  }
}

export class InvalidParameterException extends LogsError {
  constructor(message: string) {
    super('InvalidParameterException', message);
  }
}

/** A filter pattern that does not parse. */
export class InvalidFilterPattern extends LogsError {
  constructor(detail: string) {
    super('InvalidParameterException', `Invalid filter pattern: ${detail}`);
  }
}
