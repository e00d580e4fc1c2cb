import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type ITwitterApiClientPlugin,
  type SendTweetV2Params,
} from 'twitter-api-v2';
import type { SendReply, TwitterSecret } from '@sma/contracts';
import { deliveryErrorFor } from '../delivery/http-failures';
import { fitTweet } from '../delivery/post-text';
import { TransientDeliveryError } from '../errors';
import type { Attachment, ChannelSender, Posted } from './sender';

/** Where twitter-api-v2 sends requests; the configured base URL replaces it. */
const X_API_ORIGIN = 'https://api.x.com';
/** Per request: an X call that hangs is retried rather than eating the whole invocation. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Points twitter-api-v2 at `baseUrl` (the local cloud's fake X, say) and gives
 * every request a timeout. The library signs each request (OAuth 1.0a user
 * context) after this hook, so signatures are for the URL actually called.
 */
function routeTo(baseUrl: URL): ITwitterApiClientPlugin {
  const base = baseUrl.toString().replace(/\/$/, '');
  return {
    onBeforeRequestConfig({ params }) {
      if (base !== X_API_ORIGIN && params.url.startsWith(X_API_ORIGIN)) params.url = base + params.url.slice(X_API_ORIGIN.length);
      params.timeout ??= REQUEST_TIMEOUT_MS;
    },
  };
}

/** An X client for the bot account's credentials, talking to `baseUrl` (`https://api.x.com` in production). */
export function createTwitterClient(secret: TwitterSecret, baseUrl: string): TwitterApi {
  const url = new URL(baseUrl);
  // The library makes requests with `https.request`; an http agent lets it reach a plain-http stand-in.
  const agent = url.protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
  return new TwitterApi(
    { appKey: secret.consumerKey, appSecret: secret.consumerSecret, accessToken: secret.accessToken, accessSecret: secret.accessTokenSecret },
    { httpAgent: agent, plugins: [routeTo(url)] },
  );
}

/** The platform's words from an X error body (v2 problem details, or v1-style `errors`). */
function xMessage(error: ApiResponseError): string {
  const data = error.data as { detail?: string; title?: string; errors?: Array<{ message?: string; detail?: string }> } | undefined;
  return data?.detail ?? data?.errors?.[0]?.message ?? data?.errors?.[0]?.detail ?? data?.title ?? error.message;
}

/** A twitter-api-v2 error as a delivery error; anything else is returned unchanged. */
export function twitterDeliveryError(error: unknown, nowMs: number): unknown {
  if (error instanceof ApiResponseError) return deliveryErrorFor('TWITTER', error.code, xMessage(error), error.headers, nowMs, error);
  if (error instanceof ApiRequestError) {
    return new TransientDeliveryError({ channel: 'TWITTER', reason: `X request failed: ${error.requestError.message}`, cause: error });
  }
  if (error instanceof ApiPartialResponseError) {
    return new TransientDeliveryError({ channel: 'TWITTER', reason: `X answer cut short: ${error.message}`, cause: error });
  }
  return error;
}

/**
 * Replies on X: the image (if any) through the v2 media upload
 * (`/2/media/upload/initialize`, `append`, `finalize`), then `POST /2/tweets`
 * in reply to the message's tweet, with the media attached.
 */
export class TwitterSender implements ChannelSender {
  constructor(
    private readonly client: () => Promise<TwitterApi>,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async send(command: SendReply, attachment: Attachment | undefined): Promise<Posted> {
    const origin = command.Twitter!;
    const client = await this.client();
    try {
      const mediaIds: string[] = [];
      if (attachment) {
        mediaIds.push(
          await client.v2.uploadMedia(Buffer.from(attachment.bytes), { media_type: attachment.contentType, media_category: 'tweet_image' }),
        );
      }
      const tweet: SendTweetV2Params = {
        text: fitTweet(command.Text),
        reply: { in_reply_to_tweet_id: origin.TweetId },
        ...(mediaIds.length > 0 ? { media: { media_ids: mediaIds as [string] } } : {}),
      };
      const result = await client.v2.tweet(tweet);
      return { platformMessageId: result.data.id };
    } catch (error) {
      throw twitterDeliveryError(error, this.nowMs());
    }
  }
}
