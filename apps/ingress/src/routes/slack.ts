import {
  SLACK_RETRY_NUM_HEADER,
  SLACK_RETRY_REASON_HEADER,
  SLACK_SIGNATURE_HEADER,
  SLACK_TIMESTAMP_HEADER,
  mapSlackRequest,
  parseJson,
  verifySlackSignature,
} from '@sma/anti-corruption';
import type { SlackSecret } from '@sma/contracts';
import { MethodNotAllowedError } from '../errors';
import { receivedAt, receivedAtSeconds, type Route } from './route';

/**
 * `POST /slack`: the Events API request URL. Signature and 5-minute window
 * first, then the envelope: `url_verification` is answered with its challenge,
 * `app_rate_limited` acknowledged, events published. A retry (`X-Slack-Retry-Num`)
 * is processed like the first delivery: idempotency on the event id makes it
 * publish nothing if the first one was published.
 */
export const slackRoute: Route<SlackSecret> = (request, secret) => {
  if (request.method !== 'POST') throw new MethodNotAllowedError(request.method, ['POST']);
  verifySlackSignature({
    rawBody: request.rawBody,
    signature: request.headers[SLACK_SIGNATURE_HEADER],
    timestamp: request.headers[SLACK_TIMESTAMP_HEADER],
    signingSecret: secret.signingSecret,
    nowSeconds: receivedAtSeconds(request),
  });
  const retry = request.headers[SLACK_RETRY_NUM_HEADER];
  const retryLog = retry === undefined ? {} : { slackRetryNum: retry, slackRetryReason: request.headers[SLACK_RETRY_REASON_HEADER] };
  const slack = mapSlackRequest(parseJson(request.rawBody), receivedAt(request));
  switch (slack.kind) {
    case 'url_verification':
      return { kind: 'respond', status: 200, body: { challenge: slack.challenge }, log: { urlVerification: true } };
    case 'app_rate_limited':
      return {
        kind: 'respond',
        status: 200,
        body: { ok: true },
        level: 'warn',
        log: { appRateLimited: true, teamId: slack.teamId, minuteRateLimited: slack.minuteRateLimited },
      };
    case 'event_callback':
      return { kind: 'publish', delivery: slack.delivery, log: { slackEventId: slack.eventId, ...retryLog } };
  }
};
