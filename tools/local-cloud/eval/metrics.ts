/** The figures the evaluations print: accuracy, per-class and macro F1, percentiles. Pure. */

export interface ClassReport {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface ClassificationReport {
  readonly total: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perClass: Readonly<Record<string, ClassReport>>;
  /** confusion[expected][predicted] = count */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export function classification(pairs: ReadonlyArray<{ expected: string; predicted: string }>, classes?: readonly string[]): ClassificationReport {
  const labels = classes ?? [...new Set(pairs.map((p) => p.expected))].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (const { expected, predicted } of pairs) {
    const row = (confusion[expected] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  const perClass: Record<string, ClassReport> = {};
  for (const label of labels) {
    const tp = confusion[label]?.[label] ?? 0;
    const support = pairs.filter((p) => p.expected === label).length;
    const predicted = pairs.filter((p) => p.predicted === label).length;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support };
  }
  const correct = pairs.filter((p) => p.expected === p.predicted).length;
  const macroF1 = labels.length === 0 ? 0 : labels.reduce((sum, l) => sum + perClass[l]!.f1, 0) / labels.length;
  return { total: pairs.length, accuracy: pairs.length === 0 ? 0 : correct / pairs.length, macroF1, perClass, confusion };
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
export const ms = (x: number): string => (x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Reads a TSV dataset: `#` lines are comments, the rest tab-separated columns. */
export function readTsv(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}
