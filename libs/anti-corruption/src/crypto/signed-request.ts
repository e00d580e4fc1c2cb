import { InvalidSignatureError, MissingSignatureError, StaleRequestError } from '../errors';
import { constantTimeEqual } from './hmac';

/**
 * Checks a signature header against the value computed from the secret: missing
 * → `MissingSignatureError`; any other difference, including length →
 * `InvalidSignatureError`, compared in constant time.
 */
export function verifySignatureHeader(header: string, given: string | undefined, expected: string): void {
  if (given === undefined || given.trim() === '') throw new MissingSignatureError(header);
  if (!constantTimeEqual(given.trim(), expected)) throw new InvalidSignatureError(header);
}

/**
 * Parses a Unix-seconds timestamp header and checks it is within `windowSeconds`
 * of `nowSeconds`, in either direction (a clock ahead of ours is as suspicious as
 * an old request). Returns the timestamp as the exact text that was signed.
 */
export function verifyTimestampHeader(
  header: string,
  given: string | undefined,
  nowSeconds: number,
  windowSeconds: number,
): string {
  if (given === undefined || given.trim() === '') throw new MissingSignatureError(header);
  const text = given.trim();
  if (!/^[0-9]{1,12}$/.test(text)) throw new StaleRequestError(header, windowSeconds);
  if (Math.abs(nowSeconds - Number(text)) > windowSeconds) throw new StaleRequestError(header, windowSeconds);
  return text;
}
