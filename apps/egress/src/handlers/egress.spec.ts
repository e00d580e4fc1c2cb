import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { MockAgent, fetch as undiciFetch } from 'undici';
import { verifyWebhookSignature } from '@sma/anti-corruption';
import { SECRET_NAMES, parseDetail, type SendReply } from '@sma/contracts';
import { busEvent, exampleDetail, tsdocExamples } from '@sma/contracts/testing';
import commands from '../__fixtures__/commands.json';
import xApi from '../__fixtures__/x-api.json';
import slackApi from '../__fixtures__/slack-api.json';
import { FakePlatforms, verifyOAuth1 } from '../__testing__/fake-platforms';
import { FakeIdempotencyTable } from '../__testing__/idempotency-table';
import { egressConfig, type EgressConfig } from '../config';
import { InvalidSecretError, RateLimitedError, TransientDeliveryError } from '../errors';
import { createReplyDelivery } from '../reply-delivery';
import { egressDeps } from './egress';

const [twitterSecret, slackSecret, webhookSecret] = tsdocExamples('secrets.ts') as [
  { consumerKey: string; consumerSecret: string; accessToken: string; accessTokenSecret: string },
  { botToken: string },
  { sources: Record<string, { secret: string }> },
];
const TABLE = 'Egress-IdempotencyTable';
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/123456789012/Egress-RepliesDeadLetters';
const NOW = new Date('2024-03-01T09:30:05.000Z');

const eventBridge = mockClient(EventBridgeClient);
const s3 = mockClient(S3Client);
const sqs = mockClient(SQSClient);
const dynamo = mockClient(DynamoDBClient);
const secretsManager = mockClient(SecretsManagerClient);
const platforms = new FakePlatforms();
const webhookReceiver = new MockAgent();
webhookReceiver.disableNetConnect();
let table: FakeIdempotencyTable;
let waits: number[];

const context = (remainingMs = 60_000) =>
  ({ functionName: 'Egress-EgressFunction', awsRequestId: 'req-1', getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;

function egress(config: Partial<EgressConfig> = {}) {
  const base = egressConfig({
    IDEMPOTENCY_TABLE: TABLE,
    DEAD_LETTER_QUEUE_URL: DLQ,
    TWITTER_API_BASE_URL: platforms.base,
    SLACK_API_BASE_URL: `${platforms.base}/api/`,
  });
  const deps = egressDeps(
    { ...base, ...config },
    {
      eventBridge: new EventBridgeClient({}),
      s3: new S3Client({}),
      sqs: new SQSClient({}),
      dynamoDb: new DynamoDBClient({}),
      secretsManager: new SecretsManagerClient({}),
      fetch: ((input: string, init: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher: webhookReceiver })) as unknown as typeof fetch,
    },
    {
      rateLimit: { maxAttempts: 3, defaultWaitMs: 1000, reserveMs: 8000, sleep: async (ms) => void waits.push(ms) },
      now: () => NOW,
    },
  );
  return createReplyDelivery(deps);
}

const published = () =>
  eventBridge.commandCalls(PutEventsCommand).flatMap((c) =>
    c.args[0].input.Entries!.map((e) => ({ type: e.DetailType!, source: e.Source!, detail: JSON.parse(e.Detail!) as Record<string, unknown> })),
  );
const tweetsPosted = () => platforms.callsTo('POST', '/2/tweets').map((c) => JSON.parse(c.body.toString()) as Record<string, unknown>);
const pngBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 3000 }, (_, i) => i % 251)]);
const s3Object = (bytes: Buffer) => ({
  Body: { transformToByteArray: async () => new Uint8Array(bytes) } as unknown as GetObjectCommandOutput['Body'],
  ContentLength: bytes.length,
});

beforeAll(() => platforms.start());
afterAll(async () => {
  await platforms.stop();
  await webhookReceiver.close();
});
beforeEach(() => {
  for (const m of [eventBridge, s3, sqs, dynamo, secretsManager]) m.reset();
  platforms.reset();
  waits = [];
  // Powertools stamps records with the real clock, so the table judges expiry by it too.
  table = new FakeIdempotencyTable(TABLE, dynamo);
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `e-${i}` })) }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
  s3.on(GetObjectCommand).callsFake(() => s3Object(pngBytes));
  secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_NAMES.twitter }).resolves({ SecretString: JSON.stringify(twitterSecret) });
  secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_NAMES.slack }).resolves({ SecretString: JSON.stringify(slackSecret) });
  secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_NAMES.webhook }).resolves({ SecretString: JSON.stringify(webhookSecret) });
});

describe('egress on X', () => {
  it('replies to the tweet, signed with OAuth 1.0a for the bot account, and publishes REPLY_SENT', async () => {
    const outcome = await egress()(busEvent('SEND_REPLY', commands.twitterText as SendReply), context());
    expect(outcome).toEqual({ Status: 'SENT', PlatformMessageId: xApi.createTweet.data.id, SentAt: NOW.toISOString() });
    expect(tweetsPosted()).toEqual([{ text: commands.twitterText.Text, reply: { in_reply_to_tweet_id: '1572570427880538999' } }]);
    const oauth = verifyOAuth1(platforms.callsTo('POST', '/2/tweets')[0]!, platforms.base, twitterSecret);
    expect(oauth).toMatchObject({ oauth_consumer_key: twitterSecret.consumerKey, oauth_token: twitterSecret.accessToken, oauth_signature_method: 'HMAC-SHA1' });
    expect(published()).toEqual([
      {
        type: 'REPLY_SENT',
        source: 'EGRESS',
        detail: {
          CommandId: 'REPLY-TWITTER-1572570427880538999',
          MessageId: 'TWITTER-1572570427880538999',
          Channel: 'TWITTER',
          PlatformMessageId: '1572570431234567890',
          SentAt: NOW.toISOString(),
        },
      },
    ]);
    expect(table.records()).toEqual([expect.objectContaining({ status: 'COMPLETED', data: outcome })]);
  });

  it('uploads the annotated image with the v2 media endpoints and attaches it to the reply', async () => {
    const command = exampleDetail('SEND_REPLY');
    await egress()(busEvent('SEND_REPLY', command), context());
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: command.Image!.Bucket, Key: command.Image!.Key });
    const [init] = platforms.callsTo('POST', '/2/media/upload/initialize');
    expect(JSON.parse(init!.body.toString())).toEqual({ media_type: 'image/png', total_bytes: pngBytes.length, media_category: 'tweet_image' });
    const [append] = platforms.callsTo('POST', '/2/media/upload/1880028106020515840/append');
    expect(append!.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(append!.body.includes(pngBytes)).toBe(true);
    expect(platforms.callsTo('POST', '/2/media/upload/1880028106020515840/finalize')).toHaveLength(1);
    for (const call of platforms.calls) verifyOAuth1(call, platforms.base, twitterSecret);
    expect(tweetsPosted()).toEqual([
      { text: command.Text, reply: { in_reply_to_tweet_id: command.Twitter!.TweetId }, media: { media_ids: ['1880028106020515840'] } },
    ]);
  });

  it('posts once when the same command comes twice or is replayed from the archive', async () => {
    const deliver = egress();
    const first = await deliver(busEvent('SEND_REPLY', commands.twitterText as SendReply), context());
    const again = await deliver(busEvent('SEND_REPLY', commands.twitterText as SendReply, { id: 'other-delivery' }), context());
    const replayed = await egress()(
      busEvent('SEND_REPLY', { ...(commands.twitterText as SendReply), RequestedAt: '2022-09-28T08:00:00.000Z' }, { 'replay-name': 'Plumbing-all-2022-09-28' }),
      context(),
    );
    expect(tweetsPosted()).toHaveLength(1);
    expect(again).toEqual(first);
    expect(replayed).toEqual(first);
    // The outcome is announced each time (consumers deduplicate on CommandId).
    expect(published().map((e) => [e.type, e.detail['PlatformMessageId']])).toEqual([
      ['REPLY_SENT', '1572570431234567890'],
      ['REPLY_SENT', '1572570431234567890'],
      ['REPLY_SENT', '1572570431234567890'],
    ]);
  });

  it('records a refusal (403) with X’s message, dead-letters the command once and never retries it', async () => {
    platforms.script('POST /2/tweets', { status: 403, body: xApi.forbiddenReply });
    const event = busEvent('SEND_REPLY', commands.twitterText as SendReply);
    const outcome = await egress()(event, context());
    expect(outcome).toMatchObject({ Status: 'FAILED', StatusCode: 403, Reason: `403: ${xApi.forbiddenReply.detail}` });
    expect(published()).toEqual([
      expect.objectContaining({
        type: 'REPLY_FAILED',
        detail: expect.objectContaining({ Permanent: true, StatusCode: 403, Reason: `403: ${xApi.forbiddenReply.detail}` }),
      }),
    ]);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    const message = sqs.commandCalls(SendMessageCommand)[0]!.args[0].input;
    expect(message.QueueUrl).toBe(DLQ);
    expect(JSON.parse(message.MessageBody!)).toEqual(event);
    expect(message.MessageAttributes).toMatchObject({
      ERROR_CODE: { DataType: 'String', StringValue: 'PermanentDeliveryError' },
      ERROR_MESSAGE: { DataType: 'String', StringValue: `403: ${xApi.forbiddenReply.detail}` },
      STATUS_CODE: { DataType: 'Number', StringValue: '403' },
    });

    // Delivered again: the stored refusal is the answer; X is not asked and nothing is dead-lettered again.
    await egress()(event, context());
    expect(tweetsPosted()).toHaveLength(1);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
  });

  it('waits out a short rate limit (x-rate-limit-reset) and then posts', async () => {
    platforms.script('POST /2/tweets', {
      status: 429,
      body: xApi.tooManyRequests,
      headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW.getTime() / 1000 + 3) },
    });
    const outcome = await egress()(busEvent('SEND_REPLY', commands.twitterText as SendReply), context());
    expect(outcome.Status).toBe('SENT');
    expect(waits).toEqual([3000]);
    expect(tweetsPosted()).toHaveLength(2);
  });

  it('fails the invocation for a rate limit longer than it can wait, so Lambda retries it later', async () => {
    platforms.script('POST /2/tweets', { status: 429, body: xApi.tooManyRequests, headers: { 'x-rate-limit-reset': String(NOW.getTime() / 1000 + 900) } });
    await expect(egress()(busEvent('SEND_REPLY', commands.twitterText as SendReply), context(60_000))).rejects.toThrow(RateLimitedError);
    expect(waits).toEqual([]);
    expect(published()).toEqual([
      expect.objectContaining({ type: 'REPLY_FAILED', detail: expect.objectContaining({ Permanent: false, StatusCode: 429 }) }),
    ]);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    // Nothing is remembered, so the retry posts.
    expect(table.records()).toEqual([]);
    const retried = await egress()(busEvent('SEND_REPLY', commands.twitterText as SendReply), context());
    expect(retried.Status).toBe('SENT');
  });

  it('fails the invocation on a 5xx (retried by Lambda), and the retry posts exactly once', async () => {
    platforms.script('POST /2/tweets', { status: 503, body: xApi.serviceUnavailable });
    const event = busEvent('SEND_REPLY', commands.twitterText as SendReply);
    await expect(egress()(event, context())).rejects.toThrow(TransientDeliveryError);
    await egress()(event, context());
    await egress()(event, context());
    expect(tweetsPosted()).toHaveLength(2);
    expect(published().map((e) => [e.type, e.detail['Permanent']])).toEqual([
      ['REPLY_FAILED', false],
      ['REPLY_SENT', undefined],
      ['REPLY_SENT', undefined],
    ]);
  });

  it('fits a long text to X’s 280 weighted characters', async () => {
    const long = { ...(commands.twitterText as SendReply), Text: 'Fact: '.concat('honey never spoils '.repeat(30)) };
    await egress()(busEvent('SEND_REPLY', long), context());
    const text = tweetsPosted()[0]!['text'] as string;
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(280);
  });
});

describe('egress on Slack', () => {
  it('posts the text in the message thread with the bot token', async () => {
    const outcome = await egress()(busEvent('SEND_REPLY', commands.slackText as SendReply), context());
    const [call] = platforms.callsTo('POST', '/api/chat.postMessage');
    expect(call!.headers['authorization']).toBe(`Bearer ${slackSecret.botToken}`);
    const form = new URLSearchParams(call!.body.toString());
    expect(Object.fromEntries(form)).toMatchObject({
      channel: 'C0123456',
      thread_ts: '1700000000.000100',
      text: commands.slackText.Text,
      unfurl_links: 'false',
    });
    expect(outcome).toMatchObject({ Status: 'SENT', PlatformMessageId: slackApi.postMessage.ts });
  });

  it('uploads an image into the thread as one post with the text as its comment', async () => {
    const outcome = await egress()(busEvent('SEND_REPLY', commands.slackImage as SendReply), context());
    const [getUrl] = platforms.callsTo('POST', '/api/files.getUploadURLExternal');
    expect(Object.fromEntries(new URLSearchParams(getUrl!.body.toString()))).toMatchObject({ filename: '0.png', length: String(pngBytes.length) });
    const [upload] = platforms.callsTo('POST', '/upload/v1/ABC123');
    expect(upload!.body.includes(pngBytes)).toBe(true);
    const [complete] = platforms.callsTo('POST', '/api/files.completeUploadExternal');
    const completion = Object.fromEntries(new URLSearchParams(complete!.body.toString()));
    expect(completion).toMatchObject({ channel_id: 'C0123456', thread_ts: '1700000000.000100', initial_comment: commands.slackImage.Text });
    expect(JSON.parse(completion['files']!)).toEqual([{ id: 'F0ABCDEFGH1', title: '0.png' }]);
    expect(platforms.callsTo('POST', '/api/chat.postMessage')).toHaveLength(0);
    expect(outcome).toMatchObject({ Status: 'SENT', PlatformMessageId: 'F0ABCDEFGH1' });
  });

  it('posts the text alone when the annotated image has expired', async () => {
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' }));
    await egress()(busEvent('SEND_REPLY', commands.slackImage as SendReply), context());
    expect(platforms.callsTo('POST', '/api/files.getUploadURLExternal')).toHaveLength(0);
    expect(platforms.callsTo('POST', '/api/chat.postMessage')).toHaveLength(1);
  });

  it('treats channel_not_found as a refusal: REPLY_FAILED, dead letter, no retry', async () => {
    platforms.script('POST /api/chat.postMessage', { status: 200, body: slackApi.channelNotFound });
    const outcome = await egress()(busEvent('SEND_REPLY', commands.slackText as SendReply), context());
    expect(outcome).toMatchObject({ Status: 'FAILED', Reason: 'Slack channel_not_found' });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(published()[0]).toMatchObject({ type: 'REPLY_FAILED', detail: { Permanent: true, Reason: 'Slack channel_not_found' } });
  });

  it('waits for Slack’s Retry-After on HTTP 429, then posts', async () => {
    platforms.script('POST /api/chat.postMessage', { status: 429, body: slackApi.ratelimited, headers: { 'retry-after': '2' } });
    const outcome = await egress()(busEvent('SEND_REPLY', commands.slackText as SendReply), context());
    expect(outcome.Status).toBe('SENT');
    expect(waits).toEqual([2000]);
    expect(platforms.callsTo('POST', '/api/chat.postMessage')).toHaveLength(2);
  });

  it('fails the invocation on a Slack 5xx', async () => {
    platforms.script('POST /api/chat.postMessage', { status: 502, body: 'Bad Gateway' });
    await expect(egress()(busEvent('SEND_REPLY', commands.slackText as SendReply), context())).rejects.toThrow(TransientDeliveryError);
    expect(published()[0]).toMatchObject({ type: 'REPLY_FAILED', detail: { Permanent: false, StatusCode: 502 } });
  });
});

describe('egress to a webhook sender', () => {
  const receiver = () => webhookReceiver.get('https://reviews.example.com');

  it('POSTs the reply signed like the sender’s own deliveries, keyed by the command id', async () => {
    let request: { headers: Record<string, string>; body: string } | undefined;
    receiver()
      .intercept({ path: '/replies', method: 'POST' })
      .reply((options) => {
        request = { headers: options.headers as Record<string, string>, body: String(options.body) };
        return { statusCode: 202, data: JSON.stringify({ id: 'reply-501' }), responseOptions: { headers: { 'content-type': 'application/json' } } };
      });
    const outcome = await egress()(busEvent('SEND_REPLY', commands.webhookText as SendReply), context());
    expect(outcome).toMatchObject({ Status: 'SENT', PlatformMessageId: 'reply-501' });
    expect(request!.headers['idempotency-key']).toBe('REPLY-WEBHOOK-shop-reviews-review-8812');
    expect(() =>
      verifyWebhookSignature({
        rawBody: request!.body,
        signature: request!.headers['x-sma-signature'],
        timestamp: request!.headers['x-sma-timestamp'],
        secret: webhookSecret.sources['shop-reviews']!.secret,
        nowSeconds: NOW.getTime() / 1000,
      }),
    ).not.toThrow();
    expect(JSON.parse(request!.body)).toEqual({
      CommandId: 'REPLY-WEBHOOK-shop-reviews-review-8812',
      MessageId: 'WEBHOOK-shop-reviews-review-8812',
      Source: 'shop-reviews',
      InReplyTo: 'review-8812',
      Text: commands.webhookText.Text,
      SentAt: NOW.toISOString(),
    });
  });

  it('answers REPLY_FAILED (permanent, not dead-lettered) when the sender gave no ReplyUrl', async () => {
    const outcome = await egress()(busEvent('SEND_REPLY', commands.webhookWithoutReplyUrl as SendReply), context());
    expect(outcome).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/gave no ReplyUrl/) });
    expect(published()[0]).toMatchObject({ type: 'REPLY_FAILED', detail: { Permanent: true } });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('dead-letters a refusal (4xx) with the receiver’s message and fails the invocation on a 5xx', async () => {
    receiver().intercept({ path: '/replies', method: 'POST' }).reply(410, 'review deleted');
    const refused = await egress()(busEvent('SEND_REPLY', commands.webhookText as SendReply), context());
    expect(refused).toMatchObject({ Status: 'FAILED', StatusCode: 410, Reason: '410: review deleted' });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);

    receiver().intercept({ path: '/replies', method: 'POST' }).reply(500, 'oops');
    const other = { ...(commands.webhookText as SendReply), CommandId: 'REPLY-WEBHOOK-shop-reviews-review-8813', MessageId: 'WEBHOOK-shop-reviews-review-8813' };
    await expect(egress()(busEvent('SEND_REPLY', other), context())).rejects.toThrow(TransientDeliveryError);
  });
});

describe('egress safeguards', () => {
  it('refuses an invalid command before doing anything', async () => {
    const bad = busEvent('SEND_REPLY', { ...(commands.twitterText as SendReply), CommandId: 'not-a-command' });
    await expect(egress()(bad, context())).rejects.toThrow(/SEND_REPLY detail is invalid: CommandId/);
    expect(platforms.calls).toHaveLength(0);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('leaves a command another invocation is posting to that invocation, announcing nothing', async () => {
    const deliver = egress();
    const event = busEvent('SEND_REPLY', commands.twitterText as SendReply);
    await deliver(event, context());
    // Turn the stored record into one of an invocation still in flight (its lock not yet expired).
    const id = [...table.items.keys()][0]!;
    table.items.set(id, {
      id: { S: id },
      status: { S: 'INPROGRESS' },
      expiration: { N: String(Math.floor(Date.now() / 1000) + 3600) },
      in_progress_expiration: { N: String(Date.now() + 30_000) },
    });
    eventBridge.resetHistory();
    await expect(deliver(event, context())).rejects.toThrow(/already an execution in progress/);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
    expect(tweetsPosted()).toHaveLength(1);
  });

  it('fails (and is retried) when a channel secret does not match its contract', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_NAMES.slack }).resolves({ SecretString: JSON.stringify({ botToken: '' }) });
    await expect(egress()(busEvent('SEND_REPLY', commands.slackText as SendReply), context())).rejects.toThrow(InvalidSecretError);
    expect(platforms.calls).toHaveLength(0);
  });

  it('publishes outcomes that satisfy their contracts', async () => {
    await egress()(busEvent('SEND_REPLY', commands.slackText as SendReply), context());
    for (const e of published()) expect(() => parseDetail(e.type as 'REPLY_SENT', e.detail)).not.toThrow();
  });
});
