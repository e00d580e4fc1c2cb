import { type CompiledPattern, compilePattern } from './compile';
import { InvalidEventPatternException } from './errors';
import { flattenEvent, pathScope } from './flatten';
import { eventInput } from './json';
import type { FlatEvent, PathScope } from './types';

export interface RuleDefinition {
  readonly name: string;
  /** The rule's event pattern: an object, or its JSON text. */
  readonly pattern: unknown;
}

/** Matches an event against a bus's rules at once. */
export interface RuleMatcher {
  /** Names of the rules whose pattern matches the event, in the order the rules were given. */
  match(event: unknown): string[];
  readonly size: number;
}

/** Fields an index may key on, most selective first: EventBridge events always carry these as strings. */
const INDEX_PRIORITY = ['detail-type', 'source'];

interface Compiled {
  readonly name: string;
  readonly order: number;
  readonly pattern: CompiledPattern;
}

/**
 * Compiles a bus's rules once for the hot path. Patterns compile to predicates;
 * the event is flattened once over the union of the paths the rules read; and
 * rules whose every `$or` branch requires exact strings on one field (typically
 * `detail-type` or `source`) are indexed by those strings, so an event is only
 * tested against the rules that can match it. Results equal `matchesPattern`
 * rule by rule.
 *
 * An invalid pattern throws `InvalidEventPatternException` with `ruleName` set.
 */
export function createRuleMatcher(rules: readonly RuleDefinition[]): RuleMatcher {
  const compiled: Compiled[] = rules.map((rule, order) => {
    try {
      return { name: rule.name, order, pattern: compilePattern(rule.pattern) };
    } catch (error) {
      if (error instanceof InvalidEventPatternException) Object.assign(error, { ruleName: rule.name });
      throw error;
    }
  });
  const scope = pathScope(compiled.flatMap((rule) => [...rule.pattern.scope.paths]));
  const indexes = new Map<string, Map<string, number[]>>();
  const unindexed: number[] = [];
  for (const rule of compiled) {
    const key = indexKey(rule.pattern);
    if (!key) {
      unindexed.push(rule.order);
      continue;
    }
    const index = indexes.get(key.path) ?? new Map<string, number[]>();
    indexes.set(key.path, index);
    for (const value of key.values) {
      const bucket = index.get(value);
      if (bucket) bucket.push(rule.order);
      else index.set(value, [rule.order]);
    }
  }
  return new IndexedRuleMatcher(compiled, scope, indexes, unindexed);
}

class IndexedRuleMatcher implements RuleMatcher {
  /** Per rule, the last event (by sequence number) it was tested on: a rule listed twice is tested once. */
  private readonly testedOn: Uint32Array;
  private sequence = 0;

  constructor(
    private readonly rules: readonly Compiled[],
    private readonly scope: PathScope,
    private readonly indexes: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>,
    private readonly unindexed: readonly number[],
  ) {
    this.testedOn = new Uint32Array(rules.length);
  }

  get size(): number {
    return this.rules.length;
  }

  match(event: unknown): string[] {
    const flat = flattenEvent(eventInput(event), this.scope);
    this.sequence = this.sequence === 0xffffffff ? 1 : this.sequence + 1;
    if (this.sequence === 1) this.testedOn.fill(0);
    const matched: number[] = [];
    for (const order of this.unindexed) this.test(order, flat, matched);
    for (const [path, index] of this.indexes) {
      for (const leaf of flat.leaves.get(path) ?? []) {
        if (typeof leaf.value !== 'string') continue;
        for (const order of index.get(leaf.value) ?? []) this.test(order, flat, matched);
      }
    }
    matched.sort((a, b) => a - b);
    return matched.map((order) => this.rules[order]!.name);
  }

  private test(order: number, flat: FlatEvent, matched: number[]): void {
    if (this.testedOn[order] === this.sequence) return;
    this.testedOn[order] = this.sequence;
    if (this.rules[order]!.pattern.matchesFlat(flat)) matched.push(order);
  }
}

/**
 * A field every sub-rule of the pattern requires to equal one of some strings,
 * and the union of those strings. Only fields in the priority list are used, so
 * the event's value there is a cheap direct lookup.
 */
function indexKey(pattern: CompiledPattern): { path: string; values: Set<string> } | undefined {
  for (const path of INDEX_PRIORITY) {
    const values = new Set<string>();
    const required = pattern.subRules.every((rule) => {
      const field = rule.find((f) => f.path === path);
      if (!field?.exactStrings || field.absentOk) return false;
      for (const value of field.exactStrings) values.add(value);
      return true;
    });
    if (required && values.size > 0) return { path, values };
  }
  return undefined;
}
