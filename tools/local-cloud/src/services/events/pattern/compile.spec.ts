import {
  EventBridgeError,
  InvalidEventPatternException,
  MAX_EVENT_PATTERN_LENGTH,
  ValidationException,
  compilePattern,
  matchesPattern,
  validatePattern,
} from './index';

describe('compilePattern / matchesPattern / validatePattern', () => {
  const event = { source: 'INGRESS', detail: { location: 'eu-west-1' } };

  it('takes the pattern and the event as JSON text, as PutRule and TestEventPattern do', () => {
    expect(matchesPattern('{"source": ["INGRESS"]}', JSON.stringify(event))).toBe(true);
    expect(matchesPattern('{"source": ["EGRESS"]}', JSON.stringify(event))).toBe(false);
  });

  it('keeps the last of a key given twice in JSON text', () => {
    const pattern = '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}';
    expect(matchesPattern(pattern, event)).toBe(true);
  });

  it('refuses pattern text over the API length limit with ValidationException', () => {
    const long = JSON.stringify({ source: ['x'.repeat(MAX_EVENT_PATTERN_LENGTH)] });
    expect(() => validatePattern(long)).toThrow(ValidationException);
    expect(() => validatePattern(long)).toThrow(/Member must have length less than or equal to 4096/);
    expect(() => validatePattern(JSON.parse(long))).not.toThrow();
  });

  it('refuses text that is not JSON with InvalidEventPatternException', () => {
    expect(() => validatePattern('{"not": closed')).toThrow(InvalidEventPatternException);
  });

  it('raises errors that carry the AWS code as name and HTTP 400', () => {
    const caught = (() => {
      try {
        validatePattern({ source: [] });
      } catch (error) {
        return error as InvalidEventPatternException;
      }
      throw new Error('validatePattern accepted an empty array');
    })();
    expect(caught).toBeInstanceOf(EventBridgeError);
    expect(caught.name).toBe('InvalidEventPatternException');
    expect(caught.statusCode).toBe(400);
    expect(caught.reason).toBe('Empty arrays are not allowed');
  });

  it('refuses an event that is not a JSON object with ValidationException', () => {
    for (const bad of ['[]', 'x', 1, null, [event]]) {
      expect(() => matchesPattern({ source: [{ exists: false }] }, bad)).toThrow(
        expect.objectContaining({ name: 'ValidationException', message: 'Parameter Event is not valid.' }),
      );
    }
  });

  it('compiles once and matches many events; the compiled scope lists the paths read', () => {
    const compiled = compilePattern({ source: ['INGRESS'], detail: { $or: [{ a: [1] }, { 'b.c': [{ exists: true }] }] } });
    expect([...compiled.scope.paths].sort()).toEqual(['detail.a', 'detail.b.c', 'source']);
    expect(compiled.subRules).toHaveLength(2);
    expect(compiled.matches({ source: 'INGRESS', detail: { b: { c: null } } })).toBe(true);
    expect(compiled.matches({ source: 'INGRESS', detail: { a: 2 } })).toBe(false);
  });

  it('ignores values that are not JSON in an event built in code', () => {
    expect(matchesPattern({ a: [{ exists: false }] }, { a: undefined })).toBe(true);
    expect(matchesPattern({ a: [{ exists: true }] }, { a: () => 1 })).toBe(false);
  });
});
