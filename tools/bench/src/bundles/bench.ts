import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { MeasurementError } from '../errors';
import type { FunctionShape } from '../templates/functions';
import type { Bundle } from './discover';
import { probeInit, type InitSample, type ProbeTarget } from './init-probe';

/** How a bundle was tied to the function that deploys it. */
export type Match =
  /** The function's code asset holds exactly these bytes. */
  | 'asset'
  /** A function has this handler, but its asset is older than the bundle (synthesize again). */
  | 'stale-template'
  /** No synthesized function runs this bundle. */
  | 'none';

export interface Subject {
  readonly bundle: Bundle;
  readonly fn: FunctionShape | undefined;
  readonly match: Match;
}

const sha256Of = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Ties each bundle to its function by content: the function whose code asset holds the same bytes. */
export function matchFunctions(bundles: readonly Bundle[], functions: readonly FunctionShape[]): Subject[] {
  return bundles.map((bundle) => {
    const file = basename(bundle.path);
    const sameHandler = functions.filter((f) => `${f.handlerFile}.js` === file);
    const exact = sameHandler.find((f) => {
      const inAsset = f.assetDir ? join(f.assetDir, file) : undefined;
      return inAsset !== undefined && existsSync(inAsset) && sha256Of(inAsset) === bundle.sha256;
    });
    if (exact) return { bundle, fn: exact, match: 'asset' };
    if (sameHandler.length === 1) return { bundle, fn: sameHandler[0], match: 'stale-template' };
    return { bundle, fn: undefined, match: 'none' };
  });
}

export const VARIANTS = ['bundled', 'bundledNoSourceMaps', 'sdkExternal'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface VariantResult {
  readonly samples: readonly InitSample[];
  readonly error?: string;
}

export interface SubjectResult {
  readonly subject: Subject;
  readonly external: { readonly path: string; readonly bytes: number; readonly gzipBytes: number } | undefined;
  readonly variants: Readonly<Record<Variant, VariantResult>>;
}

export interface BenchOptions {
  readonly runs: number;
  readonly region: string;
  /** Path of the SDK-external build per bundle id (absent: not built). */
  readonly externals: ReadonlyMap<string, string>;
  readonly onProgress?: (done: number, total: number) => void;
}

const targetOf = (subject: Subject, bundlePath: string): ProbeTarget => ({
  bundlePath,
  exportName: 'handler',
  environment: subject.fn?.environment ?? {},
  memoryMb: subject.fn?.memoryMb ?? 128,
  functionName: subject.fn ? `${subject.fn.stack.stackName}-${subject.fn.logicalId}` : basename(bundlePath, '.js'),
});

/**
 * Cold-loads every bundle in fresh Node processes, `runs` times per variant
 * after one discarded warm-up (so every variant reads from a warm file cache,
 * as the measurement is of init, not of the disk). Runs are interleaved —
 * round r measures every bundle and variant before round r+1 — so a noisy
 * neighbour on a shared machine slows all of them alike.
 */
export function measureInit(subjects: readonly Subject[], options: BenchOptions): SubjectResult[] {
  const plan = subjects.map((subject) => {
    const externalPath = options.externals.get(subject.bundle.id);
    const paths: Record<Variant, string | undefined> = {
      bundled: subject.bundle.path,
      bundledNoSourceMaps: subject.bundle.path,
      sdkExternal: externalPath,
    };
    const samples: Record<Variant, InitSample[]> = { bundled: [], bundledNoSourceMaps: [], sdkExternal: [] };
    const errors: Partial<Record<Variant, string>> = externalPath ? {} : { sdkExternal: 'not built' };
    return { subject, externalPath, paths, samples, errors };
  });
  const total = (options.runs + 1) * plan.length * VARIANTS.length;
  let done = 0;
  for (let round = 0; round <= options.runs; round++) {
    for (const item of plan) {
      for (const variant of VARIANTS) {
        done++;
        const path = item.paths[variant];
        if (!path || item.errors[variant]) continue;
        try {
          const overrides: Record<string, string> = variant === 'bundledNoSourceMaps' ? { NODE_OPTIONS: '' } : {};
          const sample = probeInit(targetOf(item.subject, path), options.region, overrides);
          if (round > 0) item.samples[variant].push(sample);
        } catch (error) {
          if (!(error instanceof MeasurementError)) throw error;
          item.errors[variant] = error.message;
        }
      }
      options.onProgress?.(done, total);
    }
  }
  return plan.map((item) => ({
    subject: item.subject,
    external: item.externalPath
      ? {
          path: item.externalPath,
          bytes: statSync(item.externalPath).size,
          gzipBytes: gzipSync(readFileSync(item.externalPath), { level: 9 }).length,
        }
      : undefined,
    variants: Object.fromEntries(
      VARIANTS.map((v): [Variant, VariantResult] => [v, { samples: item.samples[v], ...(item.errors[v] ? { error: item.errors[v] } : {}) }]),
    ) as Record<Variant, VariantResult>,
  }));
}
