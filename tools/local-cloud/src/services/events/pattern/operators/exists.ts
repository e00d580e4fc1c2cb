import { invalidPattern } from '../errors';
import type { Condition } from '../types';

const ANY_LEAF: Condition = { test: () => true };
const NO_LEAF: Condition = { absent: true };

/**
 * `{"exists": true}` matches a field that has a leaf value (null included; an
 * object, an empty object or an empty array is not a leaf); `{"exists": false}`
 * matches a field with no leaf.
 */
export function existsOperator(operand: unknown): Condition {
  if (operand === true) return ANY_LEAF;
  if (operand === false) return NO_LEAF;
  return invalidPattern('exists match pattern must be either true or false.');
}
