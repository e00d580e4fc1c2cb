import { hmacSha256Parts } from '../crypto/hmac';
import { verifySignatureHeader, verifyTimestampHeader } from '../crypto/signed-request';

/** Unix seconds at which the sender signed the request. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-sma-timestamp';
/** `v1=` + hex HMAC-SHA256 of `<timestamp>.<raw body>` under the source's secret. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-sma-signature';
/** Requests signed more than 5 minutes from now, in either direction, are refused. */
export const WEBHOOK_REPLAY_WINDOW_SECONDS = 5 * 60;

/** Computes the `x-sma-signature` value for a body signed at `timestamp` (Unix seconds, as sent in `x-sma-timestamp`). */
export function signWebhookRequest(rawBody: string | Uint8Array, timestamp: string, secret: string): string {
  return `v1=${hmacSha256Parts(secret, [timestamp, '.', rawBody]).toString('hex')}`;
}

export interface WebhookSignedRequest {
  readonly rawBody: string | Uint8Array;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly secret: string;
  readonly nowSeconds: number;
}

/**
 * Verifies a generic webhook request: timestamp within the replay window, then
 * the v1 signature over `<timestamp>.<raw body>`. Throws an `AuthenticationError`
 * subclass (HTTP 401) otherwise.
 */
export function verifyWebhookSignature(request: WebhookSignedRequest): void {
  const timestamp = verifyTimestampHeader(
    WEBHOOK_TIMESTAMP_HEADER,
    request.timestamp,
    request.nowSeconds,
    WEBHOOK_REPLAY_WINDOW_SECONDS,
  );
  verifySignatureHeader(WEBHOOK_SIGNATURE_HEADER, request.signature, signWebhookRequest(request.rawBody, timestamp, request.secret));
}
