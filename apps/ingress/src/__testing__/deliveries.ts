import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { signSlackRequest, signTwitterBody, signWebhookRequest } from '@sma/anti-corruption';
import { SlackSecretSchema, TwitterSecretSchema, WebhookSecretSchema } from '@sma/contracts';
import { tsdocExamples } from '@sma/contracts/testing';

const [twitter, slack, webhook] = tsdocExamples('secrets.ts');
/** The contracts' example secrets, as the local cloud's development secrets would be. */
export const SECRETS = {
  twitter: TwitterSecretSchema.parse(twitter),
  slack: SlackSecretSchema.parse(slack),
  webhook: WebhookSecretSchema.parse(webhook),
};

/** A fixed "now" for every request: 2023-11-14T22:13:20Z. */
export const NOW_MS = 1_700_000_000_000;
export const NOW_SECONDS = String(NOW_MS / 1000);

export interface ApiEventOptions {
  readonly method: string;
  readonly resource: string;
  readonly path?: string;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  /** Send the body base64-encoded, as API Gateway does for binary media types. */
  readonly base64?: boolean;
  readonly requestTimeEpoch?: number;
}

/** An API Gateway (REST, Lambda proxy) event as the service receives it. */
export function apiEvent(options: ApiEventOptions): APIGatewayProxyEvent {
  const body = options.body === undefined ? null : options.base64 ? Buffer.from(options.body).toString('base64') : options.body.toString();
  const headers = { 'Content-Type': 'application/json', 'User-Agent': 'test', ...options.headers };
  return {
    httpMethod: options.method,
    resource: options.resource,
    path: options.path ?? options.resource,
    body,
    isBase64Encoded: options.base64 ?? false,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: options.requestTimeEpoch ?? NOW_MS,
      httpMethod: options.method,
      resourcePath: options.resource,
    } as APIGatewayProxyEvent['requestContext'],
  };
}

export const twitterPost = (body: string, headers: Record<string, string> = {}, extra: Partial<ApiEventOptions> = {}) =>
  apiEvent({
    method: 'POST',
    resource: '/twitter',
    body,
    headers: { 'X-Twitter-Webhooks-Signature': signTwitterBody(body, SECRETS.twitter.consumerSecret), ...headers },
    ...extra,
  });

export const twitterCrc = (query: Record<string, string> = {}) => apiEvent({ method: 'GET', resource: '/twitter', query });

export const slackPost = (body: string, headers: Record<string, string> = {}, timestamp = NOW_SECONDS) =>
  apiEvent({
    method: 'POST',
    resource: '/slack',
    body,
    headers: {
      'X-Slack-Request-Timestamp': timestamp,
      'X-Slack-Signature': signSlackRequest(body, timestamp, SECRETS.slack.signingSecret),
      ...headers,
    },
  });

export const webhookPost = (
  source: string,
  body: string,
  options: { secret?: string; timestamp?: string; headers?: Record<string, string> } = {},
) => {
  const timestamp = options.timestamp ?? NOW_SECONDS;
  const secret = options.secret ?? SECRETS.webhook.sources[source]?.secret ?? 'no-such-source-secret';
  return apiEvent({
    method: 'POST',
    resource: '/webhook/{source}',
    path: `/webhook/${source}`,
    pathParameters: { source },
    body,
    headers: { 'x-sma-timestamp': timestamp, 'x-sma-signature': signWebhookRequest(body, timestamp, secret), ...options.headers },
  });
};

/** A Lambda context with plenty of time left. */
export function lambdaContext(functionName = 'ingress-handler'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: '6f4b1d1e-0c1a-4d5e-9b8f-7a6c5d4e3f21',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2023/11/14/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 9_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
