import { compileJavaPattern } from './java-time';
import { checkPrefixes, compilePrefix, evaluatePrefix, objectName, objectPrefix } from './prefix';
import { readTransformationResult, type BufferedRecord } from './processor';

const AT = Date.UTC(2024, 11, 30, 23, 5, 9, 42); // Monday 30 December 2024, ISO week 1 of 2025

describe('Java timestamp patterns', () => {
  it.each([
    ['yyyy-MM-dd', '2024-12-30'],
    ["yyyy'/'MM'/'dd'/'HH'/'", '2024/12/30/23/'],
    ['YYYY-ww', '2025-01'],
    ['yy MMM MMMM d D', '24 Dec December 30 365'],
    ['HH:mm:ss.SSS a hh k', '23:05:09.042 PM 11 23'],
    ['EEE EEEE', 'Mon Monday'],
    ["'dt='yyyy-MM-dd''", "dt=2024-12-30'"],
  ])('%s → %s', (pattern, expected) => {
    expect(compileJavaPattern(pattern)(AT)).toBe(expected);
  });

  it('formats in a custom time zone', () => {
    expect(compileJavaPattern('yyyy-MM-dd HH')(AT, 'Asia/Tokyo')).toBe('2024-12-31 08');
  });

  it('refuses letters it cannot format', () => {
    expect(() => compileJavaPattern('yyyy-QQ')).toThrow(/Unsupported timestamp pattern letter "Q"/);
  });
});

describe('Firehose prefixes', () => {
  const data = compilePrefix('events/detail_type=!{partitionKeyFromLambda:detail_type}/dt=!{partitionKeyFromLambda:dt}/', 'Prefix');
  const errors = compilePrefix('errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/', 'ErrorOutputPrefix');

  it('evaluates partition keys, timestamps and the error output type', () => {
    expect(evaluatePrefix(data, { oldestArrival: AT, partitionKeys: { detail_type: 'MESSAGE_ANALYSED', dt: '2024-12-30' } })).toBe('events/detail_type=MESSAGE_ANALYSED/dt=2024-12-30/');
    expect(objectPrefix(errors, { oldestArrival: AT, errorType: 'processing-failed' }, true)).toBe('errors/processing-failed/dt=2024-12-30/');
    expect(() => evaluatePrefix(data, { oldestArrival: AT, partitionKeys: { dt: 'x' } })).toThrow('partition key "detail_type" is missing');
  });

  it('applies the default prefixes', () => {
    expect(objectPrefix(undefined, { oldestArrival: AT }, false)).toBe('2024/12/30/23/');
    expect(objectPrefix(undefined, { oldestArrival: AT, errorType: 'processing-failed' }, true)).toBe('processing-failed/2024/12/30/23/');
    expect(objectPrefix(compilePrefix('raw/', 'Prefix'), { oldestArrival: AT }, false)).toBe('raw/2024/12/30/23/');
    expect(objectName('Lake', '1', AT, '.json.gz')).toMatch(/^Lake-1-2024-12-30-23-05-09-[0-9a-f-]{36}\.json\.gz$/);
  });

  it('checks the rules Firehose enforces on a destination', () => {
    expect(() => checkPrefixes(data, undefined, true)).toThrow('ErrorOutputPrefix cannot be null or empty');
    expect(() => checkPrefixes(data, errors, false)).toThrow('need dynamic partitioning');
    expect(() => checkPrefixes(compilePrefix('x/', 'Prefix'), errors, true)).toThrow('must contain at least one');
    expect(() => compilePrefix('!{firehose:error-output-type}/', 'Prefix')).toThrow('may only be used in ErrorOutputPrefix');
    expect(() => compilePrefix('!{partitionKeyFromQuery:a}/', 'Prefix')).toThrow(/JQ metadata extraction/);
    expect(() => compilePrefix('!{nope:a}/', 'Prefix')).toThrow('is not valid');
  });
});

describe('the transformation record protocol', () => {
  const records: BufferedRecord[] = ['a', 'b', 'c'].map((id, i) => ({ id, arrival: AT + i, data: Buffer.from(id) }));
  const ok = (recordId: string, extra: Record<string, unknown> = {}) => ({ recordId, result: 'Ok', data: Buffer.from(`${recordId}!`).toString('base64'), ...extra });

  it('maps each answer to its record', () => {
    const outcomes = readTransformationResult(
      { records: [ok('a', { metadata: { partitionKeys: { dt: '2024-12-30' } } }), { recordId: 'b', result: 'Dropped' }, { recordId: 'c', result: 'ProcessingFailed' }] },
      records,
    );
    expect(outcomes.map((o) => o.result)).toEqual(['Ok', 'Dropped', 'ProcessingFailed']);
    expect(outcomes[0]).toMatchObject({ data: Buffer.from('a!'), partitionKeys: { dt: '2024-12-30' } });
    expect(outcomes[2]).toMatchObject({ errorCode: 'Lambda.ProcessingFailed' });
  });

  it.each([
    [null, 'Lambda.JsonProcessingException'],
    [{ records: [ok('a'), ok('b')] }, 'Lambda.InvalidReturnRecordCount'],
    [{ records: [ok('a'), ok('b'), ok('zzz')] }, 'Lambda.MissingRecordId'],
    [{ records: [ok('a'), ok('b'), ok('b')] }, 'Lambda.DuplicatedRecordId'],
    [{ records: [ok('a'), ok('b'), { recordId: 'c', result: 'Maybe' }] }, 'Lambda.InvalidRecordResult'],
    [{ records: [ok('a'), ok('b'), { recordId: 'c', result: 'Ok', data: '%%%' }] }, 'Lambda.InvalidRecordData'],
    [{ records: [ok('a'), ok('b'), ok('c', { metadata: { partitionKeys: { dt: 5 } } })] }, 'Lambda.InvalidPartitionKeys'],
  ])('fails the invocation on %j', (payload, code) => {
    expect(() => readTransformationResult(payload, records)).toThrow(expect.objectContaining({ errorCode: code }));
  });
});
