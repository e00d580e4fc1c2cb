import { AwsError } from '../../core/errors';

/** Secrets Manager's errors (HTTP 400, `name` the AWS code). */
export class SecretsManagerError extends AwsError {
  constructor(code: string, message: string) {
    super(code, message, { statusCode: 400 });
  }
}

export class ResourceNotFoundException extends SecretsManagerError {
  constructor(message = "Secrets Manager can't find the specified secret.") {
    super('ResourceNotFoundException', message);
  }
}

export class ResourceExistsException extends SecretsManagerError {
  constructor(name: string) {
    super('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
  }
}

export class InvalidParameterException extends SecretsManagerError {
  constructor(message: string) {
    super('InvalidParameterException', message);
  }
}

export class InvalidRequestException extends SecretsManagerError {
  constructor(message: string) {
    super('InvalidRequestException', message);
  }
}

/** The local secrets file is not JSON the local cloud can read: a start-up error naming the file. */
export class SecretsFileError extends Error {
  constructor(readonly file: string, detail: string, options?: { cause?: unknown }) {
    super(`The local secrets file ${file} cannot be used: ${detail}`, options);
    this.name = 'SecretsFileError';
  }
}
