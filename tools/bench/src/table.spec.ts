import { kib, ms, ratio, renderTable } from './table';

describe('renderTable', () => {
  it('pads every column to its widest cell, right-aligning numbers, as a Markdown table', () => {
    const table = renderTable(
      [{ heading: 'bundle' }, { heading: 'size', numeric: true }],
      [
        ['ingress/twitter.js', '1033.9 KiB'],
        ['a.js', '1.0 KiB'],
      ],
    );
    expect(table.split('\n')).toEqual([
      '| bundle             |       size |',
      '|--------------------|-----------:|',
      '| ingress/twitter.js | 1033.9 KiB |',
      '| a.js               |    1.0 KiB |',
    ]);
  });

  it('formats KiB, milliseconds and ratios', () => {
    expect(kib(1536)).toBe('1.5 KiB');
    expect(ms(12.345)).toBe('12.3 ms');
    expect(ratio(1.156)).toBe('×1.16');
  });
});
