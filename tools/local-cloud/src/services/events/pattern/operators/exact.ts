import { invalidPattern } from '../errors';
import { type Scalar, isScalar } from '../json';
import { isComparableNumber, sameNumber } from '../numbers';
import { looksLikeIp, parseIp, sameAddress } from '../text/ip';
import type { Condition } from '../types';

/**
 * A literal in a pattern's value array. Strings compare exactly, except a string
 * that is an IP address literal, which matches the same address however it is
 * written (`::1` and `0:0:0:0:0:0:0:1`); numbers compare by numeric value;
 * `true`, `false` and `null` match themselves. Types never cross: `"5"` is not `5`.
 */
export function literalCondition(value: unknown): Condition {
  if (!isScalar(value)) return invalidPattern('Match value must be String, number, true, false, or null');
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return invalidPattern(`Cannot compare number : ${String(value)}`);
    return { test: (leaf) => isComparableNumber(leaf) && sameNumber(leaf, value) };
  }
  return { test: (leaf: Scalar) => leaf === value };
}

function stringLiteral(value: string): Condition {
  const address = looksLikeIp(value) ? parseIp(value) : undefined;
  if (address) {
    return {
      test: (leaf) => {
        if (typeof leaf !== 'string' || !looksLikeIp(leaf)) return false;
        const other = parseIp(leaf);
        return other !== undefined && sameAddress(address, other);
      },
    };
  }
  return { test: (leaf) => leaf === value, exactString: value };
}
