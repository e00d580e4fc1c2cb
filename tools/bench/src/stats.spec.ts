import { BenchError } from './errors';
import { median, percentile, summarise } from './stats';

describe('percentile (nearest rank)', () => {
  const sample = [15, 20, 35, 40, 50];

  it.each([
    [20, 15],
    [30, 20],
    [40, 20],
    [50, 35],
    [90, 50],
    [100, 50],
  ])('p%d of 15, 20, 35, 40, 50 is %d', (p, expected) => {
    expect(percentile(sample, p)).toBe(expected);
  });

  it('does not depend on the order of the sample', () => {
    expect(percentile([50, 15, 40, 20, 35], 90)).toBe(50);
  });

  it('refuses an empty sample and a percentile outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(BenchError);
    expect(() => percentile(sample, 0)).toThrow(/outside/);
    expect(() => percentile(sample, 101)).toThrow(/outside/);
  });
});

describe('median', () => {
  it('is the middle value of an odd sample and the mean of the two middle values of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('summarises runs, median, p90, min and max', () => {
    expect(summarise([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toEqual({ runs: 10, median: 5.5, p90: 9, min: 1, max: 10 });
  });
});
