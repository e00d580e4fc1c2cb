/**
 * Errors of the local cloud.
 *
 * Two families:
 * - `AwsError`: what an emulated AWS operation answers with. Its `name` is the AWS
 *   error code (`ResourceNotFoundException`, `NoSuchBucket`…); the protocol codecs turn
 *   it into the exact wire shape of the service's protocol. Any other error whose
 *   `name` is an AWS error code and which carries `statusCode` (e.g. the AI engines'
 *   `EngineError`) is encoded the same way.
 * - `LocalCloudError` subclasses: problems of the local cloud itself (a template it
 *   cannot load, a bad configuration), raised at start-up with a message naming the
 *   stack, resource and property at fault.
 */

/** Base class of every error the local cloud raises about itself. */
export class LocalCloudError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalCloudError';
  }
}

/** Who is at fault, as AWS reports it (query protocol `<Type>`, default HTTP status). */
export type Fault = 'client' | 'server';

export interface AwsErrorOptions {
  /** HTTP status. @default the error shape's `httpError` trait, else 400 (client) / 500 (server) */
  readonly statusCode?: number;
  /** @default 'client' */
  readonly fault?: Fault;
  /** Extra members of the error shape (e.g. Lambda's `Type`, SQS's `QueueUrl`). */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * For services that answer both awsJson and awsQuery (SQS): the query error code
   * sent in `x-amzn-query-error`, e.g. `AWS.SimpleQueueService.NonExistentQueue`.
   */
  readonly queryErrorCode?: string;
  readonly cause?: unknown;
}

/**
 * An AWS error answer. `name` is the AWS error code, so code that catches it in
 * process (`err.name === 'ConditionalCheckFailedException'`) reads it exactly as
 * it would read the SDK's `ServiceException`.
 */
export class AwsError extends Error {
  readonly statusCode: number | undefined;
  readonly fault: Fault;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly queryErrorCode: string | undefined;
  /** Mirrors the SDK's ServiceException so in-process callers can read the status the same way. */
  readonly $metadata: { httpStatusCode?: number };
  readonly $fault: Fault;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = code;
    this.statusCode = options.statusCode;
    this.fault = options.fault ?? 'client';
    this.$fault = this.fault;
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
    this.queryErrorCode = options.queryErrorCode;
    this.$metadata = options.statusCode === undefined ? {} : { httpStatusCode: options.statusCode };
  }

  /** The AWS error code (same as `name`). */
  get code(): string {
    return this.name;
  }
}

/** The request names an operation the service's API does not have. */
export class UnknownOperationError extends AwsError {
  constructor(service: string, operation: string) {
    super('UnknownOperationException', `${service} has no operation ${operation}`, { statusCode: 404 });
  }
}

/**
 * The operation exists in AWS but the local cloud does not implement it. Answered
 * with HTTP 501 and code `NotImplemented` (S3's own code for the same situation).
 */
export class NotImplementedError extends AwsError {
  constructor(
    readonly service: string,
    readonly operation: string,
    supported: readonly string[] = [],
  ) {
    super(
      'NotImplemented',
      `${service}.${operation} is not supported by the local cloud` +
        (supported.length > 0 ? ` (supported: ${supported.join(', ')})` : ''),
      { statusCode: 501, fault: 'server' },
    );
  }
}

/** The request could not be decoded (bad JSON, XML or form body, a missing label). */
export class SerializationError extends AwsError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('SerializationException', message, options);
  }
}

/** Input validation failed (most AWS JSON services answer `ValidationException`). */
export class ValidationError extends AwsError {
  constructor(message: string, options: AwsErrorOptions = {}) {
    super('ValidationException', message, options);
  }
}

/** A named resource does not exist. */
export class ResourceNotFoundError extends AwsError {
  constructor(message: string, options: AwsErrorOptions = {}) {
    super('ResourceNotFoundException', message, options);
  }
}

/** No emulated service claims the request (unknown signing name, no SigV4, no target). */
export class UnroutableRequestError extends AwsError {
  constructor(message: string) {
    super('UnrecognizedClientException', message, { statusCode: 400 });
  }
}

/** An unexpected failure inside the local cloud while serving an operation. */
export class InternalFailureError extends AwsError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('InternalFailure', message, { statusCode: 500, fault: 'server', ...options });
  }
}

/** Anything looking like an AWS error answer: a string `name` and a numeric `statusCode`. */
export interface AwsErrorLike {
  readonly name: string;
  readonly message: string;
  readonly statusCode?: number;
}

const JS_ERROR_NAMES = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError']);

/**
 * Normalises whatever an operation threw into an `AwsError`: `AwsError`s pass
 * through; errors named like an AWS code (engines' errors, errors from an in-process
 * call) keep their code and status; programming errors become `InternalFailure`
 * with the original as `cause`.
 */
export function toAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  if (err instanceof Error && !JS_ERROR_NAMES.has(err.name) && !(err instanceof LocalCloudError) && /^[A-Za-z][\w.]*$/.test(err.name)) {
    const status = (err as Partial<AwsErrorLike>).statusCode ?? (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const fault = (err as { $fault?: Fault }).$fault ?? (status !== undefined && status >= 500 ? 'server' : 'client');
    return new AwsError(err.name, err.message, { ...(status === undefined ? {} : { statusCode: status }), fault, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new InternalFailureError(`Internal error in the local cloud: ${message}`, { cause: err });
}

/** A CloudFormation template the loader cannot run. */
export class TemplateError extends LocalCloudError {
  constructor(
    readonly stackName: string,
    readonly logicalId: string | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Stack ${stackName}${logicalId ? `, resource ${logicalId}` : ''}: ${detail}`, options);
    this.name = 'TemplateError';
  }
}

/** A resource type no service emulates and that is not listed as inert. */
export class UnsupportedResourceTypeError extends TemplateError {
  constructor(stack: string, logicalId: string, readonly resourceType: string, missingService?: string) {
    super(
      stack,
      logicalId,
      missingService
        ? `resource type ${resourceType} needs the ${missingService} service, which this local cloud's catalog leaves out`
        : `resource type ${resourceType} is not supported by the local cloud (add it to a service's provisioners, or to INERT_RESOURCE_TYPES if it has no runtime meaning)`,
    );
    this.name = 'UnsupportedResourceTypeError';
  }
}

/** An intrinsic function the loader does not implement, or one used wrongly. */
export class IntrinsicError extends TemplateError {
  constructor(stack: string, logicalId: string | undefined, readonly intrinsic: string, detail: string) {
    super(stack, logicalId, `${intrinsic}: ${detail}`);
    this.name = 'IntrinsicError';
  }
}

/** The cloud assembly is missing or malformed (no manifest, no template file). */
export class AssemblyError extends LocalCloudError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AssemblyError';
  }
}

/** Bad local-cloud configuration (ports, data directory, overrides file). */
export class ConfigError extends LocalCloudError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}
