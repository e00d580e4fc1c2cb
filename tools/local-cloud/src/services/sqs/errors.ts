import { AwsError } from '../../core/errors';

/**
 * SQS's errors: `name` is the error shape of the JSON protocol, and the query
 * code (sent as `x-amzn-query-error` and in awsQuery answers) is the one the
 * SDK model declares, so both the SDK and the AWS CLI see what SQS sends.
 */
export class SqsError extends AwsError {
  constructor(code: string, message: string, queryCode: string, statusCode = 400) {
    super(code, message, { statusCode, queryErrorCode: queryCode });
  }
}

export class QueueDoesNotExist extends SqsError {
  constructor(queue = '') {
    super('QueueDoesNotExist', `The specified queue does not exist${queue ? `: ${queue}` : ''}.`, 'AWS.SimpleQueueService.NonExistentQueue');
  }
}

export class QueueNameExists extends SqsError {
  constructor(name: string) {
    super('QueueNameExists', `A queue already exists with the same name and a different value for attribute(s): ${name}`, 'QueueAlreadyExists');
  }
}

export class InvalidParameterValue extends SqsError {
  constructor(message: string) {
    super('InvalidParameterValue', message, 'InvalidParameterValue');
  }
}

export class MissingParameter extends SqsError {
  constructor(parameter: string) {
    super('MissingParameter', `The request must contain the parameter ${parameter}.`, 'MissingParameter');
  }
}

export class InvalidAttributeName extends SqsError {
  constructor(name: string) {
    super('InvalidAttributeName', `Unknown Attribute ${name}.`, 'InvalidAttributeName');
  }
}

export class InvalidAttributeValue extends SqsError {
  constructor(message: string) {
    super('InvalidAttributeValue', message, 'InvalidAttributeValue');
  }
}

export class InvalidMessageContents extends SqsError {
  constructor(message: string) {
    super('InvalidMessageContents', message, 'InvalidMessageContents');
  }
}

export class ReceiptHandleIsInvalid extends SqsError {
  constructor(handle: string) {
    super('ReceiptHandleIsInvalid', `The input receipt handle "${handle.slice(0, 64)}" is not a valid receipt handle.`, 'ReceiptHandleIsInvalid', 404);
  }
}

export class MessageNotInflight extends SqsError {
  constructor() {
    super('MessageNotInflight', 'The message referred to is not in flight.', 'AWS.SimpleQueueService.MessageNotInflight');
  }
}

export class PurgeQueueInProgress extends SqsError {
  constructor(url: string) {
    super('PurgeQueueInProgress', `Only one PurgeQueue operation on ${url} is allowed every 60 seconds.`, 'AWS.SimpleQueueService.PurgeQueueInProgress', 403);
  }
}

export class EmptyBatchRequest extends SqsError {
  constructor() {
    super('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.', 'AWS.SimpleQueueService.EmptyBatchRequest');
  }
}

export class TooManyEntriesInBatchRequest extends SqsError {
  constructor(count: number) {
    super('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${count}.`, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
  }
}

export class BatchEntryIdsNotDistinct extends SqsError {
  constructor(id: string) {
    super('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
  }
}

export class InvalidBatchEntryId extends SqsError {
  constructor(id: string) {
    super('InvalidBatchEntryId', `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long: ${id}`, 'AWS.SimpleQueueService.InvalidBatchEntryId');
  }
}

export class BatchRequestTooLong extends SqsError {
  constructor(size: number, limit: number) {
    super('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`, 'AWS.SimpleQueueService.BatchRequestTooLong');
  }
}

export class ResourceNotFoundException extends SqsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, 'ResourceNotFoundException', 404);
  }
}

export class UnsupportedOperation extends SqsError {
  constructor(message: string) {
    super('UnsupportedOperation', message, 'AWS.SimpleQueueService.UnsupportedOperation');
  }
}
