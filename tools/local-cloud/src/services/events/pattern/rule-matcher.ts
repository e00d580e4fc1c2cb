import { type CompiledPattern, compilePattern } from './compile';
import { InvalidEventPatternException } from './errors';
import { flattenEvent, pathScope } from './flatten';
import { eventInput } from './json';

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
  const indexes = new Map<string, Map<string, Compiled[]>>();
  const unindexed: Compiled[] = [];
  for (const rule of compiled) {
    const key = indexKey(rule.pattern);
    if (!key) {
      unindexed.push(rule);
      continue;
    }
    const index = indexes.get(key.path) ?? new Map<string, Compiled[]>();
    indexes.set(key.path, index);
    for (const value of key.values) {
      const bucket = index.get(value);
      if (bucket) bucket.push(rule);
      else index.set(value, [rule]);
    }
  }
  const everyRuleUnindexed = unindexed.length === compiled.length;

  return {
    size: compiled.length,
    match(event) {
      const flat = flattenEvent(eventInput(event), scope);
      const candidates: Compiled[] = [...unindexed];
      for (const [path, index] of indexes) {
        for (const leaf of flat.leaves.get(path) ?? []) {
          if (typeof leaf.value === 'string') candidates.push(...(index.get(leaf.value) ?? []));
        }
      }
      if (!everyRuleUnindexed) candidates.sort((a, b) => a.order - b.order);
      const names: string[] = [];
      let previous: Compiled | undefined;
      for (const rule of candidates) {
        if (rule === previous) continue; // an array field can list a rule twice
        previous = rule;
        if (rule.pattern.matchesFlat(flat)) names.push(rule.name);
      }
      return names;
    },
  };
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
