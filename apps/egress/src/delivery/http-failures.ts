import type { Channel } from '@sma/contracts';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError, type DeliveryError, type FailureKind } from '../errors';

/** The longest platform message carried into REPLY_FAILED (its contract allows 2,000 characters). */
export const MAX_REASON_CHARS = 1000;

/**
 * What an HTTP status means for a reply: 429 is a rate limit, 408 and 5xx
 * are worth retrying, every other 4xx is a refusal that retrying cannot change.
 */
export function failureKindOf(status: number): FailureKind {
  if (status === 429) return 'RATE_LIMITED';
  if (status === 408 || status >= 500) return 'TRANSIENT';
  return 'PERMANENT';
}

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

const header = (headers: Headers, name: string): string | undefined => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : (value as string | undefined);
};

/**
 * How long the platform asks us to wait, in ms: `retry-after` (seconds or an
 * HTTP date, Slack and webhooks) or `x-rate-limit-reset` (Unix seconds, X).
 * `undefined` when neither is there or readable.
 */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = header(headers, 'x-rate-limit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - nowMs);
  return undefined;
}

/** A platform's message, one line, cut to `MAX_REASON_CHARS`. */
export function reasonText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim() || 'no message';
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}

/** The delivery error for an HTTP failure answer. */
export function deliveryErrorFor(
  channel: Channel,
  status: number,
  message: string,
  headers: Headers,
  nowMs: number,
  cause?: unknown,
): DeliveryError {
  const details = { channel, statusCode: status, reason: reasonText(`${status}: ${message}`), ...(cause ? { cause } : {}) };
  switch (failureKindOf(status)) {
    case 'RATE_LIMITED':
      return new RateLimitedError(details, retryAfterMs(headers, nowMs));
    case 'TRANSIENT':
      return new TransientDeliveryError(details);
    case 'PERMANENT':
      return new PermanentDeliveryError(details);
  }
}
