import fc from 'fast-check';
import { CodePointIndex, sliceCodePoints } from './offsets';

describe('CodePointIndex', () => {
  it('counts an emoji outside the BMP as one character, as Comprehend does', () => {
    const text = '😍😍 Hi Tim';
    const index = new CodePointIndex(text);
    const begin = text.indexOf('Tim');
    expect(begin).toBe(8);
    expect(index.span(begin, begin + 3)).toEqual({ BeginOffset: 6, EndOffset: 9 });
  });

  it('maps any UTF-16 span to a code point span that slices the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(), fc.nat(), (text, a, b) => {
        const points = Array.from(text);
        const starts = [0];
        for (const p of points) starts.push(starts.at(-1)! + p.length);
        const i = starts[a % starts.length]!;
        const j = starts[Math.max(a % starts.length, b % starts.length)]!;
        const span = new CodePointIndex(text).span(i, j);
        expect(sliceCodePoints(text, span.BeginOffset, span.EndOffset)).toBe(text.slice(i, j));
      }),
    );
  });

  it('rejects an offset outside the text', () => {
    expect(() => new CodePointIndex('abc').toCodePoint(4)).toThrow(RangeError);
  });
});
