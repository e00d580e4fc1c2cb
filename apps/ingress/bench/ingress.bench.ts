/**
 * Ingress benchmark: drives the real handlers in-process with signed
 * deliveries (AWS SDK calls answered by aws-sdk-client-mock, the idempotency
 * table in memory) and prints deliveries per second and p50/p99 latency of
 * the signature check alone, the whole path, and redeliveries.
 *
 *   npx nx run ingress:bench        (or: npx tsx apps/ingress/bench/ingress.bench.ts)
 *
 * What it measures is our code plus Powertools, zod and the SDK client
 * objects; network calls to EventBridge/DynamoDB (a few ms each in a region)
 * are not in it. It is a regression signal and a ratio, not a capacity plan.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { slackFixture, twitterFixture } from '@sma/anti-corruption/testing';
import { verifySlackSignature, verifyTwitterSignature, verifyWebhookSignature } from '@sma/anti-corruption';
import { SECRETS, NOW_SECONDS, lambdaContext, slackPost, twitterPost, webhookPost } from '../src/__testing__/deliveries';
import { IngressHarness } from '../src/__testing__/harness';
import type { IngressHandler } from '../src/runtime/ingress-handler';
import type { APIGatewayProxyEvent } from 'aws-lambda';

process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';
process.env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';
process.env['POWERTOOLS_TRACE_ENABLED'] ??= 'false';
process.env['AWS_REGION'] ??= 'eu-west-1';
process.env['AWS_ACCESS_KEY_ID'] ??= 'bench';
process.env['AWS_SECRET_ACCESS_KEY'] ??= 'bench';
// The bench runs on the development Node; Lambda runs Node 22. The SDK's notice about it is noise here.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 3_000);
const WARMUP = Math.min(300, ITERATIONS);

interface Figures {
  readonly name: string;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Runs `op` sequentially (a Lambda environment serves one request at a time) and measures each call. */
async function measure(name: string, op: (i: number) => unknown): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await op(i);
  const times: number[] = [];
  const start = performance.now();
  for (let i = WARMUP; i < WARMUP + ITERATIONS; i++) {
    const t0 = performance.now();
    await op(i);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return { name, perSecond: (ITERATIONS / total) * 1000, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** One signed delivery per iteration, each with its own platform ids, built before timing starts. */
function deliveries(count: number) {
  const mention = twitterFixture('tweet_create_events').json as { tweet_create_events: Array<Record<string, unknown>> };
  const twitter: APIGatewayProxyEvent[] = [];
  const slack: APIGatewayProxyEvent[] = [];
  const webhook: APIGatewayProxyEvent[] = [];
  const appMention = slackFixture('app_mention').json as { event_id: string; event: Record<string, unknown> };
  for (let i = 0; i < count; i++) {
    const tweet = { ...mention.tweet_create_events[0]!, id_str: String(1_600_000_000_000_000_000n + BigInt(i)) };
    twitter.push(twitterPost(JSON.stringify({ ...mention, tweet_create_events: [tweet] })));
    slack.push(slackPost(JSON.stringify({ ...appMention, event_id: `EvBench${i}`, event: { ...appMention.event, ts: `1700000000.${String(i).padStart(6, '0')}` } })));
    webhook.push(webhookPost('shop-reviews', JSON.stringify({ id: `bench-${i}`, text: 'The parcel arrived broken', author: { id: 'c-19' } })));
  }
  return { twitter, slack, webhook };
}

const invoke = (handler: IngressHandler, event: APIGatewayProxyEvent) => async () => {
  const response = await handler(event, lambdaContext());
  if (response.statusCode !== 200) throw new Error(`Unexpected ${response.statusCode}: ${response.body}`);
};

/** Time from `require` of a built bundle to its handler export, in a fresh process (module init of a cold start). */
function bundleInitMs(handler: string): number | undefined {
  const bundle = join(__dirname, '..', '..', '..', 'dist', 'apps', 'ingress', 'lambda', `${handler}.js`);
  if (!existsSync(bundle)) return undefined;
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const runs = Array.from({ length: 5 }, () =>
    Number(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, IDEMPOTENCY_TABLE_NAME: 'bench' } }).toString()),
  );
  return runs.sort((a, b) => a - b)[2];
}

async function main(): Promise<void> {
  const aws = new IngressHarness();
  aws.reset();
  const total = WARMUP + ITERATIONS;
  const events = deliveries(total);
  const results: Figures[] = [];

  // Signature checks alone, over the same bodies the whole-path runs use.
  const twitterBodies = events.twitter.map((e) => ({ body: e.body!, signature: e.headers['X-Twitter-Webhooks-Signature'] }));
  results.push(
    await measure('X signature check alone', (i) =>
      verifyTwitterSignature(twitterBodies[i]!.body, twitterBodies[i]!.signature, SECRETS.twitter.consumerSecret),
    ),
  );
  results.push(
    await measure('Slack signature check alone', (i) =>
      verifySlackSignature({
        rawBody: events.slack[i]!.body!,
        signature: events.slack[i]!.headers['X-Slack-Signature'],
        timestamp: NOW_SECONDS,
        signingSecret: SECRETS.slack.signingSecret,
        nowSeconds: Number(NOW_SECONDS),
      }),
    ),
  );
  results.push(
    await measure('webhook signature check alone', (i) =>
      verifyWebhookSignature({
        rawBody: events.webhook[i]!.body!,
        signature: events.webhook[i]!.headers['x-sma-signature'],
        timestamp: NOW_SECONDS,
        secret: SECRETS.webhook.sources['shop-reviews']!.secret,
        nowSeconds: Number(NOW_SECONDS),
      }),
    ),
  );

  // Whole path: new deliveries (claim, publish, complete: 2 units each).
  const twitter = aws.handler('TWITTER');
  const slack = aws.handler('SLACK');
  const webhook = aws.handler('WEBHOOK');
  results.push(await measure('X mention, whole path (new)', (i) => invoke(twitter, events.twitter[i]!)()));
  results.push(await measure('Slack app_mention, whole path (new)', (i) => invoke(slack, events.slack[i]!)()));
  results.push(await measure('webhook, whole path (new)', (i) => invoke(webhook, events.webhook[i]!)()));
  // Redeliveries: same environment (local cache), and another environment (record read from the table).
  results.push(await measure('X redelivery, same environment', (i) => invoke(twitter, events.twitter[i]!)()));
  const otherEnvironment = aws.handler('TWITTER');
  results.push(await measure('X redelivery, other environment', (i) => invoke(otherEnvironment, events.twitter[i]!)()));

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`ingress benchmark: ${ITERATIONS} deliveries per row after ${WARMUP} warm-up, Node ${process.version}\n`);
  console.log(`${pad('scenario', 38)}${pad('deliveries/s', 14)}${pad('p50 ms', 10)}p99 ms`);
  for (const r of results) {
    console.log(`${pad(r.name, 38)}${pad(r.perSecond.toFixed(0), 14)}${pad(r.p50.toFixed(3), 10)}${r.p99.toFixed(3)}`);
  }
  const ratio = (whole: string, signature: string) => {
    const w = results.find((r) => r.name === whole)!;
    const s = results.find((r) => r.name === signature)!;
    return (w.p50 / s.p50).toFixed(0);
  };
  console.log(`\nwhole path / signature check alone (p50): X ${ratio('X mention, whole path (new)', 'X signature check alone')}x, ` +
    `Slack ${ratio('Slack app_mention, whole path (new)', 'Slack signature check alone')}x, ` +
    `webhook ${ratio('webhook, whole path (new)', 'webhook signature check alone')}x`);
  const published = aws.published.length;
  console.log(`events published: ${published} (expected ${total * 6}: 2 per new delivery, none for redeliveries)`);
  if (published !== total * 6) throw new Error('a redelivery published something, or a delivery was lost');

  const init = ['twitter', 'slack', 'webhook'].map((h) => [h, bundleInitMs(h)] as const);
  if (init.every(([, ms]) => ms !== undefined)) {
    console.log(`bundle module init (cold start, median of 5): ${init.map(([h, ms]) => `${h} ${ms!.toFixed(0)} ms`).join(', ')}`);
  } else {
    console.log('bundle module init: not measured (run `npx nx run ingress:build` first)');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
