/**
 * Errors the local AI engines throw. Each error's `name` is the AWS error code
 * the real service answers with, so the service layer can turn it into the AWS
 * error response unchanged (`__type` / `x-amzn-ErrorType`), and each carries the
 * HTTP status AWS uses for it.
 */

/** The AWS error codes the engines can answer with. */
export type EngineErrorCode =
  | 'TextSizeLimitExceededException'
  | 'UnsupportedLanguageException'
  | 'InvalidRequestException'
  | 'ValidationException'
  | 'ImageTooLargeException'
  | 'InvalidImageFormatException'
  | 'InvalidParameterException'
  | 'InvalidS3ObjectException'
  | 'BatchSizeLimitExceededException'
  | 'ResourceNotFoundException'
  | 'DependencyFailedException'
  | 'BadGatewayException'
  | 'InternalServerException';

/** Base class of every engine error: `name` is the AWS error code. */
export abstract class EngineError extends Error {
  abstract override readonly name: EngineErrorCode;
  /** The HTTP status AWS answers this error with. */
  abstract readonly statusCode: number;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Comprehend: the text is over the operation's UTF-8 byte limit. */
export class TextSizeLimitExceededException extends EngineError {
  override readonly name = 'TextSizeLimitExceededException' as const;
  readonly statusCode = 400;
}

/** Comprehend: the language code is valid but this operation does not support it. */
export class UnsupportedLanguageException extends EngineError {
  override readonly name = 'UnsupportedLanguageException' as const;
  readonly statusCode = 400;
}

/** Comprehend: the request is malformed (e.g. empty text). */
export class InvalidRequestException extends EngineError {
  override readonly name = 'InvalidRequestException' as const;
  readonly statusCode = 400;
}

/** Any service: a parameter breaks the API model's constraints (enum, length, pattern). */
export class ValidationException extends EngineError {
  override readonly name = 'ValidationException' as const;
  readonly statusCode = 400;
}

/** Rekognition: the image is over 5 MB as bytes or 15 MB from S3. */
export class ImageTooLargeException extends EngineError {
  override readonly name = 'ImageTooLargeException' as const;
  readonly statusCode = 400;
}

/** Rekognition: the bytes are neither a JPEG nor a PNG, or cannot be decoded. */
export class InvalidImageFormatException extends EngineError {
  override readonly name = 'InvalidImageFormatException' as const;
  readonly statusCode = 400;
}

/** Rekognition: an input parameter violated a constraint (e.g. image under 80 px). */
export class InvalidParameterException extends EngineError {
  override readonly name = 'InvalidParameterException' as const;
  readonly statusCode = 400;
}

/** Rekognition: the `Image.S3Object` cannot be read. */
export class InvalidS3ObjectException extends EngineError {
  override readonly name = 'InvalidS3ObjectException' as const;
  readonly statusCode = 400;
}

/** Comprehend: a batch call carries more than 25 documents. */
export class BatchSizeLimitExceededException extends EngineError {
  override readonly name = 'BatchSizeLimitExceededException' as const;
  readonly statusCode = 400;
}

/** Lex: the bot, alias or locale does not exist. */
export class ResourceNotFoundException extends EngineError {
  override readonly name = 'ResourceNotFoundException' as const;
  readonly statusCode = 404;
}

/** Lex: the code hook Lambda failed or answered with an invalid response. */
export class DependencyFailedException extends EngineError {
  override readonly name = 'DependencyFailedException' as const;
  readonly statusCode = 424;
}

/** Lex: the code hook answered with something Lex cannot use. */
export class BadGatewayException extends EngineError {
  override readonly name = 'BadGatewayException' as const;
  readonly statusCode = 502;
}

/** An engine failed on its own side (a model did not load, a decoder crashed). */
export class InternalServerException extends EngineError {
  override readonly name = 'InternalServerException' as const;
  readonly statusCode = 500;
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
