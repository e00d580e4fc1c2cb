import { anythingButOperator } from './anything-but';
import { prefixOperator, suffixOperator } from './affix';
import { cidrOperator } from './cidr';
import { equalsIgnoreCaseOperator } from './equals-ignore-case';
import { existsOperator } from './exists';
import { numericOperator } from './numeric';
import type { OperatorCompiler, OperatorName } from './operator';
import { wildcardOperator } from './wildcard';

/** Operator name → compiler. Typed by the union, so an operator without an implementation fails to compile. */
export const OPERATORS: Readonly<Record<OperatorName, OperatorCompiler>> = {
  prefix: prefixOperator,
  suffix: suffixOperator,
  'equals-ignore-case': equalsIgnoreCaseOperator,
  wildcard: wildcardOperator,
  'anything-but': anythingButOperator,
  numeric: numericOperator,
  exists: existsOperator,
  cidr: cidrOperator,
};

export function isOperatorName(name: string): name is OperatorName {
  return Object.hasOwn(OPERATORS, name);
}
