/**
 * Benchmark of the lake transform: throughput on 1 MiB batches (the size
 * Firehose hands the processor), cost per detail-type, and the bundle's size
 * and load time (the cold-start share that is ours). Prints figures; asserts
 * nothing. Run: `npx nx run analytics:bench`.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { busEvent } from '@sma/contracts/testing';
import type { DetailType } from '@sma/contracts';
import { transformRecords } from '../src/lake/transform-records';

const BATCH_BYTES = 1024 * 1024;
const ROUNDS = 30;

const sample = (type: DetailType, i: number) =>
  Buffer.from(JSON.stringify(busEvent(type, undefined, { id: `bench-${type}-${i}` }))).toString('base64');

function batchOf(types: readonly DetailType[]) {
  const records = [];
  let bytes = 0;
  for (let i = 0; bytes < BATCH_BYTES; i++) {
    const data = sample(types[i % types.length]!, i);
    bytes += (data.length * 3) / 4;
    records.push({ recordId: String(i), approximateArrivalTimestamp: Date.now(), data });
  }
  return { records, bytes };
}

function measure(label: string, types: readonly DetailType[]) {
  const { records, bytes } = batchOf(types);
  transformRecords(records); // warm-up
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    transformRecords(records);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `${label.padEnd(34)} ${String(records.length).padStart(5)} records/MiB  median ${median.toFixed(1).padStart(6)} ms/batch  ` +
      `${((records.length / median) * 1000).toFixed(0).padStart(7)} records/s  ${((bytes / 1024 / 1024 / median) * 1000).toFixed(1).padStart(5)} MiB/s  ` +
      `p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(1)} ms`,
  );
  return median;
}

console.log(`Lake transform, ${ROUNDS} rounds per line, Node ${process.version}`);
const mixed = measure('mixed traffic', ['MESSAGE_ANALYSED', 'MESSAGE_RECEIVED', 'TWITTER_TWEETED', 'SLACK_EVENT', 'REPLY_SENT']);
const analysed = measure('MESSAGE_ANALYSED only (spans+scan)', ['MESSAGE_ANALYSED']);
const raw = measure('TWITTER_TWEETED only (scan)', ['TWITTER_TWEETED']);
const small = measure('REPLY_SENT only (small events)', ['REPLY_SENT']);
console.log(`ratio MESSAGE_ANALYSED / TWITTER_TWEETED per MiB: ${(analysed / raw).toFixed(2)}; mixed / REPLY_SENT: ${(mixed / small).toFixed(2)}`);

const bundle = join(__dirname, '..', '..', '..', 'dist', 'apps', 'analytics', 'lambda', 'transform.js');
try {
  const size = statSync(bundle).size;
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const out = spawnSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});console.log(Number(process.hrtime.bigint()-t)/1e6)`], {
      encoding: 'utf8',
      env: { ...process.env, POWERTOOLS_METRICS_DISABLED: 'true' },
    });
    const figure = out.stdout.trim().split('\n').map(Number).filter(Number.isFinite).pop();
    if (figure !== undefined) loads.push(figure);
  }
  loads.sort((a, b) => a - b);
  console.log(`bundle ${(size / 1024).toFixed(0)} KiB, module load median ${loads[Math.floor(loads.length / 2)]?.toFixed(1) ?? 'n/a'} ms (${loads.length} fresh processes)`);
} catch {
  console.log('bundle not built: run `npx nx build analytics` for its size and load time');
}
