import { invalidPattern } from '../errors';
import { isJsonObject } from '../json';
import { ignoreCaseMatcher } from '../text/ignore-case';
import type { Condition } from '../types';

/**
 * `prefix` and `suffix`: a string operand, or `{"equals-ignore-case": string}`
 * for a case-insensitive affix. Only string leaves can match.
 */
function affixOperator(kind: 'prefix' | 'suffix') {
  return (operand: unknown): Condition => {
    if (typeof operand === 'string') {
      return kind === 'prefix'
        ? { test: (leaf) => typeof leaf === 'string' && leaf.startsWith(operand) }
        : { test: (leaf) => typeof leaf === 'string' && leaf.endsWith(operand) };
    }
    if (!isJsonObject(operand)) return invalidPattern(`${kind} match pattern must be a string`);
    const keys = Object.keys(operand);
    if (keys.length === 0) return invalidPattern(`${kind === 'prefix' ? 'Prefix' : 'Suffix'} expression name not found`);
    if (keys[0] !== 'equals-ignore-case') return invalidPattern(`Unsupported ${kind} pattern: ${keys[0]}`);
    const value = operand['equals-ignore-case'];
    if (typeof value !== 'string') return invalidPattern('equals-ignore-case match pattern must be a string');
    if (keys.length > 1) return invalidPattern('Only one key allowed in match expression');
    const matches = ignoreCaseMatcher(value, kind);
    return { test: (leaf) => typeof leaf === 'string' && matches(leaf) };
  };
}

export const prefixOperator = affixOperator('prefix');
export const suffixOperator = affixOperator('suffix');
