import { AwsError } from '../../core/errors';

/** Firehose's errors (`name` the AWS code). */
export class FirehoseError extends AwsError {
  constructor(code: string, message: string, statusCode = 400) {
    super(code, message, { statusCode });
  }
}

export class ResourceNotFoundException extends FirehoseError {
  constructor(name: string) {
    super('ResourceNotFoundException', `Firehose ${name} not found.`);
  }
}

export class InvalidArgumentException extends FirehoseError {
  constructor(message: string) {
    super('InvalidArgumentException', message);
  }
}

export class ResourceInUseException extends FirehoseError {
  constructor(message: string) {
    super('ResourceInUseException', message);
  }
}

/** A stream configuration the local cloud cannot run (named feature), raised when the template is provisioned. */
export class UnsupportedFeatureError extends InvalidArgumentException {
  constructor(stream: string, feature: string) {
    super(`Firehose stream ${stream}: ${feature} is not supported by the local cloud`);
  }
}
