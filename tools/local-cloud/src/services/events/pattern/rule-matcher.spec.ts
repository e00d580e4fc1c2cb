import fc from 'fast-check';
import { eventArb, patternArb } from './__testing__/arbitraries';
import { flattenEvent, pathScope } from './flatten';
import { compilePattern, createRuleMatcher, InvalidEventPatternException, matchesPattern } from './index';
import type { Membership, SubRule } from './types';

/** Patterns the generator can produce that EventBridge refuses (e.g. too complex) are dropped. */
function valid(pattern: unknown): boolean {
  try {
    compilePattern(pattern);
    return true;
  } catch (error) {
    if (error instanceof InvalidEventPatternException) return false;
    throw error;
  }
}

const rulesArb = fc.array(patternArb.filter(valid), { minLength: 1, maxLength: 40 }).map((patterns) =>
  patterns.map((pattern, i) => ({ name: `rule-${i}`, pattern })),
);

describe('createRuleMatcher', () => {
  it('answers exactly what matchesPattern answers rule by rule (random rules and events)', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(eventArb, { minLength: 1, maxLength: 5 }), (rules, events) => {
        const matcher = createRuleMatcher(rules);
        for (const event of events) {
          const expected = rules.filter((rule) => matchesPattern(rule.pattern, event)).map((rule) => rule.name);
          expect(matcher.match(event)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the random corpus both matches and misses (the property is not vacuous)', () => {
    let matched = 0;
    let missed = 0;
    fc.assert(
      fc.property(rulesArb, eventArb, (rules, event) => {
        const names = createRuleMatcher(rules).match(event);
        matched += names.length;
        missed += rules.length - names.length;
      }),
      { numRuns: 200 },
    );
    expect(matched).toBeGreaterThan(50);
    expect(missed).toBeGreaterThan(50);
  });

  it('returns names in rule order, once each, even when an indexed field is an array', () => {
    const matcher = createRuleMatcher([
      { name: 'second', pattern: { source: ['A', 'B'] } },
      { name: 'unindexed', pattern: { detail: { n: [{ numeric: ['>', 0] }] } } },
      { name: 'first', pattern: { 'detail-type': ['T'] } },
    ]);
    expect(matcher.match({ source: ['B', 'A'], 'detail-type': 'T', detail: { n: 1 } })).toEqual(['second', 'unindexed', 'first']);
    expect(matcher.match({ source: 'C', 'detail-type': 'U', detail: { n: 1 } })).toEqual(['unindexed']);
    expect(matcher.size).toBe(3);
  });

  it('names the rule whose pattern is invalid', () => {
    expect(() => createRuleMatcher([{ name: 'ok', pattern: { a: ['x'] } }, { name: 'bad', pattern: { a: [] } }])).toThrow(
      expect.objectContaining({ name: 'InvalidEventPatternException', ruleName: 'bad' }),
    );
  });

  it('takes patterns and events as JSON text too', () => {
    const matcher = createRuleMatcher([{ name: 'r', pattern: '{"detail-type":["T"]}' }]);
    expect(matcher.match('{"detail-type":"T"}')).toEqual(['r']);
  });

  it('refuses an event that is not a JSON object, as PutEvents/TestEventPattern do', () => {
    const matcher = createRuleMatcher([{ name: 'r', pattern: { a: [{ exists: false }] } }]);
    for (const event of ['not json', '[1]', 42, null, [{}]]) {
      expect(() => matcher.match(event)).toThrow(expect.objectContaining({ name: 'ValidationException', message: 'Parameter Event is not valid.' }));
    }
  });
});

/**
 * The evaluator's backtracking with memoised dead ends against the plainest
 * reading of array consistency: try every combination of leaves, in path order.
 */
function bruteForce(rule: SubRule, event: ReturnType<typeof flattenEvent>): boolean {
  const agrees = (a: Membership | undefined, b: Membership | undefined) => {
    if (!a || !b) return true;
    for (let i = 0; i < b.length; i += 2) for (let j = 0; j < a.length; j += 2) if (a[j] === b[i] && a[j + 1] !== b[i + 1]) return false;
    return true;
  };
  const go = (i: number, chosen: Membership[]): boolean => {
    if (i === rule.length) return true;
    const field = rule[i]!;
    const leaves = event.leaves.get(field.path) ?? [];
    const consistentLeaves = leaves.filter((leaf) => chosen.every((c) => agrees(c, leaf.membership)));
    if (field.absentOk && consistentLeaves.length === 0 && go(i + 1, chosen)) return true;
    return consistentLeaves.some((leaf) => field.test?.(leaf.value) === true && go(i + 1, [...chosen, leaf.membership ?? []]));
  };
  return go(0, []);
}

describe('array-consistent evaluation', () => {
  it('agrees with trying every combination of leaves', () => {
    fc.assert(
      fc.property(patternArb.filter(valid), eventArb, (pattern, event) => {
        const compiled = compilePattern(pattern);
        const flat = flattenEvent(event, pathScope(compiled.scope.paths));
        expect(compiled.matches(event)).toBe(compiled.subRules.some((rule) => bruteForce(rule, flat)));
      }),
      { numRuns: 500 },
    );
  });
});
