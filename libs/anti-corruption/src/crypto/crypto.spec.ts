import fc from 'fast-check';
import { canonicalJson, contentId } from './content-id';
import { constantTimeEqual } from './hmac';

describe('constantTimeEqual', () => {
  it('is true for equal values and false for any difference', () => {
    expect(constantTimeEqual('sha256=abc', 'sha256=abc')).toBe(true);
    expect(constantTimeEqual('sha256=abc', 'sha256=abd')).toBe(false);
    expect(constantTimeEqual(Buffer.from('x'), 'x')).toBe(true);
  });

  it('answers false (never throws) when the lengths differ', () => {
    expect(() => constantTimeEqual('short', 'a much longer value')).not.toThrow();
    expect(constantTimeEqual('short', 'a much longer value')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
  });

  it('agrees with === on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => constantTimeEqual(a, b) === (a === b)));
  });
});

describe('contentId', () => {
  it('ignores key order at every level', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(contentId(a)).toBe(contentId(b));
    expect(contentId(a)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differs when a value differs, and keeps array order significant', () => {
    expect(contentId({ a: 1 })).not.toBe(contentId({ a: 2 }));
    expect(contentId([1, 2])).not.toBe(contentId([2, 1]));
  });

  it('is the same for any value and its key-shuffled JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const shuffled = JSON.parse(JSON.stringify(value, (_k, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v as object).reverse())
            : v,
        )) as unknown;
        return contentId(value) === contentId(shuffled);
      }),
    );
  });
});
