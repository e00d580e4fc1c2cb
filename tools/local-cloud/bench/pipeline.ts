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
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gradientPng } from '../src/__testing__/images';
import { startCloud, type RunningCloud } from '../e2e/harness';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '1,2,4' },
    'image-rates': { type: 'string', default: '0.5,1' },
    duration: { type: 'string', default: '20' },
    drain: { type: 'string', default: '90' },
    'lambda-concurrency': { type: 'string', default: '4' },
  },
});

interface Trace {
  readonly detailType: string;
  readonly ingested: number;
  readonly messageId?: string;
}

/** CPU seconds and RSS bytes of a process and all its descendants (Linux /proc). */
function treeUsage(root: number): { cpuSeconds: number; rssBytes: number; processes: number } {
  const parents = new Map<number, number>();
  const stats = new Map<number, { cpu: number; rss: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      stats.set(Number(entry), { cpu: (Number(fields[11]) + Number(fields[12])) / 100, rss: Number(fields[21]) * 4096 });
    } catch {
      // The process ended meanwhile.
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const pid of tree) {
    cpuSeconds += stats.get(pid)?.cpu ?? 0;
    rssBytes += stats.get(pid)?.rss ?? 0;
  }
  return { cpuSeconds, rssBytes, processes: tree.size };
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
const ms = (n: number) => (Number.isNaN(n) ? '—' : `${Math.round(n)}`);

async function traces(cloud: RunningCloud, detailType: string, since: number): Promise<Trace[]> {
  const res = await fetch(`${cloud.info.endpoint}/_events/traces?detailType=${detailType}&since=${since}`);
  return (await res.json()) as Trace[];
}

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
  const count = Math.max(1, Math.round(rate * durationS));
  const sent = new Map<string, number>();
  const webhook: number[] = [];
  let accepted = 0;
  const start = Date.now();
  const before = treeUsage(cloud.info.pid);
  let peakRss = before.rssBytes;
  let processes = before.processes;
  const sampler = setInterval(() => {
    const u = treeUsage(cloud.info.pid);
    peakRss = Math.max(peakRss, u.rssBytes);
    processes = Math.max(processes, u.processes);
  }, 500);
  const posts: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    const t0 = Date.now();
    posts.push(
      cloud.client.postMention(`@sma_bot ${name} message ${i}: tell me a joke about benchmarks`, imageUrl ? { imageUrls: [imageUrl] } : {}).then((p) => {
        webhook.push(Date.now() - t0);
        sent.set(`TWITTER-${p.tweetId}`, t0);
        if (p.status === 200) accepted++;
      }),
    );
  }
  await Promise.all(posts);
  // Drain: wait until every accepted message has its reply command (or the drain time is up).
  const deadline = Date.now() + drainS * 1000;
  let commands: Trace[] = [];
  while (Date.now() < deadline) {
    commands = (await traces(cloud, 'SEND_REPLY', start)).filter((t) => t.messageId && sent.has(t.messageId) && !('replayName' in t && t.replayName));
    if (new Set(commands.map((c) => c.messageId)).size >= accepted) break;
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
  clearInterval(sampler);
  const after = treeUsage(cloud.info.pid);
  const firstCommand = new Map<string, number>();
  for (const c of commands) if (!firstCommand.has(c.messageId!) || firstCommand.get(c.messageId!)! > c.ingested) firstCommand.set(c.messageId!, c.ingested);
  const toCommand = [...firstCommand].map(([m, t]) => t - sent.get(m)!).sort((a, b) => a - b);
  const toReply = replies.map((r) => Date.parse(r.at) - sent.get(tweetIds.get(String(r.data['inReplyToTweetId']))!)!).sort((a, b) => a - b);
  const lastCommand = Math.max(...firstCommand.values());
  const elapsedS = (Date.now() - start) / 1000;
  return {
    scenario: name,
    offered: rate,
    sent: count,
    accepted,
    commands: firstCommand.size,
    replies: replies.length,
    throughput: firstCommand.size / Math.max(durationS, (lastCommand - start) / 1000),
    webhook: webhook.sort((a, b) => a - b),
    toCommand,
    toReply,
    cpuCores: (after.cpuSeconds - before.cpuSeconds) / elapsedS,
    rssMb: peakRss / 1024 / 1024,
    processes,
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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  process.stdout.write(`\nlatencies in ms, from the webhook POST; ${duration} s per rate; machine: ${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} cores\n`);
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);

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
