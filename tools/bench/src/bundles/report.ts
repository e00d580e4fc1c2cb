import { median, summarise, type Summary } from '../stats';
import { kib, ms, ratio, renderTable } from '../table';
import type { Match, SubjectResult, Variant } from './bench';

/** The figures of one bundle, ready to print (pure data: the report functions below are tested on it). */
export interface BundleFigures {
  readonly id: string;
  /** `Stack/LogicalId` of the function that deploys it. */
  readonly fn: string | undefined;
  readonly match: Match;
  readonly memoryMb: number | undefined;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly init: Readonly<Partial<Record<Variant, Summary>>>;
  readonly readyMedianMs: number | undefined;
  readonly externalBytes: number | undefined;
  readonly externalGzipBytes: number | undefined;
  /** Module files the SDK-external variant loads at init (the bundle itself is one). */
  readonly externalModules: number | undefined;
  readonly errors: readonly string[];
}

export function figuresOf(results: readonly SubjectResult[]): BundleFigures[] {
  return results.map(({ subject, external, variants }) => {
    const init: Partial<Record<Variant, Summary>> = {};
    for (const [variant, result] of Object.entries(variants) as Array<[Variant, SubjectResult['variants'][Variant]]>) {
      if (result.samples.length > 0) init[variant] = summarise(result.samples.map((s) => s.initMs));
    }
    const bundled = variants.bundled.samples;
    return {
      id: subject.bundle.id,
      fn: subject.fn ? `${subject.fn.stack.stackName}/${subject.fn.logicalId}` : undefined,
      match: subject.match,
      memoryMb: subject.fn?.memoryMb,
      bytes: subject.bundle.bytes,
      gzipBytes: subject.bundle.gzipBytes,
      init,
      readyMedianMs: bundled.length > 0 ? median(bundled.map((s) => s.readyMs)) : undefined,
      externalBytes: external?.bytes,
      externalGzipBytes: external?.gzipBytes,
      externalModules: variants.sdkExternal.samples[0]?.modules,
      errors: Object.entries(variants).flatMap(([v, r]) => (r.error ? [`${v}: ${r.error}`] : [])),
    };
  });
}

const orDash = <T>(value: T | undefined, format: (v: T) => string): string => (value === undefined ? '—' : format(value));

/** The bundle table: as deployed (`@aws-sdk` bundled), then the SDK-external variant side by side. */
export function bundleTable(figures: readonly BundleFigures[]): string {
  const columns = [
    { heading: 'bundle' },
    { heading: 'function (memory)' },
    { heading: 'size', numeric: true },
    { heading: 'gzip', numeric: true },
    { heading: 'init p50', numeric: true },
    { heading: 'init p90', numeric: true },
    { heading: 'no maps p50', numeric: true },
    { heading: 'ext. size', numeric: true },
    { heading: 'ext. gzip', numeric: true },
    { heading: 'ext. init p50', numeric: true },
    { heading: 'ext. init p90', numeric: true },
    { heading: 'ext. files', numeric: true },
    { heading: 'ext./bundled', numeric: true },
  ];
  const rows = figures.map((f) => {
    const b = f.init.bundled;
    const e = f.init.sdkExternal;
    const fn = f.fn ? `${f.fn} (${f.memoryMb} MB)${f.match === 'stale-template' ? ' [stale template]' : ''}` : '(no function)';
    return [
      f.id,
      fn,
      kib(f.bytes),
      kib(f.gzipBytes),
      orDash(b?.median, ms),
      orDash(b?.p90, ms),
      orDash(f.init.bundledNoSourceMaps?.median, ms),
      orDash(f.externalBytes, kib),
      orDash(f.externalGzipBytes, kib),
      orDash(e?.median, ms),
      orDash(e?.p90, ms),
      orDash(f.externalModules, String),
      b && e ? ratio(e.median / b.median) : '—',
    ];
  });
  return renderTable(columns, rows);
}

export interface SdkComparison {
  /** Handlers measured both ways. */
  readonly handlers: number;
  /** Handlers whose init median is lower with the runtime's SDK. */
  readonly fasterExternal: number;
  /** Median over handlers of (external init median − bundled init median); negative = external faster. */
  readonly medianDeltaMs: number;
  /** Median over handlers of external/bundled init medians. */
  readonly medianRatio: number;
  readonly bundledBytes: number;
  readonly externalBytes: number;
  readonly bundledGzipBytes: number;
  readonly externalGzipBytes: number;
}

export function compareSdk(figures: readonly BundleFigures[]): SdkComparison | undefined {
  const both = figures.filter((f) => f.init.bundled && f.init.sdkExternal && f.externalBytes !== undefined);
  if (both.length === 0) return undefined;
  const deltas = both.map((f) => f.init.sdkExternal!.median - f.init.bundled!.median);
  return {
    handlers: both.length,
    fasterExternal: deltas.filter((d) => d < 0).length,
    medianDeltaMs: median(deltas),
    medianRatio: median(both.map((f) => f.init.sdkExternal!.median / f.init.bundled!.median)),
    bundledBytes: both.reduce((sum, f) => sum + f.bytes, 0),
    externalBytes: both.reduce((sum, f) => sum + f.externalBytes!, 0),
    bundledGzipBytes: both.reduce((sum, f) => sum + f.gzipBytes, 0),
    externalGzipBytes: both.reduce((sum, f) => sum + f.externalGzipBytes!, 0),
  };
}

/**
 * The rule the recommendation follows: leaving the SDK to the runtime is only
 * worth giving up the pinned, tested SDK if it makes cold starts clearly
 * faster — by at least this share of the bundled init time, for most handlers.
 */
export const WORTHWHILE_INIT_SAVING = 0.2;

export type SdkVerdict = 'bundle' | 'externalise';

export function sdkVerdict(c: SdkComparison): SdkVerdict {
  const mostFaster = c.fasterExternal * 2 > c.handlers;
  return mostFaster && c.medianRatio <= 1 - WORTHWHILE_INIT_SAVING ? 'externalise' : 'bundle';
}

/** The recommendation with its reasoning, from the measured comparison. */
export function sdkRecommendation(c: SdkComparison, pinned: string): string {
  const verdict = sdkVerdict(c);
  const sizes =
    `Deployed size: ${kib(c.bundledGzipBytes)} gzipped with the SDK bundled vs ${kib(c.externalGzipBytes)} with it external ` +
    `(${kib(c.bundledBytes)} vs ${kib(c.externalBytes)} unzipped, ${c.handlers} handlers).`;
  const init =
    `Init: the runtime's SDK is faster for ${c.fasterExternal} of ${c.handlers} handlers; median change ` +
    `${c.medianDeltaMs >= 0 ? '+' : ''}${c.medianDeltaMs.toFixed(1)} ms per cold start (${ratio(c.medianRatio)} of the bundled init).`;
  const reasoning =
    verdict === 'bundle'
      ? 'Recommendation: keep @aws-sdk/* bundled. Externalising does not make cold starts clearly faster ' +
        `(the bar is ${Math.round(WORTHWHILE_INIT_SAVING * 100)}% less init for most handlers), so there is nothing to buy with what it costs: ` +
        `the code would run against whatever SDK the Lambda runtime ships that day instead of the version our tests ran (${pinned}), ` +
        'and the local cloud, jest and Lambda would no longer run the same bytes. Bundles are tree-shaken to the clients each handler ' +
        'uses, and their size is far below every Lambda limit (50 MB zipped).'
      : 'Recommendation: leave @aws-sdk/* to the runtime. Cold starts are clearly faster with the runtime-provided SDK ' +
        `(the bar is ${Math.round(WORTHWHILE_INIT_SAVING * 100)}% less init for most handlers). The price is running against the runtime's SDK ` +
        `version rather than the one the tests ran (${pinned}): pin the runtime version (runtime management "manual") ` +
        'and re-run the tests against it when it changes.';
  return [sizes, init, reasoning].join('\n');
}
