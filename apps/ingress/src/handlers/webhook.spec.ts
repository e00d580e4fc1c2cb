import 'aws-sdk-client-mock-jest';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { NOW_SECONDS, webhookPost } from '../__testing__/deliveries';
import { IngressHarness, invoke } from '../__testing__/harness';

const aws = new IngressHarness();
beforeEach(() => aws.reset());
const handler = () => aws.handler('WEBHOOK');

const review = {
  id: 'review-8812',
  text: 'The parcel arrived broken and nobody answers my emails',
  author: { id: 'c-19', name: 'Dana' },
  replyUrl: 'https://reviews.example.com/replies',
};

const expectNothingPublished = () => {
  expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  expect(aws.table.mock).not.toHaveReceivedCommand(PutItemCommand);
};

describe('POST /webhook/{source}', () => {
  it('publishes a signed body as WEBHOOK_EVENT (source WEBHOOK) and MESSAGE_RECEIVED (source INGRESS)', async () => {
    const response = await invoke(handler(), webhookPost('shop-reviews', JSON.stringify(review)));
    expect(response.statusCode).toBe(200);
    expect(aws.published.map((e) => [e.Source, e.DetailType])).toEqual([
      ['WEBHOOK', 'WEBHOOK_EVENT'],
      ['INGRESS', 'MESSAGE_RECEIVED'],
    ]);
    expect(aws.details('MESSAGE_RECEIVED')[0]).toMatchObject({
      MessageId: 'WEBHOOK-shop-reviews-review-8812',
      Webhook: { Source: 'shop-reviews', ExternalId: 'review-8812', ReplyUrl: 'https://reviews.example.com/replies' },
    });
    expect(aws.details('WEBHOOK_EVENT')[0]!['Payload']).toEqual(review);
  });

  it('accepts a text over Comprehend’s limits and keeps it whole', async () => {
    const text = 'Ünïcödé review. '.repeat(3_000);
    const response = await invoke(handler(), webhookPost('shop-reviews', JSON.stringify({ ...review, text })));
    expect(response.statusCode).toBe(200);
    expect((aws.details('MESSAGE_RECEIVED')[0]!['Text'] as string) === text).toBe(true);
  });

  it('reads the secret once per cache period, not per request', async () => {
    const h = handler();
    await invoke(h, webhookPost('shop-reviews', JSON.stringify(review)));
    await invoke(h, webhookPost('shop-reviews', JSON.stringify({ ...review, id: 'review-8813' })));
    expect(aws.secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });
});

describe('POST /webhook/{source}: bad input publishes nothing', () => {
  const body = JSON.stringify(review);

  it('answers 401, exactly like a bad signature, to a source that has no secret', async () => {
    const unknown = await invoke(handler(), webhookPost('no-such-source', body));
    const forged = await invoke(handler(), webhookPost('shop-reviews', body, { secret: 'whsec_not_the_right_secret_at_all' }));
    expect(unknown.statusCode).toBe(401);
    expect(forged.statusCode).toBe(401);
    expect(unknown.json).toEqual(forged.json);
    expectNothingPublished();
  });

  it('answers 401 to a source named like an Object.prototype member', async () => {
    expect((await invoke(handler(), webhookPost('constructor', body))).statusCode).toBe(401);
  });

  it.each([
    ['outside the 5-minute replay window', { timestamp: String(Number(NOW_SECONDS) - 600) }],
    ['without a timestamp', { headers: { 'x-sma-timestamp': '' } }],
    ['without a signature', { headers: { 'x-sma-signature': '' } }],
    ['with a signature of the wrong length', { headers: { 'x-sma-signature': 'v1=00ff' } }],
  ])('answers 401 to a request %s', async (_case, options) => {
    expect((await invoke(handler(), webhookPost('shop-reviews', body, options))).statusCode).toBe(401);
    expectNothingPublished();
  });

  it.each([
    ['not JSON', 'id=review-8812', /not valid JSON/],
    ['missing the author', JSON.stringify({ id: 'r1', text: 'x' }), /author/],
    ['with an unknown field', JSON.stringify({ ...review, stars: 1 }), /Unrecognized key/],
    ['with an http image', JSON.stringify({ ...review, imageUrls: ['http://x.example/a.jpg'] }), /imageUrls\.0/],
  ])('answers 400 with a message to a signed body %s', async (_case, text, message) => {
    const response = await invoke(handler(), webhookPost('shop-reviews', text));
    expect(response.statusCode).toBe(400);
    expect(response.json['message']).toMatch(message);
    expectNothingPublished();
  });
});
