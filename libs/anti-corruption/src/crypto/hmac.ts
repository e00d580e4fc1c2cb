import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of `message` under `key`, over the exact bytes given (strings are UTF-8). */
export function hmacSha256(key: string, message: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

/** HMAC-SHA256 over several parts in order, without building the concatenated string. */
export function hmacSha256Parts(key: string, parts: ReadonlyArray<string | Uint8Array>): Buffer {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

const sha256 = (value: string | Uint8Array): Buffer => createHash('sha256').update(value).digest();

/**
 * Compares two secrets-derived values in constant time. Both sides are first
 * hashed to 32 bytes, so values of different lengths compare as unequal instead
 * of making `timingSafeEqual` throw (the original design answered 500 there),
 * and the time taken reveals neither the length nor the common prefix.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** The raw bytes as a Buffer, without copying when they already are one. */
export function asBytes(body: string | Uint8Array): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
