import fc from 'fast-check';

/**
 * fast-check generators of events and patterns over a small shared vocabulary,
 * so that random patterns often match random events: names, strings (IP
 * literals, case variants, affixes), numbers (incl. -0), booleans, null,
 * arrays of scalars and arrays of objects. Test support only.
 */
const NAMES = ['a', 'b', 'c', 'x'] as const;
const STRINGS = ['A', 'a', 'ab', 'Ab', 'abc', '', '10.0.0.1', '::1', 'b*', 'x.y'] as const;
const NUMBERS = [0, -0, 1, -1, 1.5, 100, 1e10] as const;

export const scalarArb = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.constantFrom(...NUMBERS),
  fc.boolean(),
  fc.constant(null),
);

const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: scalarArb, weight: 4 },
    { arbitrary: fc.array(scalarArb, { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.array(tie('object'), { maxLength: 3 }), weight: 1 },
    { arbitrary: tie('object'), weight: 1 },
  ),
  object: fc.dictionary(fc.constantFrom(...NAMES), tie('value'), { maxKeys: 3 }),
})).value;

/** An EventBridge-shaped event: envelope fields plus a random detail. */
export const eventArb = fc.record({
  source: fc.constantFrom('INGRESS', 'ANALYSIS', 'EGRESS'),
  'detail-type': fc.constantFrom('MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'SEND_REPLY'),
  detail: fc.dictionary(fc.constantFrom(...NAMES), valueArb, { maxKeys: 4 }),
});

const conditionArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: scalarArb, weight: 4 },
  fc.record({ prefix: fc.constantFrom('', 'a', 'A', 'ab') }),
  fc.record({ suffix: fc.constantFrom('b', 'c', '') }),
  fc.record({ prefix: fc.record({ 'equals-ignore-case': fc.constantFrom('a', 'AB') }) }),
  fc.record({ suffix: fc.record({ 'equals-ignore-case': fc.constantFrom('B', 'bc') }) }),
  fc.record({ 'equals-ignore-case': fc.constantFrom('ab', 'A', 'ABC') }),
  fc.record({ wildcard: fc.constantFrom('*', 'a*', '*b', 'a*c', '') }),
  fc.record({ cidr: fc.constantFrom('10.0.0.0/8', '::/64') }),
  fc.record({ exists: fc.boolean() }),
  fc.record({
    'anything-but': fc.oneof(
      fc.constantFrom('a', 'ab'),
      fc.constantFrom(0, 1),
      fc.constantFrom(['a', 'A'], [1, 100]),
      fc.record({ prefix: fc.constantFrom('a', 'x') }),
      fc.record({ suffix: fc.constantFrom(['b', 'c']) }),
      fc.record({ 'equals-ignore-case': fc.constantFrom('AB') }),
      fc.record({ wildcard: fc.constantFrom('a*', ['*c', 'x*']) }),
    ),
  }),
  fc.record({
    numeric: fc.constantFrom(['=', 1], ['<', 0], ['<=', 0], ['>', 1], ['>=', 100], ['>', -1, '<', 1.5], ['>=', 0, '<=', 100]),
  }),
);

const leafArb = fc.array(conditionArb, { minLength: 1, maxLength: 3 });

const fieldsArb: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ fields: Record<string, unknown> }>((tie) => ({
  fields: fc.dictionary(
    fc.constantFrom(...NAMES),
    fc.oneof({ depthSize: 'small', withCrossShrink: true }, { arbitrary: leafArb, weight: 3 }, { arbitrary: tie('fields'), weight: 1 }),
    { minKeys: 1, maxKeys: 3 },
  ),
})).fields;

const detailArb = fc.oneof(
  { arbitrary: fieldsArb, weight: 4 },
  { arbitrary: fc.record({ $or: fc.array(fieldsArb, { minLength: 2, maxLength: 3 }) }), weight: 1 },
);

/** A pattern in the system's shape: usually detail-type and/or source exact values, then detail conditions. */
export const patternArb = fc
  .record(
    {
      'detail-type': fc.subarray(['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'SEND_REPLY'], { minLength: 1 }),
      source: fc.oneof(fc.subarray(['INGRESS', 'ANALYSIS', 'EGRESS'], { minLength: 1 }), fc.constant([{ prefix: 'IN' }])),
      detail: detailArb,
    },
    { requiredKeys: [] },
  )
  .filter((pattern) => Object.keys(pattern).length > 0);
