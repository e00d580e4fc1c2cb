/**
 * The local cloud killed (SIGKILL) in the middle of a burst of mentions and started
 * again on the same data directory: every delivery ingress acknowledged (HTTP 200)
 * gets its reply, and exactly one — accepted events are on disk before the answer,
 * unacknowledged deliveries, queued asynchronous invocations and running executions
 * resume after the restart, and the services' idempotency absorbs the redeliveries.
 *
 * Real retry timing (delayScale 1): an egress invocation killed mid-post leaves its
 * Powertools idempotency lock for the function's timeout (60 s), and only Lambda's
 * asynchronous retry a minute later can take over, as it would in AWS.
 */
import { startCloud, type RunningCloud } from './harness';

let cloud: RunningCloud;

afterAll(async () => {
  await cloud?.stop();
});

it('loses no acknowledged mention and replies to none twice across a crash', async () => {
  cloud = await startCloud({ delayScale: 1 });
  const dataDir = cloud.dataDir;
  // Warm the path so the burst is in flight everywhere when the process dies.
  const warm = await cloud.client.postMention('@sma_bot warm up');
  await cloud.client.waitForReply(warm.tweetId, 60_000);

  const acknowledged: string[] = [];
  const posts: Array<Promise<void>> = [];
  const client = cloud.client;
  let killed = false;
  const burst = (async () => {
    for (let i = 0; i < 60 && !killed; i++) {
      posts.push(
        client
          .postMention(`@sma_bot burst message ${i}, tell me a fact`)
          .then((p) => {
            if (p.status === 200 && !killed) acknowledged.push(p.tweetId);
          })
          .catch(() => undefined),
      );
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  // Crash once enough deliveries are acknowledged, with more still being posted and processed.
  for (let i = 0; i < 600 && acknowledged.length < 15; i++) await new Promise((r) => setTimeout(r, 20));
  killed = true;
  const counted = acknowledged.length;
  await cloud.kill();
  await burst;
  await Promise.all(posts);
  acknowledged.splice(counted);
  expect(acknowledged.length).toBeGreaterThanOrEqual(15);

  cloud = await startCloud({ dataDir, delayScale: 1 });
  for (const tweetId of acknowledged) await cloud.client.waitForReply(tweetId, 240_000);
  // Let any redelivery that could duplicate a reply run its course.
  await new Promise((r) => setTimeout(r, 5000));
  const replies = (await cloud.client.records('x', 'tweet')).filter((r) => acknowledged.includes(String(r.data['inReplyToTweetId'])));
  const perTweet = new Map<string, number>();
  for (const r of replies) perTweet.set(String(r.data['inReplyToTweetId']), (perTweet.get(String(r.data['inReplyToTweetId'])) ?? 0) + 1);
  expect([...perTweet.values()].filter((n) => n !== 1)).toEqual([]);
  expect(perTweet.size).toBe(acknowledged.length);
}, 420_000);
