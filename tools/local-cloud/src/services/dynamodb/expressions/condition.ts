import {
  compareScalars,
  equalValues,
  isAttributeType,
  isSet,
  setMembers,
  typeOf,
  type AttributeValue,
  type Item,
} from '../attribute-value';
import { ValidationException } from '../errors';
import type { Condition, Operand } from './ast';
import { resolvePath } from './document-path';

const SCALAR_TYPES = new Set(['S', 'N', 'B']);

function operandTypeError(label: string, operator: string, value: AttributeValue): ValidationException {
  return new ValidationException(
    `Invalid ${label}: Incorrect operand type for operator or function; operator or function: ${operator}, operand type: ${typeOf(value)}`,
  );
}

/**
 * The checks DynamoDB makes before looking at any item: literal operands of
 * the right type for their operator, BETWEEN bounds in order, valid type names
 * for `attribute_type`.
 */
export function validateCondition(condition: Condition, label: string): void {
  const literal = (operand: Operand): AttributeValue | undefined => (operand.kind === 'value' ? operand.value : undefined);
  switch (condition.kind) {
    case 'and':
    case 'or':
      validateCondition(condition.left, label);
      validateCondition(condition.right, label);
      return;
    case 'not':
      validateCondition(condition.operand, label);
      return;
    case 'compare':
      if (condition.op !== '=' && condition.op !== '<>') {
        for (const v of [literal(condition.left), literal(condition.right)]) {
          if (v && !SCALAR_TYPES.has(typeOf(v))) throw operandTypeError(label, condition.op, v);
        }
      }
      return;
    case 'between': {
      const [low, high] = [literal(condition.low), literal(condition.high)];
      for (const v of [literal(condition.operand), low, high]) {
        if (v && !SCALAR_TYPES.has(typeOf(v))) throw operandTypeError(label, 'BETWEEN', v);
      }
      if (low && high) {
        const order = compareScalars(low, high);
        if (order === undefined) {
          throw new ValidationException(`Invalid ${label}: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {${typeOf(low)}}, upper bound operand: AttributeValue: {${typeOf(high)}}`);
        }
        if (order > 0) {
          throw new ValidationException(`Invalid ${label}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${JSON.stringify(low)}, upper bound operand: AttributeValue: ${JSON.stringify(high)}`);
        }
      }
      return;
    }
    case 'in':
      return;
    case 'function': {
      const arg = condition.argument && literal(condition.argument);
      if (condition.name === 'attribute_type') {
        if (!arg || !('S' in arg)) {
          if (arg) throw operandTypeError(label, 'attribute_type', arg);
          return;
        }
        if (!isAttributeType(arg.S)) {
          throw new ValidationException(`Invalid ${label}: Invalid attribute type name found; type: ${arg.S}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
        }
      }
      if (condition.name === 'begins_with' && arg && !('S' in arg) && !('B' in arg)) {
        throw operandTypeError(label, 'begins_with', arg);
      }
      return;
    }
  }
}

function sizeOf(value: AttributeValue, label: string): AttributeValue {
  let n: number;
  if ('S' in value) n = [...value.S].length;
  else if ('B' in value) n = Buffer.from(value.B, 'base64').length;
  else if (isSet(value)) n = setMembers(value).length;
  else if ('L' in value) n = value.L.length;
  else if ('M' in value) n = Object.keys(value.M).length;
  else throw operandTypeError(label, 'size', value);
  return { N: String(n) };
}

function evaluateOperand(item: Item, operand: Operand, label: string): AttributeValue | undefined {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path':
      return resolvePath(item, operand.path);
    case 'size': {
      const value = resolvePath(item, operand.path);
      return value && sizeOf(value, label);
    }
    default:
      throw new ValidationException(`Invalid ${label}: The function is not allowed in a condition expression`);
  }
}

function beginsWith(value: AttributeValue, prefix: AttributeValue): boolean {
  if ('S' in value && 'S' in prefix) return value.S.startsWith(prefix.S);
  if ('B' in value && 'B' in prefix) {
    const v = Buffer.from(value.B, 'base64');
    const p = Buffer.from(prefix.B, 'base64');
    return v.length >= p.length && v.subarray(0, p.length).equals(p);
  }
  return false;
}

function contains(value: AttributeValue, operand: AttributeValue): boolean {
  if ('S' in value) return 'S' in operand && value.S.includes(operand.S);
  if ('B' in value) return 'B' in operand && Buffer.from(value.B, 'base64').includes(Buffer.from(operand.B, 'base64'));
  if (isSet(value)) return setMembers(value).some((m) => equalValues(m, operand));
  if ('L' in value) return value.L.some((m) => equalValues(m, operand));
  return false;
}

/**
 * Evaluates a condition against an item (`{}` when there is none, as for a put
 * of a new key). Comparisons with missing attributes or values of different
 * types are false, except `<>`, which is true.
 */
export function evaluateCondition(item: Item, condition: Condition, label = 'ConditionExpression'): boolean {
  const operand = (o: Operand) => evaluateOperand(item, o, label);
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(item, condition.left, label) && evaluateCondition(item, condition.right, label);
    case 'or':
      return evaluateCondition(item, condition.left, label) || evaluateCondition(item, condition.right, label);
    case 'not':
      return !evaluateCondition(item, condition.operand, label);
    case 'compare': {
      const [a, b] = [operand(condition.left), operand(condition.right)];
      if (condition.op === '=') return a !== undefined && b !== undefined && equalValues(a, b);
      if (condition.op === '<>') return a === undefined || b === undefined || !equalValues(a, b);
      const order = a && b ? compareScalars(a, b) : undefined;
      if (order === undefined) return false;
      return condition.op === '<' ? order < 0 : condition.op === '<=' ? order <= 0 : condition.op === '>' ? order > 0 : order >= 0;
    }
    case 'between': {
      const [v, low, high] = [operand(condition.operand), operand(condition.low), operand(condition.high)];
      if (!v || !low || !high) return false;
      const above = compareScalars(v, low);
      const below = compareScalars(v, high);
      return above !== undefined && below !== undefined && above >= 0 && below <= 0;
    }
    case 'in': {
      const v = operand(condition.operand);
      return v !== undefined && condition.list.some((o) => {
        const candidate = operand(o);
        return candidate !== undefined && equalValues(v, candidate);
      });
    }
    case 'function': {
      const value = resolvePath(item, condition.path);
      const arg = condition.argument && operand(condition.argument);
      switch (condition.name) {
        case 'attribute_exists':
          return value !== undefined;
        case 'attribute_not_exists':
          return value === undefined;
        case 'attribute_type':
          return value !== undefined && arg !== undefined && 'S' in arg && typeOf(value) === arg.S;
        case 'begins_with':
          return value !== undefined && arg !== undefined && beginsWith(value, arg);
        case 'contains':
          return value !== undefined && arg !== undefined && contains(value, arg);
      }
    }
  }
}
