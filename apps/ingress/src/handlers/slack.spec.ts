import 'aws-sdk-client-mock-jest';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { signSlackRequest } from '@sma/anti-corruption';
import { SLACK_FIXTURES, slackFixture } from '@sma/anti-corruption/testing';
import { INGRESS_CHANNELS } from '../routes/channels';
import { NOW_SECONDS, SECRETS, slackPost } from '../__testing__/deliveries';
import { IngressHarness, invoke } from '../__testing__/harness';

const aws = new IngressHarness();
beforeEach(() => aws.reset());
const handler = () => aws.handler('SLACK');

const expectNothingPublished = () => {
  expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  expect(aws.table.mock).not.toHaveReceivedCommand(PutItemCommand);
};

describe('POST /slack', () => {
  it('answers a signed url_verification with its challenge and publishes nothing', async () => {
    const response = await invoke(handler(), slackPost(slackFixture('url_verification').body));
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expectNothingPublished();
  });

  it('does not answer an unsigned url_verification', async () => {
    const event = slackPost(slackFixture('url_verification').body, { 'X-Slack-Signature': 'v0=00' });
    const response = await invoke(handler(), event);
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain('3eZbrw1a');
  });

  it('publishes an app_mention as SLACK_EVENT (source SLACK) and MESSAGE_RECEIVED (source INGRESS)', async () => {
    const response = await invoke(handler(), slackPost(slackFixture('app_mention').body));
    expect(response.json).toEqual({ accepted: true, published: 2, duplicates: 0 });
    expect(aws.published.map((e) => [e.Source, e.DetailType])).toEqual([
      ['SLACK', 'SLACK_EVENT'],
      ['INGRESS', 'MESSAGE_RECEIVED'],
    ]);
    expect(aws.details('MESSAGE_RECEIVED')[0]).toMatchObject({ MessageId: 'SLACK-C051BCDEFGH-1700000000.000100', Channel: 'SLACK' });
  });

  it.each(['message-im', 'message-thread-reply', 'message-file-share'] as const)('publishes %s as a message', async (name) => {
    await invoke(handler(), slackPost(slackFixture(name).body));
    expect(aws.detailTypes()).toEqual(['SLACK_EVENT', 'MESSAGE_RECEIVED']);
  });

  it.each(['message-channel', 'message-own', 'message-bot', 'message-changed', 'reaction_added'] as const)(
    'publishes %s raw only',
    async (name) => {
      const response = await invoke(handler(), slackPost(slackFixture(name).body));
      expect(response.statusCode).toBe(200);
      expect(aws.detailTypes()).toEqual(['SLACK_EVENT']);
    },
  );

  it('publishes only detail-types its IAM grant allows, whatever Slack sends', async () => {
    const h = handler();
    for (const fixture of SLACK_FIXTURES) expect((await invoke(h, slackPost(slackFixture(fixture).body))).statusCode).toBe(200);
    expect(aws.detailTypes().length).toBeGreaterThan(0);
    for (const type of aws.detailTypes()) expect(INGRESS_CHANNELS.SLACK.detailTypes).toContain(type);
  });

  it('acknowledges app_rate_limited without publishing', async () => {
    const response = await invoke(handler(), slackPost(slackFixture('app_rate_limited').body));
    expect(response.statusCode).toBe(200);
    expectNothingPublished();
  });
});

describe('POST /slack: bad input publishes nothing', () => {
  const body = slackFixture('app_mention').body;

  it.each([
    ['older than 5 minutes', String(Number(NOW_SECONDS) - 301)],
    ['more than 5 minutes ahead', String(Number(NOW_SECONDS) + 301)],
  ])('answers 401 to a timestamp %s, even correctly signed', async (_case, timestamp) => {
    const response = await invoke(handler(), slackPost(body, {}, timestamp));
    expect(response.statusCode).toBe(401);
    expect(response.json['message']).toMatch(/x-slack-request-timestamp is not within 5 minutes/);
    expectNothingPublished();
  });

  it.each([
    ['a missing signature', { 'X-Slack-Signature': '' }],
    ['a signature of the wrong length', { 'X-Slack-Signature': 'v0=abcd' }],
    ['a signature made with another secret', { 'X-Slack-Signature': signSlackRequest(body, NOW_SECONDS, 'another-secret') }],
    ['a missing timestamp', { 'X-Slack-Request-Timestamp': '' }],
  ])('answers 401 to %s', async (_case, headers) => {
    expect((await invoke(handler(), slackPost(body, headers))).statusCode).toBe(401);
    expectNothingPublished();
  });

  it('matches the headers case-insensitively', async () => {
    const event = slackPost(body);
    event.headers = {
      'x-slack-request-timestamp': NOW_SECONDS,
      'X-SLACK-SIGNATURE': signSlackRequest(body, NOW_SECONDS, SECRETS.slack.signingSecret),
    };
    event.multiValueHeaders = {};
    expect((await invoke(handler(), event)).statusCode).toBe(200);
  });

  it.each([
    ['not JSON', 'payload=%7B%7D', /not valid JSON/],
    ['an unknown envelope', JSON.stringify({ type: 'block_actions' }), /Slack Events API body/],
    ['an app_mention without its user', JSON.stringify({ ...JSON.parse(body), event: { type: 'app_mention', ts: '1.1', channel: 'C1' } }), /user/],
  ])('answers 400 with a message to a signed body that is %s', async (_case, text, message) => {
    const response = await invoke(handler(), slackPost(text));
    expect(response.statusCode).toBe(400);
    expect(response.json['message']).toMatch(message);
    expectNothingPublished();
  });
});
