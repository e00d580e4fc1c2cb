/**
 * Comprehend's request limits and language support, checked in the order AWS
 * checks them: the model's constraints (ValidationException), then the text's
 * byte size (TextSizeLimitExceededException), then whether the operation
 * supports the language (UnsupportedLanguageException).
 */
import {
  InvalidRequestException,
  TextSizeLimitExceededException,
  UnsupportedLanguageException,
  ValidationException,
} from '../errors';

/** The operations the local Comprehend engine answers. */
export type ComprehendOperation = 'DetectDominantLanguage' | 'DetectSentiment' | 'DetectEntities' | 'DetectPiiEntities';

/** The `LanguageCode` enum of the Comprehend API model (the "primary languages"). */
export const COMPREHEND_LANGUAGE_CODES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'ar', 'hi', 'ja', 'ko', 'zh', 'zh-TW'] as const;
export type ComprehendLanguageCode = (typeof COMPREHEND_LANGUAGE_CODES)[number];

/** UTF-8 byte limit of each operation's `Text` (Comprehend's "KB" is 1,000 bytes for 5 KB, 100 KB likewise). */
export const TEXT_BYTE_LIMITS: Readonly<Record<ComprehendOperation, number>> = {
  DetectSentiment: 5_000,
  DetectEntities: 100_000,
  DetectDominantLanguage: 100_000,
  DetectPiiEntities: 100_000,
};

/** Languages each operation supports, from the Comprehend developer guide's feature table. */
export const SUPPORTED_LANGUAGES: Readonly<Record<Exclude<ComprehendOperation, 'DetectDominantLanguage'>, readonly ComprehendLanguageCode[]>> = {
  DetectSentiment: COMPREHEND_LANGUAGE_CODES,
  DetectEntities: COMPREHEND_LANGUAGE_CODES,
  DetectPiiEntities: ['en', 'es'],
};

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function isComprehendLanguageCode(code: string): code is ComprehendLanguageCode {
  return (COMPREHEND_LANGUAGE_CODES as readonly string[]).includes(code);
}

/** Validates `Text` for any operation; throws the AWS error for the first broken rule. */
export function validateText(operation: ComprehendOperation, text: unknown): string {
  if (typeof text !== 'string') {
    throw new ValidationException("1 validation error detected: Value null at 'text' failed to satisfy constraint: Member must not be null");
  }
  if (text.length === 0) {
    throw new ValidationException(
      "1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  const bytes = utf8Length(text);
  const limit = TEXT_BYTE_LIMITS[operation];
  if (bytes > limit) {
    throw new TextSizeLimitExceededException(
      `Input text size exceeds limit. Max length of request text allowed is ${limit} bytes while in this request the text size is ${bytes} bytes`,
    );
  }
  if (text.trim().length === 0) {
    throw new InvalidRequestException('Invalid request: the text contains only whitespace characters');
  }
  return text;
}

/** Validates `LanguageCode` against the API enum, then against the operation's supported languages. */
export function validateLanguage(
  operation: Exclude<ComprehendOperation, 'DetectDominantLanguage'>,
  languageCode: unknown,
): ComprehendLanguageCode {
  if (typeof languageCode !== 'string' || !isComprehendLanguageCode(languageCode)) {
    const shown = typeof languageCode === 'string' ? `'${languageCode}'` : 'null';
    throw new ValidationException(
      `1 validation error detected: Value ${shown} at 'languageCode' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${COMPREHEND_LANGUAGE_CODES.join(', ')}]`,
    );
  }
  if (!SUPPORTED_LANGUAGES[operation].includes(languageCode)) {
    throw new UnsupportedLanguageException(
      `Amazon Comprehend can't process the language of the input text for ${operation}: ${languageCode} is not supported. ` +
        `Supported languages: ${SUPPORTED_LANGUAGES[operation].join(', ')}`,
    );
  }
  return languageCode;
}
