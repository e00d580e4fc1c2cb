import { settleAll } from './settle';

describe('settleAll', () => {
  it('keeps order, tries every item and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await settleAll([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5 - n));
      inFlight--;
      if (n === 3) throw new Error('three');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([10, 20, 'three', 40, 50]);
  });

  it('handles no items', async () => {
    expect(await settleAll([], 4, async () => 1)).toEqual([]);
  });
});
