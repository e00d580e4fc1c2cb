import 'aws-sdk-client-mock-jest';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { slackFixture, twitterFixture } from '@sma/anti-corruption/testing';
import { exampleDetail } from '@sma/contracts/testing';
import { slackPost, twitterPost, webhookPost } from '../__testing__/deliveries';
import { IngressHarness, invoke } from '../__testing__/harness';

const aws = new IngressHarness();
beforeEach(() => aws.reset());

const mention = twitterFixture('tweet_create_events').body;

describe('exactly once to the bus', () => {
  it('publishes a redelivered X delivery once, in the same execution environment or another', async () => {
    const first = aws.handler('TWITTER');
    expect((await invoke(first, twitterPost(mention))).json).toEqual({ accepted: true, published: 2, duplicates: 0 });
    // Same environment: answered from the local cache.
    expect((await invoke(first, twitterPost(mention))).json).toEqual({ accepted: true, published: 0, duplicates: 2 });
    // Another environment (no local cache): answered from the DynamoDB record.
    const second = aws.handler('TWITTER');
    const again = await invoke(second, twitterPost(mention));
    expect(again.statusCode).toBe(200);
    expect(again.json).toEqual({ accepted: true, published: 0, duplicates: 2 });
    expect(aws.eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 2);
    expect(aws.detailTypes()).toEqual(['TWITTER_TWEETED', 'MESSAGE_RECEIVED']);
    expect(aws.table.statuses()).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('acknowledges a Slack retry (X-Slack-Retry-Num) without publishing twice', async () => {
    const body = slackFixture('app_mention').body;
    expect((await invoke(aws.handler('SLACK'), slackPost(body))).json).toMatchObject({ published: 2 });
    const retry = await invoke(aws.handler('SLACK'), slackPost(body, { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' }));
    expect(retry.statusCode).toBe(200);
    expect(retry.json).toEqual({ accepted: true, published: 0, duplicates: 2 });
    expect(aws.detailTypes()).toEqual(['SLACK_EVENT', 'MESSAGE_RECEIVED']);
  });

  it('publishes a Slack channel mention once although it arrives as app_mention and as message', async () => {
    const handler = aws.handler('SLACK');
    await invoke(handler, slackPost(slackFixture('app_mention').body));
    const second = await invoke(handler, slackPost(slackFixture('message-channel-mention').body));
    expect(second.json).toEqual({ accepted: true, published: 1, duplicates: 1 });
    expect(aws.detailTypes()).toEqual(['SLACK_EVENT', 'MESSAGE_RECEIVED', 'SLACK_EVENT']);
  });

  it('publishes a generic delivery once per source and id', async () => {
    const body = JSON.stringify({ id: 'review-8812', text: 'broken parcel', author: { id: 'c-19' } });
    await invoke(aws.handler('WEBHOOK'), webhookPost('shop-reviews', body));
    const again = await invoke(aws.handler('WEBHOOK'), webhookPost('shop-reviews', body));
    expect(again.json).toEqual({ accepted: true, published: 0, duplicates: 2 });
    expect(aws.detailTypes()).toEqual(['WEBHOOK_EVENT', 'MESSAGE_RECEIVED']);
  });

  it('refuses (422) a generic id reused for a different payload, publishing nothing more', async () => {
    const body = (text: string) => JSON.stringify({ id: 'review-8812', text, author: { id: 'c-19' } });
    await invoke(aws.handler('WEBHOOK'), webhookPost('shop-reviews', body('broken parcel')));
    const reused = await invoke(aws.handler('WEBHOOK'), webhookPost('shop-reviews', body('something else entirely')));
    expect(reused.statusCode).toBe(422);
    expect(reused.json['message']).toMatch(/WEBHOOK-shop-reviews-review-8812 was already used for a different payload/);
    expect(aws.detailTypes()).toEqual(['WEBHOOK_EVENT', 'MESSAGE_RECEIVED']);
  });
});

describe('nothing acknowledged is lost when publishing fails', () => {
  it('answers 503 when EventBridge keeps failing, releases the claims, and the retry publishes', async () => {
    aws.eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }],
    });
    const failed = await invoke(aws.handler('TWITTER'), twitterPost(mention));
    expect(failed.statusCode).toBe(503);
    expect(aws.table.items.size).toBe(0);

    aws.acceptAllEvents();
    const retried = await invoke(aws.handler('TWITTER'), twitterPost(mention));
    expect(retried.json).toEqual({ accepted: true, published: 2, duplicates: 0 });
    expect(aws.detailTypes()).toEqual(['TWITTER_TWEETED', 'MESSAGE_RECEIVED']);
  });

  it('on a partial failure keeps what was published and the retry publishes only the rest', async () => {
    let failFavourites = true;
    const accept = aws.eventBridge.on(PutEventsCommand);
    accept.callsFake((input: PutEventsCommand['input']) => {
      const entries = input.Entries ?? [];
      if (failFavourites && entries.some((e) => e.DetailType === 'TWITTER_FAVOURITED')) {
        return { FailedEntryCount: entries.length, Entries: entries.map(() => ({ ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' })) };
      }
      aws.published.push(...entries);
      return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `id-${i}` })) };
    });
    const body = twitterFixture('multiple-events').body;
    const failed = await invoke(aws.handler('TWITTER'), twitterPost(body));
    expect(failed.statusCode).toBe(503);
    expect(aws.detailTypes().sort()).toEqual(['MESSAGE_RECEIVED', 'MESSAGE_RECEIVED', 'TWITTER_TWEETED', 'TWITTER_TWEETED']);
    expect(aws.table.statuses()).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);

    failFavourites = false;
    const retried = await invoke(aws.handler('TWITTER'), twitterPost(body));
    expect(retried.json).toEqual({ accepted: true, published: 1, duplicates: 4 });
    expect(aws.detailTypes().filter((t) => t === 'TWITTER_FAVOURITED')).toHaveLength(1);
    expect(aws.detailTypes()).toHaveLength(5);
  });

  it('answers 409 (retry later) while another request holds the claim, publishing nothing', async () => {
    const handler = aws.handler('TWITTER');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    aws.eventBridge.on(PutEventsCommand).callsFake(async (input: PutEventsCommand['input']) => {
      await held;
      aws.published.push(...(input.Entries ?? []));
      return { FailedEntryCount: 0, Entries: (input.Entries ?? []).map(() => ({ EventId: 'e' })) };
    });
    const first = invoke(handler, twitterPost(mention));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const concurrent = await invoke(aws.handler('TWITTER'), twitterPost(mention));
    expect(concurrent.statusCode).toBe(409);
    expect(concurrent.headers).toMatchObject({ 'retry-after': '5' });
    release();
    expect((await first).statusCode).toBe(200);
    expect(aws.detailTypes()).toEqual(['TWITTER_TWEETED', 'MESSAGE_RECEIVED']);
  });

  it('takes over a claim left by an invocation that died (its in-progress expiry has passed)', async () => {
    await invoke(aws.handler('TWITTER'), twitterPost(mention));
    for (const item of aws.table.items.values()) {
      item['status'] = { S: 'INPROGRESS' };
      item['in_progress_expiration'] = { N: String(Date.now() - 1_000) };
    }
    aws.published.length = 0;
    const retried = await invoke(aws.handler('TWITTER'), twitterPost(mention));
    expect(retried.json).toEqual({ accepted: true, published: 2, duplicates: 0 });
  });

  it('answers 503 and publishes nothing when the idempotency table is unavailable', async () => {
    aws.table.mock.on(PutItemCommand).rejects(Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $fault: 'server' }));
    const response = await invoke(aws.handler('TWITTER'), twitterPost(mention));
    expect(response.statusCode).toBe(503);
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('validates every event before claiming anything: one event over 256 KB fails the delivery with 413', async () => {
    const body = JSON.stringify({ id: 'big-1', text: '😀'.repeat(80_000), author: { id: 'c-1' } });
    const response = await invoke(aws.handler('WEBHOOK'), webhookPost('shop-reviews', body));
    expect(response.statusCode).toBe(413);
    expect(response.json['message']).toMatch(/over the PutEvents limit/);
    expect(aws.table.mock).not.toHaveReceivedCommand(PutItemCommand);
    expect(aws.eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('keeps MESSAGE_RECEIVED identical on a redelivery, so downstream deduplication by MessageId works', async () => {
    await invoke(aws.handler('TWITTER'), twitterPost(mention));
    expect(aws.details('MESSAGE_RECEIVED')[0]!['MessageId']).toBe(exampleDetail('MESSAGE_RECEIVED').MessageId);
  });
});
