import { compileFilterPattern } from './filter-pattern';

const powertools = JSON.stringify({
  level: 'ERROR',
  message: 'Failed to publish',
  service: 'ingress',
  timestamp: '2024-05-01T10:00:00.000Z',
  latency: 250,
  retry: true,
  error: null,
  tags: ['a', 'b'],
  detail: { channel: 'TWITTER', ids: [7, 8] },
});

describe('filter patterns', () => {
  it.each([
    ['', 'anything', true],
    ['ERROR', 'an ERROR here', true],
    ['ERROR', 'an error here', false],
    ['ERROR Exception', 'ERROR: NullPointer Exception', true],
    ['ERROR Exception', 'ERROR only', false],
    ['"ERROR: Null"', 'got ERROR: Null pointer', true],
    ['"ERROR: Null"', 'got ERROR: nothing', false],
    ['?ERROR ?WARN', 'a WARN line', true],
    ['?ERROR ?WARN', 'an INFO line', false],
    ['ERROR -retrying', 'ERROR, retrying', false],
    ['ERROR -retrying', 'ERROR, giving up', true],
  ])('terms %j on %j → %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern)(message)).toBe(expected);
  });

  it.each([
    ['{ $.level = "ERROR" }', true],
    ['{ $.level = "INFO" }', false],
    ['{ $.level != "INFO" }', true],
    ['{ $.message = "Failed*" }', true],
    ['{ $.message = "*publish" }', true],
    ['{ $.latency > 200 }', true],
    ['{ $.latency >= 250 && $.latency <= 250 }', true],
    ['{ $.latency < 100 || $.service = "ingress" }', true],
    ['{ ($.latency < 100 || $.level = "INFO") && $.retry IS TRUE }', false],
    ['{ $.retry IS TRUE }', true],
    ['{ $.retry IS FALSE }', false],
    ['{ $.error IS NULL }', true],
    ['{ $.missing NOT EXISTS }', true],
    ['{ $.level NOT EXISTS }', false],
    ['{ $.tags[1] = "b" }', true],
    ['{ $.detail.channel = "TWITTER" && $.detail.ids[0] = 7 }', true],
    ['{ $.missing = "x" }', false],
  ])('JSON %s', (pattern, expected) => {
    expect(compileFilterPattern(pattern)(powertools)).toBe(expected);
  });

  it('JSON patterns find the JSON after a Lambda log prefix and skip non-JSON lines', () => {
    const match = compileFilterPattern('{ $.level = "ERROR" }');
    expect(match(`2024-05-01T10:00:00.000Z\tabc-123\tERROR\t${powertools}`)).toBe(true);
    expect(match('START RequestId: abc Version: $LATEST')).toBe(false);
  });

  it.each([
    ['[ip, user, ..., status = 404, bytes]', '127.0.0.1 frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 404 2326', true],
    ['[ip, user, ..., status = 4*, bytes > 1000]', '127.0.0.1 frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 404 2326', true],
    ['[ip, user, ..., status = 5*, bytes]', '127.0.0.1 frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 404 2326', false],
    ['[a, b]', 'one two three', false],
    ['[a, ...]', 'one two three', true],
  ])('space-delimited %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern)(message)).toBe(expected);
  });

  it.each(['{ $.level = }', '{ level = "x" }', '{ $.a = "x"', '[a, b', '{ $.a IS MAYBE }'])('rejects %s with InvalidParameterException', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(expect.objectContaining({ name: 'InvalidParameterException', message: expect.stringMatching(/^Invalid filter pattern/) }));
  });
});
