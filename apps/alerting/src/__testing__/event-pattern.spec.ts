import { patternMatches } from './event-pattern';
import { readPath, transformPlainText } from './input-transformer';

/** The reference evaluator must itself behave as AWS documents, or the expectation tests prove nothing. */
describe('reference event-pattern evaluator', () => {
  const event = {
    source: 'ANALYSIS',
    'detail-type': 'MESSAGE_ANALYSED',
    detail: { n: 85, s: '85', flag: false, nothing: null, list: ['a', 'b'], objs: [{ v: 1 }, { v: 90 }], nested: { deep: 'x' } },
  };

  it.each([
    ['an exact string', { source: ['ANALYSIS'] }, true],
    ['exact strings are case-sensitive', { source: ['analysis'] }, false],
    ['any of several values', { source: ['X', 'ANALYSIS'] }, true],
    ['numeric compares numbers', { detail: { n: [{ numeric: ['>=', 80, '<', 90] }] } }, true],
    ['numeric never matches a numeric string', { detail: { s: [{ numeric: ['>=', 80] }] } }, false],
    ['a literal number is not a string', { detail: { s: [85] } }, false],
    ['a boolean literal', { detail: { flag: [false] } }, true],
    ['null matches a JSON null', { detail: { nothing: [null] } }, true],
    ['an array field matches when any element matches', { detail: { list: ['b'] } }, true],
    ['arrays of objects are flattened', { detail: { objs: { v: [{ numeric: ['>', 85] }] } } }, true],
    ['no element of the flattened array qualifies', { detail: { objs: { v: [{ numeric: ['>', 95] }] } } }, false],
    ['a missing field never matches a value', { detail: { missing: ['x'] } }, false],
    ['exists: false matches a missing field', { detail: { missing: [{ exists: false }] } }, true],
    ['exists: true needs the field', { detail: { nested: [{ exists: true }] } }, true],
    ['prefix', { 'detail-type': [{ prefix: 'MESSAGE_' }] }, true],
    ['prefix of the empty string matches everything present', { source: [{ prefix: '' }] }, true],
    ['anything-but', { source: [{ 'anything-but': ['INGRESS'] }] }, true],
    ['all keys must match (AND)', { source: ['ANALYSIS'], detail: { nested: { deep: ['y'] } } }, false],
  ])('%s', (_name, pattern, expected) => {
    expect(patternMatches(pattern as never, event as never)).toBe(expected);
  });

  it('refuses operators it does not implement, so no test can pass by accident', () => {
    expect(() => patternMatches({ source: [{ wildcard: 'A*' }] }, event as never)).toThrow(/not implemented/);
  });
});

describe('reference plain-text input transformer', () => {
  const event = { detail: { Text: 'a "quoted"\nline', N: 3, Arr: ['x'] } };

  it('inserts string values exactly and other values as JSON', () => {
    expect(
      transformPlainText(
        { InputPathsMap: { t: '$.detail.Text', n: '$.detail.N', a: '$.detail.Arr', first: '$.detail.Arr[0]' }, InputTemplate: '<t>|<n>|<a>|<first>' },
        event as never,
      ),
    ).toBe('a "quoted"\nline|3|["x"]|x');
  });

  it('does not substitute inside inserted values', () => {
    const e = { detail: { A: '<b>', B: 'B' } };
    expect(transformPlainText({ InputPathsMap: { a: '$.detail.A', b: '$.detail.B' }, InputTemplate: '<a><b>' }, e as never)).toBe('<b>B');
  });

  it('refuses JSON templates and missing paths', () => {
    expect(() => transformPlainText({ InputPathsMap: {}, InputTemplate: '"quoted"' }, event as never)).toThrow(/plain-text/);
    expect(() => transformPlainText({ InputPathsMap: { x: '$.detail.Nope' }, InputTemplate: '<x>' }, event as never)).toThrow(
      /missing/,
    );
    expect(readPath(event as never, '$.detail.Arr[3]')).toBeUndefined();
  });
});
