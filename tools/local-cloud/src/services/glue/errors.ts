import { AwsError } from '../../core/errors';

/** Glue's errors (`name` the AWS code, HTTP 400). */
export class GlueError extends AwsError {
  constructor(code: string, message: string) {
    super(code, message, { statusCode: 400 });
  }
}

export class EntityNotFoundException extends GlueError {
  constructor(message: string) {
    super('EntityNotFoundException', message);
  }
}

export class AlreadyExistsException extends GlueError {
  constructor(message: string) {
    super('AlreadyExistsException', message);
  }
}

export class InvalidInputException extends GlueError {
  constructor(message: string) {
    super('InvalidInputException', message);
  }
}
