import type { Item } from '../attribute-value';
import { ValidationException } from '../errors';
import { evaluateCondition, validateCondition } from './condition';
import { parseCondition } from './parser';
import { Placeholders } from './placeholders';

const item: Item = {
  id: { S: 'abc' },
  status: { S: 'INPROGRESS' },
  expiry: { N: '1700000000' },
  count: { N: '10' },
  price: { N: '12.5' },
  tags: { SS: ['red', 'blue'] },
  scores: { NS: ['1', '2'] },
  list: { L: [{ S: 'x' }, { N: '3' }, { M: { deep: { BOOL: true } } }] },
  meta: { M: { author: { S: 'harry' }, nested: { M: { level: { N: '2' } } } } },
  blob: { B: Buffer.from('hello').toString('base64') },
  nothing: { NULL: true },
  flag: { BOOL: false },
  empty: { S: '' },
};

/** Only the placeholders the expression mentions (unused ones are an error of their own). */
function usedIn(expression: string, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => new RegExp(`${k}\\b`).test(expression)));
}

function check(expression: string, values: Record<string, unknown> = {}, names: Record<string, string> = {}, on: Item = item): boolean {
  const placeholders = new Placeholders(Object.keys(names).length ? names : undefined, Object.keys(values).length ? values : undefined);
  const condition = parseCondition(expression, placeholders);
  placeholders.assertAllUsed();
  validateCondition(condition, 'ConditionExpression');
  return evaluateCondition(on, condition);
}

describe('condition expressions', () => {
  it.each([
    ['attribute_exists(id)', true],
    ['attribute_exists(missing)', false],
    ['attribute_not_exists(missing)', true],
    ['attribute_not_exists(id)', false],
    ['attribute_exists(meta.nested.level)', true],
    ['attribute_exists(meta.nested.other)', false],
    ['attribute_exists(list[2].deep)', true],
    ['attribute_exists(list[5])', false],
    ['attribute_exists(meta[0])', false],
    ['attribute_exists(nothing)', true],
  ])('%s is %s', (expression, expected) => {
    expect(check(expression)).toBe(expected);
  });

  it.each([
    ['count = :ten', true],
    ['count = :tenPointZero', true],
    ['count <> :ten', false],
    ['count < :eleven', true],
    ['count <= :ten', true],
    ['count > :ten', false],
    ['count >= :ten', true],
    ['price > :ten', true],
    ['missing = :ten', false],
    ['missing <> :ten', true],
    ['missing < :eleven', false],
    ['id < :ten', false],
    ['id = :ten', false],
    ['count BETWEEN :ten AND :eleven', true],
    ['price BETWEEN :ten AND :eleven', false],
    ['count IN (:one, :ten)', true],
    ['count IN (:one, :eleven)', false],
  ])('%s is %s', (expression, expected) => {
    const values = { ':one': { N: '1' }, ':ten': { N: '10' }, ':tenPointZero': { N: '10.0' }, ':eleven': { N: '11' } };
    expect(check(expression, usedIn(expression, values))).toBe(expected);
  });

  it('compares strings by UTF-8 bytes, not UTF-16 code units', () => {
    // UTF-8: EF BD A1 < F0 9F 98 80, while in UTF-16 0xFF61 > 0xD83D (the emoji's high surrogate).
    const on: Item = { a: { S: '\uFF61' } };
    expect(check('a < :emoji', { ':emoji': { S: '😀' } }, {}, on)).toBe(true);
    expect('\uFF61' < '😀').toBe(false); // what naive JS comparison would have said
  });

  it('compares binary values by bytes', () => {
    expect(check('blob > :b', { ':b': { B: Buffer.from('hell').toString('base64') } })).toBe(true);
    expect(check('begins_with(blob, :b)', { ':b': { B: Buffer.from('he').toString('base64') } })).toBe(true);
  });

  it('supports the functions', () => {
    expect(check('begins_with(#s, :p)', { ':p': { S: 'IN' } }, { '#s': 'status' })).toBe(true);
    expect(check('begins_with(#s, :p)', { ':p': { S: 'OUT' } }, { '#s': 'status' })).toBe(false);
    expect(check('begins_with(count, :p)', { ':p': { S: '1' } })).toBe(false);
    expect(check('contains(tags, :c)', { ':c': { S: 'red' } })).toBe(true);
    expect(check('contains(tags, :c)', { ':c': { S: 're' } })).toBe(false);
    expect(check('contains(scores, :c)', { ':c': { N: '2.0' } })).toBe(true);
    expect(check('contains(#s, :c)', { ':c': { S: 'PROG' } }, { '#s': 'status' })).toBe(true);
    expect(check('contains(list, :c)', { ':c': { N: '3' } })).toBe(true);
    expect(check('attribute_type(tags, :t)', { ':t': { S: 'SS' } })).toBe(true);
    expect(check('attribute_type(nothing, :t)', { ':t': { S: 'NULL' } })).toBe(true);
    expect(check('attribute_type(count, :t)', { ':t': { S: 'S' } })).toBe(false);
    expect(check('size(tags) = :two', { ':two': { N: '2' } })).toBe(true);
    expect(check('size(#s) > :n', { ':n': { N: '9' } }, { '#s': 'status' })).toBe(true);
    expect(check('size(list) = :n', { ':n': { N: '3' } })).toBe(true);
    expect(check('size(meta) = :n', { ':n': { N: '2' } })).toBe(true);
    expect(check('size(blob) = :n', { ':n': { N: '5' } })).toBe(true);
    expect(check('size(empty) = :n', { ':n': { N: '0' } })).toBe(true);
    expect(check('size(missing) = :n', { ':n': { N: '0' } })).toBe(false);
  });

  it('follows precedence: NOT binds tighter than AND, AND tighter than OR', () => {
    const values = { ':t': { BOOL: true }, ':f': { BOOL: false } };
    const on: Item = { t: { BOOL: true }, f: { BOOL: false } };
    const is = (expression: string) => check(expression, usedIn(expression, values), {}, on);
    expect(is('t = :t OR t = :f AND t = :f')).toBe(true);
    expect(is('(t = :t OR t = :f) AND t = :f')).toBe(false);
    expect(is('NOT t = :f AND f = :f')).toBe(true);
    expect(is('NOT (t = :t AND f = :f)')).toBe(false);
    expect(is('not t = :t or f = :f')).toBe(true);
  });

  it('evaluates the exact condition Powertools Idempotency sends', () => {
    const expression =
      'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)';
    const names = { '#id': 'id', '#expiry': 'expiration', '#in_progress_expiry': 'in_progress_expiration', '#status': 'status' };
    const now = 1_700_000_000_500;
    const values = { ':now': { N: String(now / 1000) }, ':now_in_millis': { N: String(now) }, ':inprogress': { S: 'INPROGRESS' } };
    const record = (fields: Item): Item => ({ id: { S: 'k' }, ...fields });
    expect(check(expression, values, names, {})).toBe(true);
    expect(check(expression, values, names, record({ expiration: { N: '1700000001' }, status: { S: 'COMPLETED' } }))).toBe(false);
    expect(check(expression, values, names, record({ expiration: { N: '1699999999' }, status: { S: 'COMPLETED' } }))).toBe(true);
    expect(
      check(expression, values, names, record({ expiration: { N: '1700000100' }, status: { S: 'INPROGRESS' }, in_progress_expiration: { N: String(now + 1) } })),
    ).toBe(false);
    expect(
      check(expression, values, names, record({ expiration: { N: '1700000100' }, status: { S: 'INPROGRESS' }, in_progress_expiration: { N: String(now - 1) } })),
    ).toBe(true);
  });

  describe('rejects bad expressions with ValidationException', () => {
    it.each([
      ['count = ', /Syntax error; token: "<EOF>"/],
      ['count == :ten', /Syntax error; token: "="/],
      ['count = :ten AND', /Syntax error/],
      ['(count = :ten', /Syntax error/],
      ['count ~ :ten', /Syntax error; token: "~"/],
      ['attribute_exists(:ten)', /requires a document path/],
      ['unknown_fn(count)', /Invalid function name; function: unknown_fn/],
      ['attribute_exists(count, count)', /Incorrect number of operands/],
      ['', /can not be empty/],
    ])('%s', (expression, message) => {
      const values = /:ten/.test(expression) ? { ':ten': { N: '10' } } : {};
      expect(() => check(expression, values)).toThrow(ValidationException);
      expect(() => check(expression, values)).toThrow(message);
    });

    it('undefined and unused placeholders', () => {
      expect(() => check('#x = :v', { ':v': { S: 'a' } })).toThrow('An expression attribute name used in the document path is not defined; attribute name: #x');
      expect(() => check('a = :v')).toThrow('An expression attribute value used in expression is not defined; attribute value: :v');
      expect(() => check('a = :v', { ':v': { S: 'a' }, ':w': { S: 'b' } })).toThrow(
        'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}',
      );
      expect(() => check('a = :v', { ':v': { S: 'a' } }, { '#n': 'x' })).toThrow(
        'Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}',
      );
      expect(() => new Placeholders({}, undefined)).toThrow('ExpressionAttributeNames must not be empty');
      expect(() => new Placeholders(undefined, {})).toThrow('ExpressionAttributeValues must not be empty');
    });

    it('operand types and BETWEEN bounds', () => {
      expect(() => check('count < :b', { ':b': { BOOL: true } })).toThrow('Incorrect operand type for operator or function; operator or function: <, operand type: BOOL');
      expect(() => check('count BETWEEN :hi AND :lo', { ':hi': { N: '5' }, ':lo': { N: '1' } })).toThrow(
        'BETWEEN operator requires upper bound to be greater than or equal to lower bound',
      );
      expect(() => check('attribute_type(count, :t)', { ':t': { S: 'STRING' } })).toThrow('Invalid attribute type name found; type: STRING');
      expect(() => check('size(count) = :n', { ':n': { N: '1' } })).toThrow('operator or function: size, operand type: N');
      expect(() => check('a = :v', { ':v': { N: 'abc' } })).toThrow('The parameter cannot be converted to a numeric value: abc');
    });
  });
});
