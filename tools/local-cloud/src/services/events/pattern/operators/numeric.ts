import { invalidPattern } from '../errors';
import { compareNumbers, isComparableNumber } from '../numbers';
import type { Condition } from '../types';

/** One side of a numeric range. */
interface Bound {
  readonly value: number;
  readonly open: boolean;
}

const LOWEST: Bound = { value: -Number.MAX_VALUE, open: false };
const HIGHEST: Bound = { value: Number.MAX_VALUE, open: false };

/** What `operand[i]` reads like in an error message. */
function shown(value: unknown): string {
  return value === undefined ? ']' : typeof value === 'string' ? value : JSON.stringify(value);
}

function numberAt(terms: readonly unknown[], i: number, operator: string): number {
  const value = terms[i];
  if (typeof value !== 'number') return invalidPattern(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  if (!Number.isFinite(value)) return invalidPattern(`Cannot compare number : ${String(value)}`);
  return value;
}

function noMore(terms: readonly unknown[], i: number, message = 'Too many elements in numeric expression'): void {
  if (terms.length > i) invalidPattern(message);
}

/**
 * `{"numeric": […]}`: `["=", n]`, `["<" | "<=", n]`, `[">" | ">=", n]`, or a range
 * `[">" | ">=", low, "<" | "<=", high]` with low below high. Matches number
 * leaves only; compares IEEE-754 doubles, so `3.018e2` equals `301.8`.
 */
export function numericOperator(operand: unknown): Condition {
  if (!Array.isArray(operand)) return invalidPattern('Value of numeric must be an array.');
  const terms = operand as readonly unknown[];
  const operator = terms[0];
  if (typeof operator !== 'string') return invalidPattern(`Invalid member in numeric match: ${shown(operator)}`);
  let low = LOWEST;
  let high = HIGHEST;
  switch (operator) {
    case '=': {
      const value = numberAt(terms, 1, operator);
      noMore(terms, 2);
      low = { value, open: false };
      high = { value, open: false };
      return rangeCondition(low, high);
    }
    case '<':
    case '<=':
      high = { value: numberAt(terms, 1, operator), open: operator === '<' };
      noMore(terms, 2);
      return rangeCondition(low, high);
    case '>':
    case '>=': {
      low = { value: numberAt(terms, 1, operator), open: operator === '>' };
      if (terms.length === 2) return rangeCondition(low, high);
      const upper = terms[2];
      if (typeof upper !== 'string') return invalidPattern(`Bad value in numeric range: ${shown(upper)}`);
      if (upper !== '<' && upper !== '<=') return invalidPattern(`Bad numeric range operator: ${upper}`);
      high = { value: numberAt(terms, 3, upper), open: upper === '<' };
      noMore(terms, 4, 'Too many terms in numeric range expression');
      if (compareNumbers(low.value, high.value) >= 0) return invalidPattern('Bottom must be less than top');
      return rangeCondition(low, high);
    }
    default:
      return invalidPattern(`Unrecognized numeric range operator: ${operator}`);
  }
}

function rangeCondition(low: Bound, high: Bound): Condition {
  return {
    test: (leaf) => {
      if (!isComparableNumber(leaf)) return false;
      const fromLow = compareNumbers(leaf, low.value);
      if (fromLow < 0 || (fromLow === 0 && low.open)) return false;
      const toHigh = compareNumbers(leaf, high.value);
      return toHigh < 0 || (toHigh === 0 && !high.open);
    },
  };
}
