import type { Summary } from '../stats';
import { bundleTable, compareSdk, sdkRecommendation, sdkVerdict, WORTHWHILE_INIT_SAVING, type BundleFigures } from './report';

const summary = (median: number): Summary => ({ runs: 9, median, p90: median * 1.2, min: median * 0.9, max: median * 1.5 });

const figures = (id: string, bundledMs: number, externalMs: number): BundleFigures => ({
  id,
  fn: `Stack/${id}`,
  match: 'asset',
  memoryMb: 512,
  bytes: 1_000_000,
  gzipBytes: 250_000,
  init: { bundled: summary(bundledMs), bundledNoSourceMaps: summary(bundledMs * 0.7), sdkExternal: summary(externalMs) },
  readyMedianMs: bundledMs + 40,
  externalBytes: 600_000,
  externalGzipBytes: 140_000,
  externalModules: 120,
  errors: [],
});

describe('compareSdk', () => {
  it('sums sizes and takes the median change over handlers measured both ways', () => {
    const c = compareSdk([figures('a', 100, 130), figures('b', 200, 150), figures('c', 100, 110)])!;
    expect(c).toEqual({
      handlers: 3,
      fasterExternal: 1,
      medianDeltaMs: 10,
      medianRatio: 1.1,
      bundledBytes: 3_000_000,
      externalBytes: 1_800_000,
      bundledGzipBytes: 750_000,
      externalGzipBytes: 420_000,
    });
  });

  it('leaves out handlers with no external measurement, and answers undefined when none has one', () => {
    const missing: BundleFigures = { ...figures('x', 100, 50), init: { bundled: summary(100) } };
    expect(compareSdk([missing, figures('a', 100, 90)])!.handlers).toBe(1);
    expect(compareSdk([missing])).toBeUndefined();
  });
});

describe('sdkVerdict', () => {
  it('keeps the SDK bundled unless most handlers start clearly faster without it', () => {
    const slower = compareSdk([figures('a', 100, 116), figures('b', 100, 90), figures('c', 100, 130)])!;
    expect(sdkVerdict(slower)).toBe('bundle');
    const barelyFaster = compareSdk([figures('a', 100, 95), figures('b', 100, 90), figures('c', 100, 85)])!;
    expect(sdkVerdict(barelyFaster)).toBe('bundle');
  });

  it(`externalises when most handlers start at least ${WORTHWHILE_INIT_SAVING * 100}% faster`, () => {
    const faster = compareSdk([figures('a', 100, 60), figures('b', 100, 70), figures('c', 100, 120)])!;
    expect(sdkVerdict(faster)).toBe('externalise');
    expect(sdkRecommendation(faster, '3.1169.0')).toMatch(/leave @aws-sdk\/\* to the runtime/);
  });

  it('says why, with the measured figures and the pinned version', () => {
    const text = sdkRecommendation(compareSdk([figures('a', 100, 130)])!, '@aws-sdk/client-* 3.1169.0');
    expect(text).toMatch(/keep @aws-sdk\/\* bundled/);
    expect(text).toContain('244.1 KiB gzipped with the SDK bundled vs 136.7 KiB');
    expect(text).toContain('+30.0 ms per cold start (×1.30');
    expect(text).toContain('@aws-sdk/client-* 3.1169.0');
  });
});

describe('bundleTable', () => {
  it('shows each bundle as deployed beside its SDK-external variant, with a dash for what was not measured', () => {
    const lines = bundleTable([figures('ingress/twitter.js', 180, 210), { ...figures('egress/egress.js', 190, 230), fn: undefined, init: {} }]).split('\n');
    expect(lines[2]).toMatch(/ingress\/twitter\.js .* Stack\/ingress\/twitter\.js \(512 MB\) .* 180\.0 ms .* 210\.0 ms .* ×1\.17 \|$/);
    expect(lines[3]).toMatch(/egress\/egress\.js .* \(no function\) .*\| +— \|$/);
  });
});
