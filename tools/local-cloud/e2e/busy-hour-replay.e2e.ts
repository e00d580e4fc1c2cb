/**
 * A busy stretch of traffic, then a full replay of it from the archive. The replay
 * re-delivers every archived event to every rule, so the services run again: analysis
 * re-analyses each replayed MESSAGE_RECEIVED (a new MESSAGE_ANALYSED, a new event id,
 * the same MessageId), responding answers each replayed and re-derived MESSAGE_ANALYSED,
 * egress gets every reply command again. What must hold:
 *
 * - before the replay, every message got each step exactly once (counted from the
 *   archive by MessageId) and one reply;
 * - after it, still one reply per message on X: egress answers every replayed or
 *   re-derived command from its idempotency store;
 * - the lake received every copy (its raw deliveries grow), yet each named query over
 *   analysed messages returns the same counts (they keep one row per MessageId), and the
 *   events-per-type query counts each replayed event once (distinct event id) — an event
 *   the replay re-derived (a re-analysis) is a new event with its own id, counted once.
 *
 * Scaled-down waits (delayScale 0.02): Firehose's 60 s buffers flush in 1.2 s.
 */
import { ACCOUNT_ACTIVITY_KINDS } from '@sma/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradientPng } from '../src/__testing__/images';
import { accountFromArchive, describeLedger, isExactlyOnce, MESSAGE_STEPS } from './accounting';
import { eventsQueryOf, lakeContext, lakeRowCount, messageCounts, runNamedQueries, runQuery, type QueryRows } from './athena';
import { eventually, replayArchive, startCloud, traces, WORKSPACE, type RunningCloud } from './harness';

const PHOTO = join(WORKSPACE, 'tools', 'local-cloud', 'eval', 'datasets', 'faces', 'vladimir-mandic-probe-1.jpg');
const TEXTS = [
  '@sma_bot this is the worst service I have ever had, the van from Acme Motors broke down again',
  '@sma_bot thank you so much, the team in Leeds was wonderful and helpful today!',
  '@sma_bot what time does the shop open on Saturday?',
  '@sma_bot tell me a joke, my train to London was cancelled and I am furious',
  '@sma_bot I love the new app, great work by Maria Lopez and everyone',
  '@sma_bot my order from Acme Motors is late and nobody answers the phone',
];
const TEXT_MESSAGES = 36;
const REDELIVERED = 4;

let cloud: RunningCloud;
let started = 0;
const messageIds: string[] = [];
let lake: Awaited<ReturnType<typeof lakeContext>>;

const repliesPosted = async () => (await cloud.client.records('x', 'tweet')).filter((r) => messageIds.includes(`TWITTER-${String(r.data['inReplyToTweetId'])}`));

/** Waits until every event the bus accepted since the start (replays included) is a row of the lake. */
async function lakeHoldsEverything(): Promise<number> {
  return eventually(async () => {
    const accepted = (await traces(cloud, undefined, started)).length;
    const rows = await lakeRowCount(cloud, lake);
    return rows === accepted ? rows : undefined;
  }, 'the lake to hold every delivery', 120_000, 1000);
}

beforeAll(async () => {
  cloud = await startCloud();
  started = Date.now();
  lake = await lakeContext(cloud);
});

afterAll(async () => {
  await cloud?.stop();
});

it('a burst of mentions, some with photos and some redelivered by X, is answered exactly once each', async () => {
  const photo = await cloud.client.uploadImage(readFileSync(PHOTO), 'person.jpg');
  const gradient = await cloud.client.uploadImage(gradientPng(320, 240), 'gradient.png');
  const posts: Array<Promise<{ tweetId: string; status: number; body: string }>> = [];
  for (let i = 0; i < TEXT_MESSAGES; i++) {
    posts.push(cloud.client.postMention(`${TEXTS[i % TEXTS.length]} (#${i})`));
    await new Promise((r) => setTimeout(r, 60));
  }
  posts.push(cloud.client.postMention('@sma_bot who is this? what a lovely picture', { imageUrls: [photo] }));
  posts.push(cloud.client.postMention('@sma_bot look at this, terrible photo quality', { imageUrls: [gradient] }));
  posts.push(cloud.client.postMention('@sma_bot two photos from the trip', { imageUrls: [photo, gradient] }));
  posts.push(cloud.client.postMention('@sma_bot here you are', { imageUrls: [photo] }));
  const posted = await Promise.all(posts);
  expect(posted.map((p) => p.status)).toEqual(posted.map(() => 200));
  messageIds.push(...posted.map((p) => `TWITTER-${p.tweetId}`));
  // X redelivers a few deliveries (it retries when it misses our answer).
  for (const p of posted.slice(0, REDELIVERED)) expect((await cloud.client.postMention('', { body: p.body, tweetId: p.tweetId })).status).toBe(200);

  await eventually(async () => ((await repliesPosted()).length >= messageIds.length ? true : undefined), `${messageIds.length} replies`, 180_000, 500);
  const ledger = await eventually(async () => {
    const l = accountFromArchive(cloud.dataDir, messageIds, await repliesPosted());
    return l.REPLY_SENT.exactlyOnce + l.REPLY_SENT.duplicated.length === messageIds.length ? l : undefined;
  }, 'REPLY_SENT of every message');
  expect({ exactlyOnce: isExactlyOnce(ledger), ledger: describeLedger(ledger, messageIds.length) }).toEqual({ exactlyOnce: true, ledger: expect.any(String) });
}, 300_000);

it('replayed in full from the archive: no extra reply, the lake’s counts unchanged after deduplication', async () => {
  const deliveriesBefore = await lakeHoldsEverything();
  const before = await runNamedQueries(cloud);
  // Sanity: the queries over analysed messages exist and the lake holds this traffic (not
  // empty results compared with empty results).
  expect(Object.keys(messageCounts(before)).length).toBeGreaterThanOrEqual(5);
  expect((await runQuery(cloud, 'SELECT count(DISTINCT detail.messageid) AS n FROM analysed_messages', lake))[1]).toEqual([String(messageIds.length)]);
  const archived = (await traces(cloud, undefined, started)).filter((t) => !t.replayName);
  const chain = (type: string) => archived.filter((t) => t.detailType === type).length;
  expect(MESSAGE_STEPS.map(chain)).toEqual(MESSAGE_STEPS.map(() => messageIds.length));

  const replayStart = await replayArchive(cloud, 'busy-hour', new Date(started - 1000), new Date());
  // Every reply command since the replay began — each archived one replayed, one re-derived
  // from each replayed MESSAGE_ANALYSED, one from each re-analysis — answered by egress.
  const n = messageIds.length;
  await eventually(
    async () => {
      const commands = await traces(cloud, 'SEND_REPLY', replayStart);
      const answered = (await traces(cloud, 'REPLY_SENT', replayStart)).filter((t) => !t.replayName);
      return commands.length === 3 * n && commands.every((c) => c.deliveries.every((d) => d.status === 'delivered')) && answered.length === 3 * n ? true : undefined;
    },
    `the ${3 * n} replayed and re-derived reply commands to be answered`,
    180_000,
    500,
  );

  const replies = await repliesPosted();
  expect(replies).toHaveLength(n);
  expect(new Set(replies.map((r) => r.data['inReplyToTweetId'])).size).toBe(n);

  const deliveriesAfter = await lakeHoldsEverything();
  expect(deliveriesAfter).toBeGreaterThan(deliveriesBefore + archived.length - 1);
  const after = await runNamedQueries(cloud);
  const perTypeAfter = eventsQueryOf(after);
  const perTypeBefore = eventsQueryOf(before);
  // Every query over analysed messages: the same counts, one row per MessageId.
  expect(messageCounts(after)).toEqual(messageCounts(before));
  // Events per detail-type: a re-delivered or replayed event counted once (distinct event
  // id) among all its copies; an event re-derived by the replay (a re-analysis, a new reply
  // command) is a new event with an id of its own, and counted as one.
  const accepted = await traces(cloud, undefined, started);
  const expected = new Map<string, { events: Set<string>; deliveries: number }>();
  for (const t of accepted) {
    const e = expected.get(t.detailType) ?? { events: new Set<string>(), deliveries: 0 };
    e.events.add(t.id);
    e.deliveries++;
    expected.set(t.detailType, e);
  }
  const byType = (rows: QueryRows) => {
    const [header, ...data] = rows;
    const col = (name: string) => header!.indexOf(name);
    const totals: Record<string, { events: number; deliveries: number }> = {};
    for (const r of data) {
      const t = (totals[r[col('detail_type')]!] ??= { events: 0, deliveries: 0 });
      t.events += Number(r[col('events')]);
      t.deliveries += Number(r[col('deliveries')]);
    }
    return totals;
  };
  expect(byType(perTypeAfter)).toEqual(Object.fromEntries([...expected].map(([type, e]) => [type, { events: e.events.size, deliveries: e.deliveries }])));
  // What only the replay re-delivered (nothing re-derives it) has the same event count as before.
  for (const type of [ACCOUNT_ACTIVITY_KINDS.tweet_create_events, 'MESSAGE_RECEIVED']) {
    expect([type, byType(perTypeAfter)[type]?.events]).toEqual([type, byType(perTypeBefore)[type]?.events]);
    expect([type, byType(perTypeAfter)[type]?.deliveries]).toEqual([type, 2 * byType(perTypeBefore)[type]!.deliveries]);
  }
}, 400_000);
