/** Base class of every error the responding service raises. */
export class RespondingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RespondingError';
  }
}

/** A required environment variable (set by the stack) is missing or malformed. */
export class ConfigurationError extends RespondingError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Environment variable ${variable} ${problem}`);
    this.name = 'ConfigurationError';
  }
}

/** What Lex sent the code hook is not a Lex V2 code-hook request. */
export class InvalidCodeHookEventError extends RespondingError {
  constructor(details: string, options?: { cause?: unknown }) {
    super(`Not a Lex V2 code-hook request: ${details}`, options);
    this.name = 'InvalidCodeHookEventError';
  }
}

/** Lex answered without any message to reply with. */
export class EmptyBotAnswerError extends RespondingError {
  constructor(
    readonly messageId: string,
    readonly intent: string | undefined,
  ) {
    super(`The bot gave no message for ${messageId} (intent ${intent ?? 'none'})`);
    this.name = 'EmptyBotAnswerError';
  }
}

/** The bot could not be asked (RecognizeText failed); carries the Lex error. */
export class BotUnavailableError extends RespondingError {
  constructor(
    readonly messageId: string,
    options: { cause: unknown },
  ) {
    super(`RecognizeText failed for ${messageId}: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
    this.name = 'BotUnavailableError';
  }
}

/** A MESSAGE_ANALYSED routed to the image responder has no image with a recognised face. */
export class NoCelebrityImageError extends RespondingError {
  constructor(readonly messageId: string) {
    super(`${messageId} has no analysed image with a recognised celebrity: check the image responder's rule`);
    this.name = 'NoCelebrityImageError';
  }
}

/** The analysed image is bigger than the responder accepts. */
export class ImageTooLargeError extends RespondingError {
  constructor(
    readonly key: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`Image ${key} is ${sizeBytes} bytes, over the limit of ${limitBytes} bytes`);
    this.name = 'ImageTooLargeError';
  }
}

/** The analysed image is not a JPEG or PNG, or cannot be decoded. */
export class UnsupportedImageError extends RespondingError {
  constructor(
    readonly key: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Image ${key} cannot be annotated: ${reason}`, options);
    this.name = 'UnsupportedImageError';
  }
}

/** The label font is not where the build put it. */
export class FontNotFoundError extends RespondingError {
  constructor(readonly searched: readonly string[]) {
    super(`Label font not found; looked in: ${searched.join(', ')}`);
    this.name = 'FontNotFoundError';
  }
}
