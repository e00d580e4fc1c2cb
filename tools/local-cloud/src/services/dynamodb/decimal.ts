import { ValidationException } from './errors';

/**
 * DynamoDB numbers: exact decimals of up to 38 significant digits, magnitude
 * between 1E-130 and 9.9999...E+125. JavaScript numbers cannot hold them, so
 * they are kept as `digits × 10^exponent` with a bigint mantissa; comparison
 * and the arithmetic of update expressions are exact.
 */
export interface Decimal {
  /** Significant digits with trailing zeros stripped (0n for zero); negative for negative numbers. */
  readonly mantissa: bigint;
  readonly exponent: number;
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;
/** The largest allowed value is below 10^126; the smallest non-zero magnitude is 10^-130. */
const MAX_MAGNITUDE_EXCLUSIVE = 126;
const MIN_MAGNITUDE = -130;

export function parseDecimal(text: string): Decimal {
  const m = NUMBER.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    throw new ValidationException(`The parameter cannot be converted to a numeric value: ${text}`);
  }
  const [, sign, intPart = '', fracPart = '', exp = '0'] = m;
  let digits = (intPart + fracPart).replace(/^0+/, '');
  let exponent = Number(exp) - fracPart.length;
  if (digits === '') return { mantissa: 0n, exponent: 0 };
  const trailing = /0+$/.exec(digits);
  if (trailing) {
    digits = digits.slice(0, -trailing[0].length);
    exponent += trailing[0].length;
  }
  if (digits.length > MAX_DIGITS) {
    throw new ValidationException('Attempting to store more than 38 significant digits in a Number');
  }
  checkMagnitude(digits.length, exponent);
  const mantissa = BigInt(digits);
  return { mantissa: sign === '-' ? -mantissa : mantissa, exponent };
}

function checkMagnitude(digitCount: number, exponent: number): void {
  // The value's order of magnitude is that of its leading digit.
  const magnitude = digitCount - 1 + exponent;
  if (magnitude >= MAX_MAGNITUDE_EXCLUSIVE) {
    throw new ValidationException('Number overflow. Attempting to store a number with magnitude larger than supported range');
  }
  if (magnitude < MIN_MAGNITUDE) {
    throw new ValidationException('Number underflow. Attempting to store a number with magnitude smaller than supported range');
  }
}

function normalize(mantissa: bigint, exponent: number): Decimal {
  if (mantissa === 0n) return { mantissa: 0n, exponent: 0 };
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  const digits = (mantissa < 0n ? -mantissa : mantissa).toString().length;
  if (digits > MAX_DIGITS) {
    throw new ValidationException('Number overflow. Attempting to store a number with more than 38 significant digits');
  }
  checkMagnitude(digits, exponent);
  return { mantissa, exponent };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [a.mantissa * 10n ** BigInt(a.exponent - exponent), b.mantissa * 10n ** BigInt(b.exponent - exponent), exponent];
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, exponent] = align(a, b);
  return normalize(x + y, exponent);
}

export function negateDecimal(a: Decimal): Decimal {
  return { mantissa: -a.mantissa, exponent: a.exponent };
}

/** Plain decimal notation, as DynamoDB returns numbers (`1E+2` comes back as `100`, `1.50` as `1.5`). */
export function formatDecimal(d: Decimal): string {
  if (d.mantissa === 0n) return '0';
  const negative = d.mantissa < 0n;
  const digits = (negative ? -d.mantissa : d.mantissa).toString();
  let text: string;
  if (d.exponent >= 0) {
    text = digits + '0'.repeat(d.exponent);
  } else {
    const point = digits.length + d.exponent;
    text = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${text}` : text;
}

/** Validates and canonicalises a number as DynamoDB stores it. */
export function canonicalNumber(text: string): string {
  return formatDecimal(parseDecimal(text));
}
