import { BenchError } from './errors';

/** Nearest-rank percentile (p in 0–100] of a non-empty sample: a value that was actually measured. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) throw new BenchError('percentile of an empty sample');
  if (!(p > 0 && p <= 100)) throw new BenchError(`percentile ${p} is outside (0, 100]`);
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

/** The median: the mean of the two middle values of an even-sized sample. */
export function median(sample: readonly number[]): number {
  if (sample.length === 0) throw new BenchError('median of an empty sample');
  const sorted = [...sample].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

export function summarise(sample: readonly number[]): Summary {
  return {
    runs: sample.length,
    median: median(sample),
    p90: percentile(sample, 90),
    min: Math.min(...sample),
    max: Math.max(...sample),
  };
}
