import { BenchError } from '../errors';

/**
 * EventBridge event patterns, as far as the cost model routes events: exact
 * values, `prefix`, `suffix`, `exists`, `numeric`, `anything-but` (of values)
 * and `equals-ignore-case`, each field matched on the values found at its
 * path (arrays flattened). Any other operator, `$or` included, is refused with
 * an error rather than guessed: the routing decides what is priced. (The local
 * cloud has the complete matcher; this one only needs to route our rules.)
 */

/** Every value at a path, looking through arrays at each level. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [value];
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = path;
  if (!Object.hasOwn(value, head!)) return [];
  return valuesAt((value as Record<string, unknown>)[head!], rest);
}

const NUMERIC: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

function numericMatches(value: unknown, conditions: readonly unknown[]): boolean {
  if (typeof value !== 'number') return false;
  for (let i = 0; i < conditions.length; i += 2) {
    const compare = NUMERIC[String(conditions[i])];
    if (!compare) throw new BenchError(`numeric operator ${String(conditions[i])} is not supported`);
    if (!compare(value, Number(conditions[i + 1]))) return false;
  }
  return true;
}

/** Does one value satisfy one element of a pattern's value list? */
function valueMatches(value: unknown, matcher: unknown): boolean {
  if (matcher === null || typeof matcher !== 'object') return value === matcher;
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(String(operand));
    case 'suffix':
      return typeof value === 'string' && value.endsWith(String(operand));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(operand).toLowerCase();
    case 'numeric':
      return numericMatches(value, operand as unknown[]);
    case 'anything-but': {
      if (typeof operand === 'object' && operand !== null && !Array.isArray(operand)) {
        throw new BenchError('anything-but with an operator is not supported');
      }
      return value !== undefined && ![operand].flat().includes(value);
    }
    default:
      throw new BenchError(`event pattern operator ${String(operator)} is not supported by the cost model`);
  }
}

function fieldMatches(values: readonly unknown[], matchers: readonly unknown[]): boolean {
  return matchers.some((matcher) => {
    if (typeof matcher === 'object' && matcher !== null && 'exists' in matcher) {
      return (matcher as { exists: boolean }).exists ? values.length > 0 : values.length === 0;
    }
    return values.some((value) => valueMatches(value, matcher));
  });
}

/** Does the event (the full envelope: `source`, `detail-type`, `detail`…) match the pattern? */
export function matchesPattern(pattern: Readonly<Record<string, unknown>>, event: unknown, path: readonly string[] = []): boolean {
  return Object.entries(pattern).every(([key, condition]) => {
    if (key === '$or') throw new BenchError('$or in event patterns is not supported by the cost model');
    const at = [...path, key];
    if (Array.isArray(condition)) return fieldMatches(valuesAt(event, at), condition);
    if (typeof condition === 'object' && condition !== null) return matchesPattern(condition as Record<string, unknown>, event, at);
    throw new BenchError(`event pattern field ${at.join('.')} is neither a list nor an object`);
  });
}
