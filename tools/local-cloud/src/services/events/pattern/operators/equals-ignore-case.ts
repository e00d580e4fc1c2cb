import { invalidPattern } from '../errors';
import { ignoreCaseMatcher } from '../text/ignore-case';
import type { Condition } from '../types';

/** `{"equals-ignore-case": string}`: a string leaf equal to the operand, ignoring case. */
export function equalsIgnoreCaseOperator(operand: unknown): Condition {
  if (typeof operand !== 'string') return invalidPattern('equals-ignore-case match pattern must be a string');
  const matches = ignoreCaseMatcher(operand, 'equals');
  return { test: (leaf) => typeof leaf === 'string' && matches(leaf) };
}
