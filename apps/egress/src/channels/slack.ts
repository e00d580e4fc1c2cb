import {
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import type { SendReply, SlackSecret } from '@sma/contracts';
import { deliveryErrorFor, reasonText } from '../delivery/http-failures';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../errors';
import type { Attachment, ChannelSender, Posted } from './sender';

/** Slack's `error` codes that mean "try again later"; every other one is a refusal (channel_not_found, not_in_channel, invalid_auth...). */
const TRANSIENT_SLACK_ERRORS: ReadonlySet<string> = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * A Slack client for the bot token, talking to `slackApiUrl`
 * (`https://slack.com/api/` in production). Its own retries are off and rate
 * limits are thrown rather than waited out: the handler decides, within the
 * invocation's time.
 */
export function createSlackClient(secret: SlackSecret, slackApiUrl: string): WebClient {
  return new WebClient(secret.botToken, {
    slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logLevel: LogLevel.ERROR,
  });
}

/** A @slack/web-api error as a delivery error; anything else is returned unchanged. */
export function slackDeliveryError(error: unknown, nowMs: number): unknown {
  if (error instanceof WebAPIRateLimitedError) {
    return new RateLimitedError({ channel: 'SLACK', statusCode: 429, reason: 'Slack rate limit', cause: error }, error.retryAfter * 1000);
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const details = (error.data.response_metadata?.messages ?? []).join('; ');
    const reason = reasonText(`Slack ${code}${details ? `: ${details}` : ''}`);
    if (code === 'ratelimited') return new RateLimitedError({ channel: 'SLACK', reason, cause: error }, undefined);
    if (TRANSIENT_SLACK_ERRORS.has(code)) return new TransientDeliveryError({ channel: 'SLACK', reason, cause: error });
    return new PermanentDeliveryError({ channel: 'SLACK', reason, cause: error });
  }
  if (error instanceof WebAPIHTTPError) {
    return deliveryErrorFor('SLACK', error.statusCode, error.statusMessage || 'HTTP error', error.headers, nowMs, error);
  }
  if (error instanceof WebAPIRequestError) {
    return new TransientDeliveryError({ channel: 'SLACK', reason: `Slack request failed: ${error.original.message}`, cause: error });
  }
  return error;
}

/**
 * Replies on Slack, in the message's thread: `chat.postMessage` for text; for
 * an image, one file upload (`files.uploadV2`: upload URL, upload, complete)
 * with the text as its comment, so the reply appears as a single post.
 */
export class SlackSender implements ChannelSender {
  constructor(
    private readonly client: () => Promise<WebClient>,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async send(command: SendReply, attachment: Attachment | undefined): Promise<Posted> {
    const origin = command.Slack!;
    const client = await this.client();
    try {
      if (!attachment) {
        const posted = await client.chat.postMessage({
          channel: origin.ChannelId,
          thread_ts: origin.ThreadTs,
          text: command.Text,
          unfurl_links: false,
          unfurl_media: false,
        });
        return { platformMessageId: posted.ts ?? command.CommandId };
      }
      const uploaded = await client.filesUploadV2({
        channel_id: origin.ChannelId,
        thread_ts: origin.ThreadTs,
        initial_comment: command.Text,
        file: Buffer.from(attachment.bytes),
        filename: attachment.filename,
        title: attachment.filename,
      });
      const completed = uploaded.files as Array<{ files?: Array<{ id?: string }> }> | undefined;
      // The file id stands for the post: a file shared with a comment has no message ts of its own yet.
      return { platformMessageId: completed?.[0]?.files?.[0]?.id ?? command.CommandId };
    } catch (error) {
      throw slackDeliveryError(error, this.nowMs());
    }
  }
}
