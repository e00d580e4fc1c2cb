import { classification, percentile, readTsv } from './metrics';

describe('eval metrics', () => {
  it('computes accuracy, per-class F1 and macro F1', () => {
    const report = classification([
      { expected: 'A', predicted: 'A' },
      { expected: 'A', predicted: 'B' },
      { expected: 'B', predicted: 'B' },
      { expected: 'B', predicted: 'B' },
    ]);
    expect(report.accuracy).toBe(0.75);
    expect(report.perClass.A).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(report.perClass.B!.f1).toBeCloseTo(0.8, 10);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
    expect(report.confusion).toEqual({ A: { A: 1, B: 1 }, B: { B: 2 } });
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
  });

  it('reads TSV datasets without comments or blank lines', () => {
    expect(readTsv('# comment\nA\tone\n\nB\ttwo\n')).toEqual([
      ['A', 'one'],
      ['B', 'two'],
    ]);
  });
});
