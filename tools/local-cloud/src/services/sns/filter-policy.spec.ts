import { compileFilterPolicy, type PublishedAttribute } from './filter-policy';

const attrs = (a: Record<string, PublishedAttribute>) => ({ body: 'plain text', attributes: a });
const str = (StringValue: string): PublishedAttribute => ({ DataType: 'String', StringValue });
const num = (StringValue: string): PublishedAttribute => ({ DataType: 'Number', StringValue });
const arr = (values: unknown[]): PublishedAttribute => ({ DataType: 'String.Array', StringValue: JSON.stringify(values) });

describe('SNS filter policies, attribute scope', () => {
  it.each([
    [{ alertType: ['NEGATIVE'] }, { alertType: str('NEGATIVE') }, true],
    [{ alertType: ['NEGATIVE'] }, { alertType: str('MODERATION') }, false],
    [{ alertType: ['NEGATIVE'] }, {}, false],
    [{ alertType: ['NEGATIVE', 'MODERATION'] }, { alertType: str('MODERATION') }, true],
    [{ alertType: [{ 'anything-but': ['NEGATIVE'] }] }, { alertType: str('MODERATION') }, true],
    [{ alertType: [{ 'anything-but': ['NEGATIVE'] }] }, {}, false],
    [{ alertType: [{ 'anything-but': { prefix: 'NEG' } }] }, { alertType: str('NEGATIVE') }, false],
    [{ channel: [{ prefix: 'TWIT' }] }, { channel: str('TWITTER') }, true],
    [{ channel: [{ suffix: 'TER' }] }, { channel: str('TWITTER') }, true],
    [{ channel: [{ 'equals-ignore-case': 'twitter' }] }, { channel: str('TWITTER') }, true],
    [{ score: [{ numeric: ['>=', 0.9] }] }, { score: num('0.95') }, true],
    [{ score: [{ numeric: ['>', 0, '<=', 0.5] }] }, { score: num('0.95') }, false],
    [{ score: [{ numeric: ['>=', 0.9] }] }, { score: str('0.95') }, false],
    [{ score: [1] }, { score: num('1.0') }, true],
    [{ score: ['1'] }, { score: num('1') }, false],
    [{ labels: ['Face'] }, { labels: arr(['Car', 'Face']) }, true],
    [{ labels: ['Face'] }, { labels: arr(['Car']) }, false],
    [{ image: [{ exists: true }] }, { image: str('x') }, true],
    [{ image: [{ exists: false }] }, { other: str('x') }, true],
    [{ blob: [{ exists: true }] }, { blob: { DataType: 'Binary', BinaryValue: 'AAE=' } }, false],
    [{ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: str('10.0.0.7') }, true],
    [{ $or: [{ a: ['1'] }, { b: ['2'] }] }, { b: str('2') }, true],
    [{ a: ['1'], b: ['2'] }, { a: str('1') }, false],
  ])('%j on %j → %s', (policy, attributes, expected) => {
    expect(compileFilterPolicy(JSON.stringify(policy))(attrs(attributes))).toBe(expected);
  });

  it('applies SNS limits and refuses what SNS refuses, as InvalidParameter', () => {
    const refuse = (policy: unknown, scope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes') =>
      expect(() => compileFilterPolicy(JSON.stringify(policy), scope)).toThrow(expect.objectContaining({ name: 'InvalidParameterException', message: expect.stringMatching(/^Invalid parameter: FilterPolicy: /) }));
    refuse({ a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] });
    refuse({ a: Array.from({ length: 13 }, (_, i) => String(i)), b: Array.from({ length: 12 }, (_, i) => String(i)) });
    refuse({ a: { nested: ['x'] } });
    refuse({ a: [{ wildcard: '*x' }] });
    refuse({ a: [{ numeric: ['>', 2e9] }] });
    refuse({ a: [{ numeric: ['<', 1, '>', 2] }] });
    expect(() => compileFilterPolicy('{not json')).toThrow(/failed to parse JSON/);
  });
});

describe('SNS filter policies, body scope', () => {
  const detail = JSON.stringify({ detail: { Analysis: { TextSentiment: 'NEGATIVE', Images: [{ Labels: [{ Name: 'Van' }] }] } } });

  it('matches nested fields and arrays of objects in a JSON body', () => {
    const match = (policy: unknown) => compileFilterPolicy(policy, 'MessageBody')({ body: detail, attributes: {} });
    expect(match({ detail: { Analysis: { TextSentiment: ['NEGATIVE'] } } })).toBe(true);
    expect(match({ detail: { Analysis: { Images: { Labels: { Name: ['Van'] } } } } })).toBe(true);
    expect(match({ detail: { Analysis: { TextSentiment: ['POSITIVE'] } } })).toBe(false);
    expect(compileFilterPolicy({ a: ['x'] }, 'MessageBody')({ body: 'not json', attributes: {} })).toBe(false);
  });
});
