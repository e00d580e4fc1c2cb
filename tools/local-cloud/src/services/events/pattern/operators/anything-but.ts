import { invalidPattern } from '../errors';
import { isJsonObject } from '../json';
import { isComparableNumber, sameNumber } from '../numbers';
import { matchGlob } from '../text/glob';
import { ignoreCaseMatcher } from '../text/ignore-case';
import type { Condition } from '../types';
import { compileGlob } from './wildcard';

/**
 * `{"anything-but": …}`: matches any leaf except the ones described. The
 * exclusions only ever exclude leaves of their own type: a string list never
 * excludes a number, null or boolean, and vice versa, so `{"anything-but": "x"}`
 * matches `null`. A missing field is not a leaf and never matches.
 *
 * Forms: a string or number, a list of only strings or only numbers, or one of
 * `{"prefix" | "suffix" | "equals-ignore-case" | "wildcard": string | string[]}`.
 */
export function anythingButOperator(operand: unknown): Condition {
  if (typeof operand === 'string') return excludeStrings([operand]);
  if (typeof operand === 'number') return excludeNumbers([finite(operand)]);
  if (Array.isArray(operand)) return listForm(operand as readonly unknown[]);
  if (isJsonObject(operand)) return valueSetForm(operand);
  return invalidPattern('Value of anything-but must be an array or single string/number value.');
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : invalidPattern(`Cannot compare number : ${String(value)}`);
}

function listForm(values: readonly unknown[]): Condition {
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      invalidPattern('Inside anything but list, start|null|boolean is not supported.');
    }
  }
  const strings = values.every((v) => typeof v === 'string');
  const numbers = values.every((v) => typeof v === 'number');
  if (values.length === 0 || (!strings && !numbers)) {
    return invalidPattern('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return strings ? excludeStrings(values as string[]) : excludeNumbers((values as number[]).map(finite));
}

function excludeStrings(excluded: readonly string[]): Condition {
  const set = new Set(excluded);
  return { test: (leaf) => typeof leaf !== 'string' || !set.has(leaf) };
}

function excludeNumbers(excluded: readonly number[]): Condition {
  return { test: (leaf) => !isComparableNumber(leaf) || !excluded.some((n) => sameNumber(n, leaf)) };
}

type ValueSetKind = 'prefix' | 'suffix' | 'equals-ignore-case' | 'wildcard';

/** How each value-set form reads its strings into a "this string is excluded" test, and what it says of a non-string. */
const VALUE_SETS: Record<ValueSetKind, { readonly typeError: string; readonly compile: (value: string) => (s: string) => boolean }> = {
  prefix: { typeError: 'prefix/suffix match pattern must be a string', compile: (p) => nonEmpty(p, (s) => s.startsWith(p)) },
  suffix: { typeError: 'prefix/suffix match pattern must be a string', compile: (p) => nonEmpty(p, (s) => s.endsWith(p)) },
  'equals-ignore-case': {
    typeError: 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
    compile: (p) => ignoreCaseMatcher(p, 'equals'),
  },
  wildcard: {
    typeError: 'wildcard match pattern must be a string',
    compile: (p) => {
      const glob = compileGlob(p);
      return (s) => matchGlob(glob, s);
    },
  },
};

function nonEmpty(value: string, test: (s: string) => boolean): (s: string) => boolean {
  return value === '' ? invalidPattern('Null prefix/suffix not allowed') : test;
}

function valueSetForm(operand: Record<string, unknown>): Condition {
  const keys = Object.keys(operand);
  if (keys.length === 0) return invalidPattern('Anything-But expression name not found');
  const kind = keys[0]!;
  if (!Object.hasOwn(VALUE_SETS, kind)) return invalidPattern(`Unsupported anything-but pattern: ${kind}`);
  const form = VALUE_SETS[kind as ValueSetKind];
  const value = operand[kind];
  let values: readonly unknown[];
  if (typeof value === 'string') values = [value];
  else if (Array.isArray(value)) values = value as readonly unknown[];
  else if (typeof value === 'number') return invalidPattern(form.typeError);
  else return invalidPattern('Value of anything-but must be an array or single string/number value.');
  if (!values.every((v): v is string => typeof v === 'string')) return invalidPattern(form.typeError);
  if (values.length === 0) return invalidPattern(`anything-but ${kind} list must not be empty`);
  if (keys.length > 1) return invalidPattern('Only one key allowed in match expression');
  const excluded = values.map((v) => form.compile(v));
  return {
    test: (leaf) => typeof leaf !== 'string' || !excluded.some((isExcluded) => isExcluded(leaf)),
    ...(kind === 'wildcard' ? { wildcards: values } : {}),
  };
}
