import 'aws-sdk-client-mock-jest';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { signTwitterBody } from '@sma/anti-corruption';
import { TWITTER_FIXTURES, twitterFixture } from '@sma/anti-corruption/testing';
import { ACCOUNT_ACTIVITY_KINDS, type AccountActivityKind } from '@sma/contracts';
import { exampleDetail } from '@sma/contracts/testing';
import { SECRETS, twitterCrc, twitterPost } from '../__testing__/deliveries';
import { IngressHarness, invoke } from '../__testing__/harness';
import { MAX_BODY_BYTES } from '../http/request';
import { INGRESS_CHANNELS } from '../routes/channels';

const aws = new IngressHarness();
beforeEach(() => aws.reset());
const handler = () => aws.handler('TWITTER');

describe('GET /twitter (CRC)', () => {
  it('answers the token signed with the consumer secret', async () => {
    const response = await invoke(handler(), twitterCrc({ crc_token: 'OWQxODYyNDItMTZiYS00YWJjLWJmNGEtNDUzMDUyM2E3MmRj' }));
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ response_token: 'sha256=1FVHr4V1OBOfQRzjvwz2xyX+3t8tjXzrJit/fGbAYOo=' });
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it.each([
    ['without a token', {}],
    ['with an empty token', { crc_token: '' }],
    ['with a token over 256 characters', { crc_token: 'a'.repeat(257) }],
    ['with a JSON body as token (signing oracle)', { crc_token: '{"for_user_id":"19985099"}' }],
  ])('answers 400 %s, signing nothing', async (_case, query) => {
    const response = await invoke(handler(), twitterCrc(query));
    expect(response.statusCode).toBe(400);
    expect(response.json['message']).toMatch(/crc_token/);
    expect(response.body).not.toContain('sha256=');
  });
});

describe('POST /twitter', () => {
  it.each(Object.keys(ACCOUNT_ACTIVITY_KINDS) as AccountActivityKind[])(
    'publishes a %s delivery as its raw TWITTER_<KIND> event',
    async (kind) => {
      const response = await invoke(handler(), twitterPost(twitterFixture(kind).body));
      expect(response.statusCode).toBe(200);
      expect(response.json).toMatchObject({ accepted: true, duplicates: 0 });
      expect(aws.detailTypes()).toContain(ACCOUNT_ACTIVITY_KINDS[kind]);
      for (const entry of aws.published) expect(entry.EventBusName).toBe('Plumbing');
    },
  );

  it('publishes a mention as TWITTER_TWEETED (source TWITTER) and MESSAGE_RECEIVED (source INGRESS)', async () => {
    const response = await invoke(handler(), twitterPost(twitterFixture('tweet_create_events').body));
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ accepted: true, published: 2, duplicates: 0 });
    expect(aws.published.map((e) => [e.Source, e.DetailType])).toEqual([
      ['TWITTER', 'TWITTER_TWEETED'],
      ['INGRESS', 'MESSAGE_RECEIVED'],
    ]);
    expect(aws.details('MESSAGE_RECEIVED')).toEqual([{ ...exampleDetail('MESSAGE_RECEIVED'), ReceivedAt: '2023-11-14T22:13:20.000Z' }]);
  });

  it('publishes only detail-types its IAM grant allows, whatever X sends', async () => {
    const h = handler();
    for (const fixture of TWITTER_FIXTURES) expect((await invoke(h, twitterPost(twitterFixture(fixture).body))).statusCode).toBe(200);
    expect(new Set(aws.detailTypes()).size).toBeGreaterThan(10);
    for (const type of aws.detailTypes()) expect(INGRESS_CHANNELS.TWITTER.detailTypes).toContain(type);
  });

  it('publishes our own tweet raw only', async () => {
    await invoke(handler(), twitterPost(twitterFixture('tweet_create_events-own').body));
    expect(aws.detailTypes()).toEqual(['TWITTER_TWEETED']);
  });

  it('publishes an unknown activity array as TWITTER_UNKNOWN rather than dropping it', async () => {
    const response = await invoke(handler(), twitterPost(twitterFixture('unknown-kind').body));
    expect(response.statusCode).toBe(200);
    expect(aws.detailTypes()).toEqual(['TWITTER_UNKNOWN']);
  });

  it.each(['x-twitter-webhooks-signature', 'X-Twitter-Webhooks-Signature', 'X-TWITTER-WEBHOOKS-SIGNATURE'])(
    'finds the signature header spelt %s',
    async (name) => {
      const body = twitterFixture('favorite_events').body;
      const event = twitterPost(body);
      event.headers = { [name]: signTwitterBody(body, SECRETS.twitter.consumerSecret) };
      event.multiValueHeaders = {};
      expect((await invoke(handler(), event)).statusCode).toBe(200);
    },
  );

  it('verifies a base64-encoded body over its decoded bytes', async () => {
    const body = twitterFixture('tweet_create_events-extended').body;
    const response = await invoke(handler(), twitterPost(body, {}, { base64: true }));
    expect(response.statusCode).toBe(200);
    expect(aws.details('MESSAGE_RECEIVED')[0]!['Text']).toMatch(/^@makitdev Honestly .* & the courier/);
  });

  it('accepts a message text far over Comprehend’s limits and keeps it whole', async () => {
    const json = structuredClone(twitterFixture('tweet_create_events').json) as { tweet_create_events: Array<Record<string, unknown>> };
    const text = `@makitdev ${'a long complaint. '.repeat(1_500)}…the end`;
    json.tweet_create_events[0]!['extended_tweet'] = { full_text: text };
    const response = await invoke(handler(), twitterPost(JSON.stringify(json)));
    expect(response.statusCode).toBe(200);
    const kept = aws.details('MESSAGE_RECEIVED')[0]!['Text'] as string;
    expect(kept.length).toBe(text.length);
    expect(kept === text).toBe(true);
  });
});

describe('POST /twitter: bad input publishes nothing', () => {
  const body = twitterFixture('tweet_create_events').body;

  const expectNothingPublished = () => {
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
    expect(aws.table.mock).not.toHaveReceivedCommand(PutItemCommand);
  };

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['of the wrong length', 'sha256=AAAA'],
    ['not prefixed', signTwitterBody(body, SECRETS.twitter.consumerSecret).slice(7)],
    ['made with another secret', signTwitterBody(body, 'not-the-consumer-secret')],
  ])('answers 401 to a signature %s', async (_case, signature) => {
    const event = twitterPost(body);
    event.headers = signature === undefined ? {} : { 'x-twitter-webhooks-signature': signature };
    event.multiValueHeaders = {};
    const response = await invoke(handler(), event);
    expect(response.statusCode).toBe(401);
    expect(response.json['message']).toMatch(/x-twitter-webhooks-signature/);
    expectNothingPublished();
  });

  it('answers 401 to a signed body altered in transit', async () => {
    const event = twitterPost(body);
    event.body = body.replace('tell me a joke', 'tell me a secret');
    expect((await invoke(handler(), event)).statusCode).toBe(401);
    expectNothingPublished();
  });

  it('answers 400 with a message to a signed body that is not JSON', async () => {
    const response = await invoke(handler(), twitterPost('for_user_id=19985099'));
    expect(response.statusCode).toBe(400);
    expect(response.json['message']).toBe('Body is not valid JSON');
    expectNothingPublished();
  });

  it('answers 400 naming the path to a signed body of the wrong shape', async () => {
    const response = await invoke(handler(), twitterPost(JSON.stringify({ for_user_id: '19985099', tweet_create_events: [{ text: 'hi' }] })));
    expect(response.statusCode).toBe(400);
    expect(response.json['message']).toMatch(/tweet_create_events\.0\.id_str/);
    expectNothingPublished();
  });

  it('answers 413 to a body over 1 MiB, before looking at the signature', async () => {
    const big = JSON.stringify({ for_user_id: '19985099', padding: 'x'.repeat(MAX_BODY_BYTES) });
    const response = await invoke(handler(), twitterPost(big));
    expect(response.statusCode).toBe(413);
    expectNothingPublished();
  });

  it('answers 405 to a method the route does not serve', async () => {
    const event = twitterPost(body);
    event.httpMethod = 'PUT';
    const response = await invoke(handler(), event);
    expect(response.statusCode).toBe(405);
    expect(response.headers).toMatchObject({ allow: 'GET, POST' });
    expectNothingPublished();
  });
});
