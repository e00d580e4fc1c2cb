/**
 * A reference evaluator of EventBridge event patterns, written from AWS's
 * documentation for the operators this service's rules use, so the rules can
 * be checked against sample events until the local cloud's matcher runs the
 * same expectations from the synthesized template.
 *
 * Semantics implemented (docs: "Event patterns", "Content filtering", "Arrays"):
 * - a pattern key that holds an array lists the acceptable values of that field
 *   (OR); keys of one object must all match (AND); objects nest;
 * - a field whose value is an array matches if any element matches; arrays of
 *   objects are flattened so a nested key reaches every element;
 * - literal strings and booleans match by equality (case-sensitive), numbers by
 *   numeric equality; `null` matches a JSON null;
 * - `prefix`, `suffix`, `numeric` (numbers only, never numeric strings),
 *   `exists`, `anything-but` (a literal or a list of literals).
 * Anything else throws, so an unsupported operator can never pass a test.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every value of a field in the event, flattening arrays on the way down. */
function fieldValues(values: readonly Json[], key: string): Json[] {
  const out: Json[] = [];
  const visit = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v) && key in v) out.push(v[key]!);
  };
  values.forEach(visit);
  return out;
}

/** The leaf values to test a matcher against: arrays count element by element. */
const leaves = (values: readonly Json[]): Json[] => values.flatMap((v) => (Array.isArray(v) ? leaves(v) : [v]));

function numericMatches(ops: Json, value: Json): boolean {
  if (typeof value !== 'number' || !Array.isArray(ops) || ops.length === 0 || ops.length % 2 !== 0) return false;
  for (let i = 0; i < ops.length; i += 2) {
    const [op, bound] = [ops[i], ops[i + 1]];
    if (typeof bound !== 'number') throw new Error(`numeric bound must be a number, got ${JSON.stringify(bound)}`);
    const ok = { '<': value < bound, '<=': value <= bound, '=': value === bound, '>': value > bound, '>=': value >= bound }[
      op as '<'
    ];
    if (ok === undefined) throw new Error(`Unsupported numeric operator ${JSON.stringify(op)}`);
    if (!ok) return false;
  }
  return true;
}

const literalMatches = (literal: Json, value: Json): boolean => literal === value;

/** Whether one matcher (an element of a pattern's value array) accepts one of the field's values. */
function matcherAccepts(matcher: Json, present: boolean, values: readonly Json[]): boolean {
  if (!isObject(matcher)) return present && leaves(values).some((v) => literalMatches(matcher, v));
  const [operator, ...extra] = Object.keys(matcher);
  if (!operator || extra.length > 0) throw new Error(`A matcher has exactly one operator: ${JSON.stringify(matcher)}`);
  const arg = matcher[operator]!;
  switch (operator) {
    case 'exists':
      return arg === present;
    case 'prefix':
      return present && leaves(values).some((v) => typeof v === 'string' && typeof arg === 'string' && v.startsWith(arg));
    case 'suffix':
      return present && leaves(values).some((v) => typeof v === 'string' && typeof arg === 'string' && v.endsWith(arg));
    case 'numeric':
      return present && leaves(values).some((v) => numericMatches(arg, v));
    case 'anything-but': {
      const excluded = Array.isArray(arg) ? arg : [arg];
      if (excluded.some(isObject)) throw new Error('anything-but with a nested operator is not implemented here');
      return present && leaves(values).some((v) => !excluded.some((e) => literalMatches(e, v)));
    }
    default:
      throw new Error(`Operator "${operator}" is not implemented by this reference evaluator`);
  }
}

function objectMatches(pattern: Record<string, Json>, values: readonly Json[]): boolean {
  return Object.entries(pattern).every(([key, sub]) => {
    const found = fieldValues(values, key);
    const present = found.length > 0;
    if (Array.isArray(sub)) return sub.some((matcher) => matcherAccepts(matcher, present, found));
    if (isObject(sub)) return present && objectMatches(sub, found);
    throw new Error(`Pattern value for "${key}" must be an array or an object`);
  });
}

/** Whether an EventBridge event pattern matches an event. */
export function patternMatches(pattern: Record<string, Json>, event: Record<string, Json>): boolean {
  return objectMatches(pattern, [event]);
}
