import { AwsError } from '../../core/errors';

/** SSM's errors: `name` is the SDK's error shape, HTTP 400. */
export class SsmError extends AwsError {
  constructor(code: string, message: string) {
    super(code, message, { statusCode: 400 });
  }
}

export class ParameterNotFound extends SsmError {
  constructor(name: string) {
    super('ParameterNotFound', `Parameter ${name} not found.`);
  }
}

export class ParameterVersionNotFound extends SsmError {
  constructor(name: string, selector: string) {
    super('ParameterVersionNotFound', `Systems Manager could not find version ${selector} of ${name}.`);
  }
}

export class ParameterAlreadyExists extends SsmError {
  constructor() {
    super('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  }
}

export class ParameterPatternMismatchException extends SsmError {
  constructor(pattern: string) {
    super('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${pattern}`);
  }
}

export class ValidationException extends SsmError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

export class HierarchyLevelLimitExceededException extends SsmError {
  constructor() {
    super('HierarchyLevelLimitExceededException', 'A parameter name can have at most 15 levels of hierarchy.');
  }
}

export class InvalidNextToken extends SsmError {
  constructor() {
    super('InvalidNextToken', 'The specified token is not valid.');
  }
}
