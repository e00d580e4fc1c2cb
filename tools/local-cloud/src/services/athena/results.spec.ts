import { fromCsv, javaDouble, toCsv } from './results';

describe('Athena result text', () => {
  it.each([
    [2, '2.0'],
    [97.1, '97.1'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [12345678, '1.2345678E7'],
    [-0, '-0.0'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
  ])('prints the double %p as %s, like Java', (n, text) => {
    expect(javaDouble(n)).toBe(text);
  });

  it('writes and reads back Athena CSV: all quoted, quotes doubled, NULL empty', () => {
    const rows = [
      ['Van', '2'],
      ['say "hi", then\nleave', undefined],
      [undefined, ''],
    ];
    const csv = toCsv(['label', 'images'], rows);
    expect(csv).toBe('"label","images"\n"Van","2"\n"say ""hi"", then\nleave",\n,""\n');
    expect(fromCsv(csv)).toEqual([['label', 'images'], ...rows]);
    expect(fromCsv(toCsv(undefined, [[undefined]]))).toEqual([[undefined]]);
  });
});
