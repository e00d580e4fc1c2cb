import fc from 'fast-check';
import { addDecimal, canonicalNumber, compareDecimal, formatDecimal, parseDecimal } from './decimal';

describe('DynamoDB numbers', () => {
  it.each([
    ['1.50', '1.5'],
    ['1E+2', '100'],
    ['-0.000', '0'],
    ['007', '7'],
    ['.5', '0.5'],
    ['-12.340e-3', '-0.01234'],
    ['12345678901234567890123456789012345678', '12345678901234567890123456789012345678'],
  ])('%s is stored as %s', (input, stored) => {
    expect(canonicalNumber(input)).toBe(stored);
  });

  it.each([
    ['abc', /cannot be converted to a numeric value/],
    ['', /cannot be converted/],
    ['1.2.3', /cannot be converted/],
    ['123456789012345678901234567890123456789', /more than 38 significant digits/],
    ['1E126', /Number overflow/],
    ['1E-131', /Number underflow/],
  ])('%s is rejected', (input, message) => {
    expect(() => canonicalNumber(input)).toThrow(message);
  });

  it('compares and adds exactly', () => {
    expect(compareDecimal(parseDecimal('0.3'), addDecimal(parseDecimal('0.1'), parseDecimal('0.2')))).toBe(0);
    expect(compareDecimal(parseDecimal('-1'), parseDecimal('0.5'))).toBe(-1);
    expect(formatDecimal(addDecimal(parseDecimal('99999999999999999999'), parseDecimal('1')))).toBe('100000000000000000000');
  });

  it('agrees with JavaScript on safe integers and formats round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e12, max: 1e12 }), (a, b) => {
        const sum = addDecimal(parseDecimal(String(a)), parseDecimal(String(b)));
        expect(formatDecimal(sum)).toBe(String(a + b));
        expect(Math.sign(compareDecimal(parseDecimal(String(a)), parseDecimal(String(b))))).toBe(Math.sign(a - b));
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e100, max: 1e100 }).filter((x) => x === 0 || Math.abs(x) > 1e-100), (x) => {
        const text = String(x);
        const once = canonicalNumber(text);
        expect(canonicalNumber(once)).toBe(once);
        expect(Number(once)).toBe(Number(text));
      }),
    );
  });
});
