import { hmacSha256 } from '../crypto/hmac';
import { verifySignatureHeader } from '../crypto/signed-request';
import { InvalidCrcTokenError } from '../errors';

/** The header X signs every Account Activity POST with (matched case-insensitively by callers). */
export const TWITTER_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

/** Longest CRC token we sign. X's tokens are far shorter; anything longer is not from X. */
export const MAX_CRC_TOKEN_LENGTH = 256;

/**
 * The characters a CRC token may contain: base64 and base64url. The CRC answer
 * is an HMAC under the same key that signs POST bodies, so signing arbitrary
 * text would let anyone obtain a valid signature for a forged body. JSON needs
 * `{`, `"` and `:`, none of which is allowed here.
 */
export const CRC_TOKEN_PATTERN = /^[A-Za-z0-9+/=_-]+$/;

/** Checks a `crc_token` query parameter; `InvalidCrcTokenError` (HTTP 400) if it is absent or not a plausible token. */
export function validateCrcToken(token: string | undefined): string {
  if (token === undefined || token === '') throw new InvalidCrcTokenError('the crc_token query parameter is required');
  if (token.length > MAX_CRC_TOKEN_LENGTH) {
    throw new InvalidCrcTokenError(`longer than ${MAX_CRC_TOKEN_LENGTH} characters`);
  }
  if (!CRC_TOKEN_PATTERN.test(token)) throw new InvalidCrcTokenError('only base64 / base64url characters are allowed');
  return token;
}

/** X's CRC answer: `sha256=` + base64 HMAC-SHA256 of the token under the consumer secret. */
export function crcResponse(crcToken: string, consumerSecret: string): { response_token: string } {
  const token = validateCrcToken(crcToken);
  return { response_token: `sha256=${hmacSha256(consumerSecret, token).toString('base64')}` };
}

/** The `x-twitter-webhooks-signature` value for a body: `sha256=` + base64 HMAC-SHA256 of the raw bytes. */
export function signTwitterBody(rawBody: string | Uint8Array, consumerSecret: string): string {
  return `sha256=${hmacSha256(consumerSecret, rawBody).toString('base64')}`;
}

/**
 * Verifies an Account Activity POST over its raw bytes (never re-serialised
 * JSON). Throws `MissingSignatureError` or `InvalidSignatureError` (HTTP 401).
 */
export function verifyTwitterSignature(
  rawBody: string | Uint8Array,
  signature: string | undefined,
  consumerSecret: string,
): void {
  verifySignatureHeader(TWITTER_SIGNATURE_HEADER, signature, signTwitterBody(rawBody, consumerSecret));
}
