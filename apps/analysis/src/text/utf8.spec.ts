import fc from 'fast-check';
import { cutToBytes, cutToLength, utf8Bytes } from './utf8';

describe('cutToBytes', () => {
  it('leaves a text within the limit untouched', () => {
    expect(cutToBytes('héllo', 6)).toEqual({ text: 'héllo', truncated: false });
  });

  it('cuts before a character that would straddle the limit', () => {
    // "é" is 2 bytes, "€" 3, "😀" 4 (a surrogate pair in JavaScript).
    expect(cutToBytes('aé', 2)).toEqual({ text: 'a', truncated: true });
    expect(cutToBytes('a€b', 3)).toEqual({ text: 'a', truncated: true });
    expect(cutToBytes('ab😀', 5)).toEqual({ text: 'ab', truncated: true });
    expect(cutToBytes('ab😀c', 6)).toEqual({ text: 'ab😀', truncated: true });
  });

  it('is always a prefix within the limit, never splitting a code point, and as long as possible', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 0, max: 1200 }), (text, max) => {
        const { text: cut, truncated } = cutToBytes(text, max);
        expect(text.startsWith(cut)).toBe(true);
        expect(utf8Bytes(cut)).toBeLessThanOrEqual(max);
        expect(truncated).toBe(cut !== text);
        // A code point boundary: no high surrogate left dangling at the end.
        expect(/[\uD800-\uDBFF]$/.test(cut) && /^[\uDC00-\uDFFF]/.test(text.slice(cut.length))).toBe(false);
        if (truncated) {
          const next = String.fromCodePoint(text.codePointAt(cut.length)!);
          expect(utf8Bytes(cut + next)).toBeGreaterThan(max);
        }
      }),
    );
  });
});

describe('cutToLength', () => {
  it('keeps at most the given UTF-16 length without splitting a surrogate pair', () => {
    expect(cutToLength('abc', 5)).toBe('abc');
    expect(cutToLength('abcdef', 3)).toBe('abc');
    expect(cutToLength('ab😀', 3)).toBe('ab');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const cut = cutToLength(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        expect(cut.length).toBeGreaterThanOrEqual(Math.min(text.length, max) - 1);
      }),
    );
  });
});
