import { invalidPattern } from './errors';
import { isJsonObject } from './json';
import { literalCondition } from './operators/exact';
import { OPERATORS, isOperatorName } from './operators/registry';
import type { Condition } from './types';

/** One AND of fields before compilation: dotted path → the OR of its conditions. */
export type FieldSpecs = Map<string, readonly Condition[]>;

/** EventBridge refuses a pattern whose `$or`s expand into more than this many combinations. */
export const MAX_OR_COMBINATIONS = 1000;

/** Field names a `$or` branch may not use: operator names, numeric operators, and names EventBridge reserves. */
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

/**
 * Reads a pattern's structure into its sub-rules (more than one when it uses
 * `$or`), checking everything EventBridge checks: nested objects with at least
 * one key, fields whose values are non-empty arrays of literals or match
 * expressions, `$or` arrays of at least two objects, and the combination limit.
 * A key given twice keeps its last value (JSON objects keep the last duplicate).
 */
export function readStructure(pattern: unknown): FieldSpecs[] {
  if (!isJsonObject(pattern)) return invalidPattern('Filter is not an object');
  const rules: FieldSpecs[] = [];
  readObject(pattern, '', rules, false);
  return rules;
}

function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function readObject(object: Record<string, unknown>, path: string, rules: FieldSpecs[], inOr: boolean): void {
  const keys = Object.keys(object);
  if (keys.length === 0) invalidPattern('Empty objects are not allowed');
  for (const key of keys) {
    const value = object[key];
    if (key === '$or') {
      readOr(value, path, rules);
      continue;
    }
    if (inOr && RESERVED_IN_OR.has(key)) invalidPattern(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    if (isJsonObject(value)) readObject(value, childPath(path, key), rules, inOr);
    else if (Array.isArray(value)) writeField(value as readonly unknown[], childPath(path, key), rules);
    else invalidPattern(`"${key}" must be an object or an array`);
  }
}

/** `$or`: every branch continues each combination built so far, so the combinations multiply. */
function readOr(value: unknown, path: string, rules: FieldSpecs[]): void {
  if (!Array.isArray(value)) return invalidPattern('It must be an Array followed with $or.');
  const before = rules.map((rule) => new Map(rule));
  rules.length = 0;
  for (const branch of value as readonly unknown[]) {
    if (!isJsonObject(branch)) invalidPattern('Only JSON object is allowed in array of $or relationship.');
    const forked = before.length === 0 ? [new Map()] : before.map((rule) => new Map(rule));
    readObject(branch, path, forked, true);
    rules.push(...forked);
    if (rules.length > MAX_OR_COMBINATIONS) {
      invalidPattern(`The use of $or results in over ${MAX_OR_COMBINATIONS} rule combinations`);
    }
  }
  if (value.length < 2) invalidPattern('There must have at least 2 Objects in $or relationship.');
}

function writeField(values: readonly unknown[], path: string, rules: FieldSpecs[]): void {
  const conditions = values.map(readValue);
  if (conditions.length === 0) invalidPattern('Empty arrays are not allowed');
  if (rules.length === 0) rules.push(new Map());
  for (const rule of rules) rule.set(path, conditions);
}

function readValue(value: unknown): Condition {
  if (!isJsonObject(value)) return literalCondition(value);
  const keys = Object.keys(value);
  if (keys.length === 0) return invalidPattern('Match expression name not found');
  const name = keys[0]!;
  if (!isOperatorName(name)) return invalidPattern(`Unrecognized match type ${name}`);
  const condition = OPERATORS[name](value[name]);
  if (keys.length > 1) invalidPattern('Only one key allowed in match expression');
  return condition;
}
