import { AwsError, type AwsErrorOptions } from '../../core/errors';

/**
 * SNS's errors. `name` is the SDK's error shape (`NotFoundException`...); the
 * query protocol answers the shape's query code (`NotFound`, `InvalidParameter`)
 * and status, which the codec reads from the SDK model.
 */
export class SnsError extends AwsError {
  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(code, message, options);
  }
}

export class NotFoundException extends SnsError {
  constructor(message: string) {
    super('NotFoundException', message);
  }
}

export class InvalidParameterException extends SnsError {
  constructor(message: string) {
    super('InvalidParameterException', message.startsWith('Invalid parameter') ? message : `Invalid parameter: ${message}`);
  }
}

export class InvalidParameterValueException extends SnsError {
  constructor(message: string) {
    super('InvalidParameterValueException', message);
  }
}

export class EmptyBatchRequestException extends SnsError {
  constructor() {
    super('EmptyBatchRequestException', 'The batch request doesn\'t contain any entries.');
  }
}

export class TooManyEntriesInBatchRequestException extends SnsError {
  constructor() {
    super('TooManyEntriesInBatchRequestException', 'The batch request contains more entries than permissible (at most 10).');
  }
}

export class BatchEntryIdsNotDistinctException extends SnsError {
  constructor() {
    super('BatchEntryIdsNotDistinctException', 'Two or more batch entries in the request have the same Id.');
  }
}

export class InvalidBatchEntryIdException extends SnsError {
  constructor() {
    super('InvalidBatchEntryIdException', 'The Id of a batch entry in a batch request doesn\'t abide by the specification.');
  }
}

export class BatchRequestTooLongException extends SnsError {
  constructor() {
    super('BatchRequestTooLongException', 'The length of all the messages put together is more than the limit.');
  }
}
