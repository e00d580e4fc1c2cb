import type { Condition } from '../types';

/** Compiles the operand of one match expression (`{"prefix": …}` → the operand) into a condition, or refuses it. */
export type OperatorCompiler = (operand: unknown) => Condition;

/** Every operator EventBridge's pattern language has. */
export type OperatorName =
  | 'prefix'
  | 'suffix'
  | 'equals-ignore-case'
  | 'wildcard'
  | 'anything-but'
  | 'numeric'
  | 'exists'
  | 'cidr';
