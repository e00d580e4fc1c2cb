import fc from 'fast-check';
import { InvalidPiiSpanError } from '../errors';
import { mergeSpans, redactSpans, redactValues } from './pii-spans';

const span = (Type: string, BeginOffset: number, EndOffset: number) => ({ Type, BeginOffset, EndOffset });

describe('redactSpans', () => {
  it('replaces each span with [TYPE], keeping the rest', () => {
    const text = 'Call me on 07700 900123 or mail a@b.co';
    expect(redactSpans(text, [span('PHONE', 11, 23), span('EMAIL', 32, 38)])).toEqual({
      text: 'Call me on [PHONE] or mail [EMAIL]',
      values: [
        { type: 'PHONE', value: '07700 900123' },
        { type: 'EMAIL', value: 'a@b.co' },
      ],
    });
  });

  it('applies spans from the end, so offsets given in any order stay valid', () => {
    const text = 'Ann Lee, 12 High St';
    expect(redactSpans(text, [span('ADDRESS', 9, 19), span('NAME', 0, 7)]).text).toBe('[NAME], [ADDRESS]');
  });

  it('counts offsets in code points, as Comprehend does: an emoji before a span is one character', () => {
    const text = '😡😡 ring 07700 900123 now';
    // The number starts at UTF-16 index 10, code point 8.
    expect(redactSpans(text, [span('PHONE', 8, 20)]).text).toBe('😡😡 ring [PHONE] now');
  });

  it('merges overlapping spans so no token is cut in half', () => {
    expect(mergeSpans([span('NAME', 0, 5), span('ADDRESS', 3, 10), span('AGE', 12, 14)])).toEqual([
      span('NAME', 0, 10),
      span('AGE', 12, 14),
    ]);
    expect(redactSpans('Ann Lee of Leeds, 42', [span('ADDRESS', 4, 16), span('NAME', 0, 7), span('AGE', 18, 20)]).text).toBe(
      '[NAME], [AGE]',
    );
  });

  it.each([
    ['past the end', span('PHONE', 5, 99)],
    ['negative', span('PHONE', -1, 3)],
    ['empty', span('PHONE', 3, 3)],
    ['reversed', span('PHONE', 4, 2)],
    ['fractional', span('PHONE', 1.5, 3)],
  ])('refuses a span %s: the offsets describe some other text', (_name, bad) => {
    expect(() => redactSpans('short text', [bad])).toThrow(InvalidPiiSpanError);
  });

  it('never leaves a character of any span, whatever the spans (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
        (text, pairs) => {
          const length = Array.from(text).length;
          const spans = pairs
            .map(([a, b]) => [a % (length + 1), b % (length + 1)].sort((x, y) => x - y) as [number, number])
            .filter(([a, b]) => a < b)
            .map(([a, b]) => span('X', a, b));
          const { text: out } = redactSpans(text, spans);
          const covered = new Set(spans.flatMap((s) => Array.from({ length: s.EndOffset - s.BeginOffset }, (_, i) => s.BeginOffset + i)));
          const kept = Array.from(text).filter((_, i) => !covered.has(i)).join('');
          expect(out.replaceAll('[X]', '')).toBe(kept);
        },
      ),
    );
  });
});

describe('redactValues', () => {
  it('replaces every further occurrence of a span’s text, longest value first', () => {
    const values = [
      { type: 'PHONE', value: '900123' },
      { type: 'PHONE', value: '07700 900123' },
    ];
    expect(redactValues('again: 07700 900123 and 900123', values)).toEqual({ text: 'again: [PHONE] and [PHONE]', replaced: 2 });
  });

  it('does not hunt for values under three characters, which would blank unrelated text', () => {
    expect(redactValues('I am 42, room 42', [{ type: 'AGE', value: '42' }])).toEqual({ text: 'I am 42, room 42', replaced: 0 });
  });
});
