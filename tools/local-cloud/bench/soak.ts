/**
 * The local cloud's capacity on this machine, then a soak at half of it.
 *
 * 1. **Maximum sustainable rate.** Signed text mentions posted open-loop at rising rates,
 *    `--step` seconds each: the listed `--rates`, then 25 % more each step until one is not
 *    sustained, then the gap to it halved twice. A rate is sustained when every delivery is accepted, every
 *    message has its reply command within `--max-lag` seconds of the last post, and
 *    webhook → reply command p95 stays under `--max-p95` ms (a backlog growing faster
 *    than it drains fails both). The highest sustained rate is the maximum.
 * 2. **Soak** at half of it for `--soak-minutes`: every accepted delivery must yield
 *    exactly one MESSAGE_RECEIVED, MESSAGE_ANALYSED, SEND_REPLY and REPLY_SENT (counted
 *    by MessageId from the bus archive on disk) and exactly one reply on the local X
 *    API; memory (RSS of the process tree) at start, end and peak, sampled every 5 s.
 * 3. **Busy-hour replay** of the soak window from the archive (unless `--no-replay`):
 *    zero extra replies, and the lake's named queries over analysed messages return the
 *    same counts as before the replay.
 *
 *   node --import tsx tools/local-cloud/bench/soak.ts [--rates 4,8,12,16] [--max-rate 200] [--step 30]
 *     [--soak-minutes 10] [--rate <skip the search>] [--no-replay] [--lambda-concurrency 4]
 *
 * Needs synthesized apps (`npx nx run-many -t synth`). Prints figures; exits 1 when the
 * soak loses or duplicates anything, or the replay posts a reply or moves a count.
 */
import { PLUMBING_BUS_NAME } from '@sma/contracts';
import { parseArgs } from 'node:util';
import { accountFromArchive, describeLedger, isExactlyOnce, repliedMessageIds } from '../e2e/accounting';
import { lakeContext, lakeRowCount, messageCounts, runNamedQueries } from '../e2e/athena';
import { eventually, replayArchive, startCloud, traces, type RunningCloud } from '../e2e/harness';
import { readArchivedEvents } from '../src/services/events';
import { cores, mb, ms, percentile, postOpenLoop, printTable, sampleUsage } from './load';

// The SDK's notice that it will need Node 22 next year is not a figure.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '4,8,12,16' },
    'max-rate': { type: 'string', default: '200' },
    step: { type: 'string', default: '30' },
    'max-lag': { type: 'string', default: '10' },
    'max-p95': { type: 'string', default: '2000' },
    rate: { type: 'string' },
    'soak-minutes': { type: 'string', default: '10' },
    'no-replay': { type: 'boolean', default: false },
    'lambda-concurrency': { type: 'string', default: '4' },
  },
});

const TEXTS = [
  'tell me a joke, today was awful',
  'thanks for the quick help yesterday, great team',
  'when does the shop in Leeds open?',
  'my parcel from Acme Motors never arrived and I am annoyed',
  'tell me a fact about trains',
];
const text = (tag: string) => (i: number) => `@sma_bot ${TEXTS[i % TEXTS.length]} (${tag} ${i})`;
const out = (line = '') => process.stdout.write(`${line}\n`);

interface Step {
  readonly rate: number;
  readonly accepted: number;
  readonly sent: number;
  readonly commanded: number;
  readonly sustained: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly lagS: number;
  readonly cpuCores: number;
  readonly ok: boolean;
}

/** Latencies webhook → first reply command, from the bus's traces, for the accepted messages. */
async function commandLatencies(cloud: RunningCloud, accepted: Map<string, number>, since: number): Promise<Map<string, number>> {
  const first = new Map<string, number>();
  for (const t of await traces(cloud, 'SEND_REPLY', since)) {
    if (!t.messageId || t.replayName || !accepted.has(t.messageId)) continue;
    if (!first.has(t.messageId) || first.get(t.messageId)! > t.ingested) first.set(t.messageId, t.ingested);
  }
  return first;
}

async function step(cloud: RunningCloud, rate: number, durationS: number, maxLagS: number, maxP95: number): Promise<Step> {
  const usage = sampleUsage(cloud.info.pid);
  const run = await postOpenLoop(cloud, { rate, durationS, text: text(`rate ${rate}`) });
  // Give the backlog `maxLagS` to drain; what is still missing then means the rate was not sustained.
  const deadline = run.endedAt + maxLagS * 1000;
  let commands = await commandLatencies(cloud, run.accepted, run.startedAt);
  while (commands.size < run.accepted.size && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    commands = await commandLatencies(cloud, run.accepted, run.startedAt);
  }
  const used = usage.stop();
  const latencies = [...commands].map(([m, t]) => t - run.accepted.get(m)!).sort((a, b) => a - b);
  const last = Math.max(...commands.values());
  const lagS = (last - run.endedAt) / 1000;
  const p95 = percentile(latencies, 95);
  // Let the rest drain before the next step, so steps do not overlap.
  await eventually(async () => ((await commandLatencies(cloud, run.accepted, run.startedAt)).size >= run.accepted.size ? true : undefined), 'the step to drain', 600_000, 500);
  return {
    rate,
    sent: run.sent,
    accepted: run.accepted.size,
    commanded: commands.size,
    sustained: commands.size / Math.max(durationS, (last - run.startedAt) / 1000),
    p50: percentile(latencies, 50),
    p95,
    p99: percentile(latencies, 99),
    lagS,
    cpuCores: used.cpuCores,
    ok: run.accepted.size === run.sent && commands.size === run.accepted.size && p95 <= maxP95,
  };
}

async function findMaximum(cloud: RunningCloud): Promise<number> {
  const rows: Step[] = [];
  const measure = async (rate: number) => {
    const s = await step(cloud, rate, Number(values.step), Number(values['max-lag']), Number(values['max-p95']));
    rows.push(s);
    out(`  ${rate}/s: ${s.ok ? 'sustained' : 'NOT sustained'} (${s.commanded}/${s.accepted} commanded in time, p95 ${ms(s.p95)} ms)`);
    return s.ok;
  };
  // The listed rates, then 25 % more each step until one is not sustained (or --max-rate).
  let best = 0;
  let over: number | undefined;
  const listed = values.rates!.split(',').map(Number);
  for (let i = 0, rate = listed[0]!; rate <= Number(values['max-rate']); i++, rate = listed[i] ?? Math.ceil(rate * 1.25)) {
    if (!(await measure(rate))) {
      over = rate;
      break;
    }
    best = rate;
  }
  // Then halve the gap between the last sustained rate and the first that was not, twice.
  for (let i = 0; i < 2 && over !== undefined && over - best > 1; i++) {
    const mid = Math.round((best + over) / 2);
    if (await measure(mid)) best = mid;
    else over = mid;
  }
  out(`\nmaximum sustainable rate: text mentions, ${values.step} s per step, reply command within ${values['max-lag']} s of the last post and p95 ≤ ${values['max-p95']} ms`);
  printTable(
    ['offered/s', 'sent', 'accepted', 'commanded', 'sustained/s', '→command p50', 'p95', 'p99', 'lag s', 'CPU cores', 'verdict'],
    [...rows].sort((a, b) => a.rate - b.rate).map((r) => [String(r.rate), String(r.sent), String(r.accepted), String(r.commanded), r.sustained.toFixed(2), ms(r.p50), ms(r.p95), ms(r.p99), r.lagS.toFixed(1), r.cpuCores.toFixed(2), r.ok ? 'ok' : 'over']),
  );
  return best;
}

async function replayWindow(cloud: RunningCloud, messageIds: readonly string[], from: number, to: number): Promise<boolean> {
  const lake = await lakeContext(cloud);
  const archivedCount = () => readArchivedEvents(cloud.dataDir, PLUMBING_BUS_NAME).length;
  const lakeRows = () => lakeRowCount(cloud, lake);
  const t0 = Date.now();
  await eventually(async () => ((await lakeRows()) === archivedCount() ? true : undefined), 'the lake to hold every archived event', 600_000, 2000);
  const before = await runNamedQueries(cloud);
  const archivedBefore = archivedCount();
  const inWindow = readArchivedEvents(cloud.dataDir, PLUMBING_BUS_NAME).filter((a) => a.i >= from && a.i < to).length;
  const replayStart = await replayArchive(cloud, 'soak-window', new Date(from), new Date(to), 1_800_000);
  const replayedIn = (Date.now() - replayStart) / 1000;
  // Each message's reply command comes back three times (replayed, re-derived from the
  // replayed MESSAGE_ANALYSED, re-derived from the re-analysis); egress answers each.
  const wanted = new Set(messageIds);
  const answered = () => readArchivedEvents(cloud.dataDir, PLUMBING_BUS_NAME).filter((a) => a.e['detail-type'] === 'REPLY_SENT' && a.i >= replayStart && wanted.has((a.e.detail as { MessageId: string }).MessageId)).length;
  await eventually(async () => (answered() >= 3 * messageIds.length ? true : undefined), 'every replayed and re-derived reply command to be answered', 1_800_000, 2000);
  const settledIn = (Date.now() - replayStart) / 1000;
  // Every event archived (originals and what the replay re-derived) plus each replayed copy.
  const expectedRows = await eventually(async () => {
    const expected = archivedCount() + inWindow;
    return (await lakeRows()) === expected ? expected : undefined;
  }, 'the lake to hold every copy', 600_000, 2000);
  const after = await runNamedQueries(cloud);
  const replies = repliedMessageIds(await cloud.client.records('x', 'tweet')).filter((m) => wanted.has(m));
  const same = JSON.stringify(messageCounts(after)) === JSON.stringify(messageCounts(before));
  out(`\nbusy-hour replay of the soak window (${inWindow} archived events; re-derived ${archivedCount() - archivedBefore}):`);
  out(`  replay completed in ${replayedIn.toFixed(0)} s, every command answered after ${settledIn.toFixed(0)} s (lake ready ${((replayStart - t0) / 1000).toFixed(0)} s before)`);
  out(`  replies on X: ${replies.length} for ${messageIds.length} messages (${replies.length - messageIds.length} extra)`);
  out(`  lake rows ${expectedRows} (copies included); named queries over analysed messages: ${same ? 'counts unchanged' : 'COUNTS CHANGED'}`);
  return same && replies.length === messageIds.length && new Set(replies).size === messageIds.length;
}

async function main(): Promise<void> {
  const cloud = await startCloud({ delayScale: 1, lambdaConcurrency: Number(values['lambda-concurrency']) });
  let passed = false;
  try {
    const warm = await cloud.client.postMention('@sma_bot warm up please');
    await cloud.client.waitForReply(warm.tweetId, 120_000);
    out(`machine: ${cores()} cores; Lambda environments per function: ${values['lambda-concurrency']}`);
    const maximum = values.rate ? 2 * Number(values.rate) : await findMaximum(cloud);
    if (maximum === 0) throw new Error('No rate was sustained; lower --rates');
    const rate = maximum / 2;
    const minutes = Number(values['soak-minutes']);

    out(`\nsoak: ${rate}/s for ${minutes} min`);
    const usage = sampleUsage(cloud.info.pid, 5000);
    const run = await postOpenLoop(cloud, { rate, durationS: minutes * 60, text: text('soak') });
    const messageIds = [...run.accepted.keys()];
    const done = () => accountFromArchive(cloud.dataDir, messageIds, []).REPLY_SENT;
    await eventually(async () => (done().missing.length === 0 ? true : undefined), 'every soak message to be answered', 600_000, 2000);
    // Anything that could still duplicate a reply (a late retry) has its chance.
    await new Promise((r) => setTimeout(r, 10_000));
    const used = usage.stop();
    const ledger = accountFromArchive(cloud.dataDir, messageIds, await cloud.client.records('x', 'tweet'));
    const archived = readArchivedEvents(cloud.dataDir, PLUMBING_BUS_NAME);
    const commandAt = new Map<string, number>();
    for (const a of archived) {
      const id = (a.e.detail as { MessageId?: string }).MessageId;
      if (a.e['detail-type'] === 'SEND_REPLY' && id && run.accepted.has(id) && !commandAt.has(id)) commandAt.set(id, a.i);
    }
    const latencies = [...commandAt].map(([m, t]) => t - run.accepted.get(m)!).sort((a, b) => a - b);
    const rss = used.rss;
    const minute = (s: number) => rss.reduce((best, r) => (Math.abs(r.atS - s) < Math.abs(best.atS - s) ? r : best), rss[0]!);
    out(`  sent ${run.sent}, accepted ${run.accepted.size}, refused ${JSON.stringify(run.refused)}`);
    out(`  webhook answer p50 ${ms(percentile(run.webhookMs, 50))} ms, p99 ${ms(percentile(run.webhookMs, 99))} ms`);
    out(`  webhook → reply command p50 ${ms(percentile(latencies, 50))} ms, p95 ${ms(percentile(latencies, 95))} ms, p99 ${ms(percentile(latencies, 99))} ms`);
    out(`  CPU ${used.cpuCores.toFixed(2)} cores on average; processes up to ${used.processes}`);
    out(`  RSS MB: start ${mb(rss[0]!.bytes)}, ${[...Array(minutes).keys()].map((m) => `${m + 1} min ${mb(minute((m + 1) * 60).bytes)}`).join(', ')}, end ${mb(rss.at(-1)!.bytes)}, peak ${mb(used.peakRssBytes)}`);
    out(describeLedger(ledger, messageIds.length).replace(/^/gm, '  '));
    passed = isExactlyOnce(ledger) && run.accepted.size === run.sent;
    if (!values['no-replay']) passed = (await replayWindow(cloud, messageIds, run.startedAt - 1000, Date.now())) && passed;
  } finally {
    await cloud.stop();
  }
  out(passed ? '\nsoak: exactly once, nothing lost' : '\nsoak: FAILED (see above)');
  if (!passed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
