import { invalidPattern } from './errors';
import { flattenEvent, pathScope } from './flatten';
import { eventInput, patternInput } from './json';
import { MAX_WILDCARD_COMPLEXITY, wildcardComplexity } from './complexity';
import { matchSubRule } from './evaluate';
import { type FieldSpecs, readStructure } from './structure';
import type { CompiledField, Condition, FlatEvent, PathScope, SubRule, ValueTest } from './types';

/** A pattern compiled once, matched many times. */
export interface CompiledPattern {
  readonly subRules: readonly SubRule[];
  /** The event paths the pattern reads. */
  readonly scope: PathScope;
  /** Matches an event (an object, or its JSON text). */
  matches(event: unknown): boolean;
  /** Matches an event already flattened over a scope that includes this pattern's. */
  matchesFlat(event: FlatEvent): boolean;
}

/**
 * Validates and compiles an EventBridge event pattern (an object, or its JSON
 * text). Throws `InvalidEventPatternException` with AWS's reason for anything
 * `PutRule` refuses.
 */
export function compilePattern(pattern: unknown): CompiledPattern {
  const specs = readStructure(patternInput(pattern));
  checkComplexity(specs);
  const subRules = specs.map(compileSubRule);
  const scope = pathScope(subRules.flatMap((rule) => rule.map((field) => field.path)));
  const matchesFlat = (event: FlatEvent) => subRules.some((rule) => matchSubRule(rule, event));
  return {
    subRules,
    scope,
    matchesFlat,
    matches: (event) => matchesFlat(flattenEvent(eventInput(event), scope)),
  };
}

/** Throws `InvalidEventPatternException` when EventBridge would refuse the pattern. */
export function validatePattern(pattern: unknown): void {
  compilePattern(pattern);
}

/** Does the event match the pattern? Both may be objects or JSON text; an invalid pattern throws. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern).matches(event);
}

function compileSubRule(spec: FieldSpecs): SubRule {
  const fields = [...spec].map(([path, conditions]) => compileField(path, conditions));
  // EventBridge takes a rule's fields in path order (UTF-16 code unit order), which decides how exists:false meets arrays.
  return fields.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function compileField(path: string, conditions: readonly Condition[]): CompiledField {
  const exact = new Set<string>();
  const others: ValueTest[] = [];
  let absentOk = false;
  let allExact = true;
  for (const condition of conditions) {
    if (condition.absent) {
      absentOk = true;
      allExact = false;
    } else if (condition.exactString !== undefined) {
      exact.add(condition.exactString);
    } else {
      allExact = false;
      others.push(condition.test!);
    }
  }
  return { path, test: orOf(exact, others), absentOk, exactStrings: allExact ? exact : undefined };
}

function orOf(exact: ReadonlySet<string>, others: readonly ValueTest[]): ValueTest | undefined {
  const inSet: ValueTest | undefined =
    exact.size === 0
      ? undefined
      : exact.size === 1
        ? ((only) => (value) => value === only)([...exact][0]!)
        : (value) => typeof value === 'string' && exact.has(value);
  const tests = inSet ? [inSet, ...others] : [...others];
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests as [ValueTest, ValueTest];
    return (value) => a(value) || b(value);
  }
  return (value) => tests.some((test) => test(value));
}

/** EventBridge limits how many wildcard prefixes one value can match at once, per field. */
function checkComplexity(specs: readonly FieldSpecs[]): void {
  const byPath = new Map<string, Set<string>>();
  for (const spec of specs) {
    for (const [path, conditions] of spec) {
      for (const condition of conditions) {
        for (const source of condition.wildcards ?? []) {
          const set = byPath.get(path) ?? new Set<string>();
          set.add(source);
          byPath.set(path, set);
        }
      }
    }
  }
  for (const sources of byPath.values()) {
    if (wildcardComplexity([...sources]) > MAX_WILDCARD_COMPLEXITY) {
      invalidPattern(
        'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
      );
    }
  }
}
