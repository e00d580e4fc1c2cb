import { batchingUsage, variantsOf } from './model';
import type { Topology } from './topology';
import { GIB } from './units';

describe('variantsOf', () => {
  it.each(['text only', 'one photo'] as const)('weighs the %s variants to a total of 1', (scenario) => {
    const variants = variantsOf(scenario);
    expect(variants.reduce((sum, v) => sum + v.weight, 0)).toBeCloseTo(1, 12);
    expect(new Set(variants.map((v) => v.images))).toEqual(new Set([scenario === 'one photo' ? 1 : 0]));
  });
});

describe('batchingUsage: what a buffered delivery stream costs per message', () => {
  const topology = {
    functions: { 'Lake/transform': { id: 'Lake/transform', stack: 'Lake', handler: 'transform', memoryMb: 512, architecture: 'arm64' } },
    deliveryStreams: { 'Lake/Stream': { id: 'Lake/Stream', bufferSeconds: 60, dynamicPartitioning: true, processor: { function: 'Lake/transform', bufferSeconds: 60 } } },
  } as unknown as Topology;

  it('shares each flush’s objects and each transform invocation among the messages of its window', () => {
    // 0.5 messages/s × 60 s = 30 messages per flush and per invocation, 5 records (5 detail-types) each.
    const usage = batchingUsage(topology, { 'Lake/Stream': { records: 5, detailTypes: ['A', 'B', 'C', 'D', 'E'] } }, 0.5, {
      firehoseTransformMs: { perInvocation: 100, perRecord: 1 },
      coldStarts: { share: 0, initMs: 0 },
      lambdaLogBytes: 1_000,
    });
    expect(usage.s3Put).toBeCloseTo(5 / 30, 12); // one object per detail-type partition per flush
    expect(usage.firehosePartitionedObject).toBeCloseTo(5 / 30, 12);
    expect(usage.lambdaRequest).toBeCloseTo(1 / 30, 12);
    // one invocation of 100 ms + 150 records × 1 ms = 250 ms at 0.5 GB = 0.125 GB-s, shared by 30 messages
    expect(usage.lambdaArmGbSecond).toBeCloseTo(0.125 / 30, 12);
    expect(usage.logsIngestedGb).toBeCloseTo(1_000 / GIB / 30, 18);
  });

  it('gives every message its own objects when fewer than one arrives per window', () => {
    const usage = batchingUsage(topology, { 'Lake/Stream': { records: 5, detailTypes: ['A', 'B'] } }, 0.001);
    expect(usage.s3Put).toBe(2);
    expect(usage.lambdaRequest).toBe(1);
  });
});
