/**
 * End-to-end benchmark of the local cloud: signed X mentions posted open-loop at set
 * rates (a slow answer does not delay the next post, so queueing shows in the
 * latencies), text-only and with one photo, measuring per message the webhook answer
 * time and webhook → SEND_REPLY (reply command on the bus) and → reply posted on the
 * local X API; sustained messages/s; CPU and memory of the local cloud's process tree
 * (its Lambda sandboxes included).
 *
 *   node --import tsx tools/local-cloud/bench/pipeline.ts [--rates 1,2,4] [--image-rates 0.5,1] [--duration 20] [--lambda-concurrency 4]
 *
 * Needs synthesized apps (`npx nx run-many -t synth`). Prints figures; asserts nothing.
 */
import { parseArgs } from 'node:util';
import { gradientPng } from '../src/__testing__/images';
import { startCloud, traces, type BusTrace, type RunningCloud } from '../e2e/harness';
import { cores, mb, ms, percentile, postOpenLoop, printTable, sampleUsage } from './load';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '1,2,4' },
    'image-rates': { type: 'string', default: '0.5,1' },
    duration: { type: 'string', default: '20' },
    drain: { type: 'string', default: '90' },
    'lambda-concurrency': { type: 'string', default: '4' },
  },
});

interface Result {
  readonly scenario: string;
  readonly offered: number;
  readonly sent: number;
  readonly accepted: number;
  readonly commands: number;
  readonly replies: number;
  readonly throughput: number;
  readonly webhook: number[];
  readonly toCommand: number[];
  readonly toReply: number[];
  readonly cpuCores: number;
  readonly rssMb: number;
  readonly processes: number;
}

async function scenario(cloud: RunningCloud, name: string, rate: number, durationS: number, drainS: number, imageUrl?: string): Promise<Result> {
  const usage = sampleUsage(cloud.info.pid);
  const run = await postOpenLoop(cloud, {
    rate,
    durationS,
    text: (i) => `@sma_bot ${name} message ${i}: tell me a joke about benchmarks`,
    ...(imageUrl ? { imageUrls: [imageUrl] } : {}),
  });
  const sent = run.accepted;
  const start = run.startedAt;
  // Drain: wait until every accepted message has its reply command (or the drain time is up).
  const deadline = Date.now() + drainS * 1000;
  let commands: BusTrace[] = [];
  while (Date.now() < deadline) {
    commands = (await traces(cloud, 'SEND_REPLY', start)).filter((t) => t.messageId && sent.has(t.messageId) && !t.replayName);
    if (new Set(commands.map((c) => c.messageId)).size >= sent.size) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // Replies on the local X API (egress) for the same messages.
  const tweetIds = new Map([...sent.keys()].map((m) => [m.slice('TWITTER-'.length), m]));
  let replies = (await cloud.client.records('x', 'tweet')).filter((r) => tweetIds.has(String(r.data['inReplyToTweetId'])));
  const replyDeadline = Date.now() + 30_000;
  while (replies.length < commands.length && Date.now() < replyDeadline) {
    await new Promise((r) => setTimeout(r, 250));
    replies = (await cloud.client.records('x', 'tweet')).filter((r) => tweetIds.has(String(r.data['inReplyToTweetId'])));
  }
  const used = usage.stop();
  const firstCommand = new Map<string, number>();
  for (const c of commands) if (!firstCommand.has(c.messageId!) || firstCommand.get(c.messageId!)! > c.ingested) firstCommand.set(c.messageId!, c.ingested);
  const toCommand = [...firstCommand].map(([m, t]) => t - sent.get(m)!).sort((a, b) => a - b);
  const toReply = replies.map((r) => Date.parse(r.at) - sent.get(tweetIds.get(String(r.data['inReplyToTweetId']))!)!).sort((a, b) => a - b);
  const lastCommand = Math.max(...firstCommand.values());
  return {
    scenario: name,
    offered: rate,
    sent: run.sent,
    accepted: sent.size,
    commands: firstCommand.size,
    replies: replies.length,
    throughput: firstCommand.size / Math.max(durationS, (lastCommand - start) / 1000),
    webhook: run.webhookMs,
    toCommand,
    toReply,
    cpuCores: used.cpuCores,
    rssMb: Number(mb(used.peakRssBytes)),
    processes: used.processes,
  };
}

async function main(): Promise<void> {
  const duration = Number(values.duration);
  const drain = Number(values.drain);
  const t0 = Date.now();
  const cloud = await startCloud({ delayScale: 1, lambdaConcurrency: Number(values['lambda-concurrency']) });
  const startup = Date.now() - t0;
  const results: Result[] = [];
  let lambdaStats: Record<string, { coldStarts: number; warmStarts: number; coldStartMs: number[]; initMs: number[] }> = {};
  try {
    const image = await cloud.client.uploadImage(gradientPng(640, 480), 'bench.png');
    // Warm-up (cold starts of every function on the path), not counted.
    const w0 = Date.now();
    const warm = await cloud.client.postMention('@sma_bot warm up please');
    const warmImage = await cloud.client.postMention('@sma_bot warm up with a picture', { imageUrls: [image] });
    await cloud.client.waitForReply(warm.tweetId, 120_000);
    await cloud.client.waitForReply(warmImage.tweetId, 180_000);
    const warmup = Date.now() - w0;
    process.stdout.write(`local cloud started in ${startup} ms (process start to ready, incl. tsx); first text + image replies (cold) in ${warmup} ms\n`);
    for (const rate of values.rates!.split(',').map(Number)) results.push(await scenario(cloud, 'text', rate, duration, drain));
    for (const rate of values['image-rates']!.split(',').map(Number)) results.push(await scenario(cloud, 'image', rate, duration, drain, image));
    lambdaStats = (await (await fetch(`${cloud.info.endpoint}/_lambda/stats`)).json()) as typeof lambdaStats;
  } finally {
    await cloud.stop();
  }
  const header = ['scenario', 'offered/s', 'sent', 'accepted', 'commands', 'replies', 'sustained/s', 'webhook p50', 'p99', '→command p50', 'p95', 'p99', '→reply p50', 'p99', 'CPU cores', 'peak RSS MB', 'processes'];
  const rows = results.map((r) => [
    r.scenario,
    String(r.offered),
    String(r.sent),
    String(r.accepted),
    String(r.commands),
    String(r.replies),
    r.throughput.toFixed(2),
    ms(percentile(r.webhook, 50)),
    ms(percentile(r.webhook, 99)),
    ms(percentile(r.toCommand, 50)),
    ms(percentile(r.toCommand, 95)),
    ms(percentile(r.toCommand, 99)),
    ms(percentile(r.toReply, 50)),
    ms(percentile(r.toReply, 99)),
    r.cpuCores.toFixed(2),
    Math.round(r.rssMb).toString(),
    String(r.processes),
  ]);
  process.stdout.write(`\nlatencies in ms, from the webhook POST; ${duration} s per rate; machine: ${cores()} cores\n`);
  printTable(header, rows);

  const median = (xs: number[]) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
  process.stdout.write('\nLambda sandboxes (child processes): cold start = spawn to ready, init = loading the bundle\n');
  process.stdout.write(`${'function'.padEnd(64)} ${'cold'.padStart(5)} ${'warm'.padStart(6)} ${'cold start p50 ms'.padStart(18)} ${'init p50 ms'.padStart(12)}\n`);
  for (const [name, s] of Object.entries(lambdaStats).sort()) {
    process.stdout.write(`${name.padEnd(64)} ${String(s.coldStarts).padStart(5)} ${String(s.warmStarts).padStart(6)} ${ms(median(s.coldStartMs)).padStart(18)} ${ms(median(s.initMs)).padStart(12)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
