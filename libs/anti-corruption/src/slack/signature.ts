import { hmacSha256Parts } from '../crypto/hmac';
import { verifySignatureHeader, verifyTimestampHeader } from '../crypto/signed-request';

export const SLACK_SIGNATURE_HEADER = 'x-slack-signature';
export const SLACK_TIMESTAMP_HEADER = 'x-slack-request-timestamp';
/** Set by Slack on redeliveries (1, 2, 3); with `x-slack-retry-reason`. */
export const SLACK_RETRY_NUM_HEADER = 'x-slack-retry-num';
export const SLACK_RETRY_REASON_HEADER = 'x-slack-retry-reason';

/** Slack's documented replay window: requests signed more than 5 minutes from now are refused. */
export const SLACK_REPLAY_WINDOW_SECONDS = 5 * 60;

/** The `X-Slack-Signature` value: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing secret. */
export function signSlackRequest(rawBody: string | Uint8Array, timestamp: string, signingSecret: string): string {
  return `v0=${hmacSha256Parts(signingSecret, ['v0:', timestamp, ':', rawBody]).toString('hex')}`;
}

export interface SlackSignedRequest {
  readonly rawBody: string | Uint8Array;
  /** `X-Slack-Signature`. */
  readonly signature: string | undefined;
  /** `X-Slack-Request-Timestamp` (Unix seconds). */
  readonly timestamp: string | undefined;
  readonly signingSecret: string;
  /** The current time in Unix seconds. */
  readonly nowSeconds: number;
}

/**
 * Verifies a Slack request: the timestamp must be within 5 minutes of now
 * (`StaleRequestError`), then the v0 signature over the raw bytes must match
 * (`MissingSignatureError` / `InvalidSignatureError`). All are HTTP 401.
 */
export function verifySlackSignature(request: SlackSignedRequest): void {
  const timestamp = verifyTimestampHeader(
    SLACK_TIMESTAMP_HEADER,
    request.timestamp,
    request.nowSeconds,
    SLACK_REPLAY_WINDOW_SECONDS,
  );
  verifySignatureHeader(
    SLACK_SIGNATURE_HEADER,
    request.signature,
    signSlackRequest(request.rawBody, timestamp, request.signingSecret),
  );
}
