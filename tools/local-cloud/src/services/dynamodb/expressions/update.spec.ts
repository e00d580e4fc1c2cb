import type { Item } from '../attribute-value';
import { ValidationException } from '../errors';
import { project } from './document-path';
import { splitKeyCondition } from './key-condition';
import { parseCondition, parseProjection, parseUpdate } from './parser';
import { Placeholders } from './placeholders';
import { applyUpdate, validateUpdate } from './update';

const base: Item = {
  pk: { S: 'k' },
  count: { N: '5' },
  tags: { SS: ['a', 'b'] },
  nums: { NS: ['1', '2'] },
  list: { L: [{ S: 'zero' }, { S: 'one' }, { S: 'two' }] },
  meta: { M: { author: { S: 'harry' }, n: { N: '1' } } },
};

function update(expression: string, values?: Record<string, unknown>, names?: Record<string, string>, on: Item = base): Item {
  const placeholders = new Placeholders(names, values);
  const actions = parseUpdate(expression, placeholders);
  placeholders.assertAllUsed();
  validateUpdate(actions, ['pk']);
  return applyUpdate(on, actions);
}

describe('update expressions', () => {
  it('SET plain values, nested paths and list elements', () => {
    const out = update('SET a = :a, meta.author = :b, list[1] = :c, list[9] = :d', {
      ':a': { S: 'A' },
      ':b': { S: 'B' },
      ':c': { S: 'C' },
      ':d': { S: 'D' },
    });
    expect(out.a).toEqual({ S: 'A' });
    expect(out.meta).toEqual({ M: { author: { S: 'B' }, n: { N: '1' } } });
    expect(out.list).toEqual({ L: [{ S: 'zero' }, { S: 'C' }, { S: 'two' }, { S: 'D' }] });
    expect(base.a).toBeUndefined(); // the input is not mutated
  });

  it('SET arithmetic, if_not_exists and list_append', () => {
    const out = update(
      'SET #c = #c + :one, total = if_not_exists(total, :zero) - :one, list = list_append(:head, list), fresh = if_not_exists(count, :zero)',
      { ':one': { N: '1' }, ':zero': { N: '0' }, ':head': { L: [{ S: 'first' }] } },
      { '#c': 'count' },
    );
    expect(out.count).toEqual({ N: '6' });
    expect(out.total).toEqual({ N: '-1' });
    expect(out.fresh).toEqual({ N: '5' });
    expect((out.list as { L: unknown[] }).L).toHaveLength(4);
  });

  it('arithmetic is exact for decimals', () => {
    const out = update('SET x = :a + :b', { ':a': { N: '0.1' }, ':b': { N: '0.2' } });
    expect(out.x).toEqual({ N: '0.3' });
  });

  it('every operand sees the item as it was before the update', () => {
    const out = update('SET a = count, count = :n', { ':n': { N: '100' } });
    expect(out.a).toEqual({ N: '5' });
    expect(out.count).toEqual({ N: '100' });
  });

  it('REMOVE attributes and list elements (indexes refer to the list before the update)', () => {
    const out = update('REMOVE count, list[0], list[2], meta.n, missing');
    expect(out.count).toBeUndefined();
    expect(out.list).toEqual({ L: [{ S: 'one' }] });
    expect(out.meta).toEqual({ M: { author: { S: 'harry' } } });
  });

  it('ADD numbers and sets, DELETE from sets (an emptied set is removed)', () => {
    const out = update('ADD count :two, tags :more, newCounter :two, newSet :more DELETE nums :all', {
      ':two': { N: '2' },
      ':more': { SS: ['b', 'c'] },
      ':all': { NS: ['1', '2'] },
    });
    expect(out.count).toEqual({ N: '7' });
    expect(out.tags).toEqual({ SS: ['a', 'b', 'c'] });
    expect(out.newCounter).toEqual({ N: '2' });
    expect(out.newSet).toEqual({ SS: ['b', 'c'] });
    expect(out.nums).toBeUndefined();
  });

  it('clauses in any order, keywords in any case', () => {
    const out = update('remove count set a = :a', { ':a': { S: 'A' } });
    expect(out).toMatchObject({ a: { S: 'A' } });
    expect(out.count).toBeUndefined();
  });

  it.each([
    ['SET pk = :v', /Cannot update attribute pk. This attribute is part of the key/],
    ['SET a = :v, a = :v', /Two document paths overlap/],
    ['SET meta = :v REMOVE meta.author', /Two document paths overlap/],
    ['SET a = :v SET b = :v', /"SET" section can only be used once/],
    ['SET a = missing', /refers to an attribute that does not exist/],
    ['SET a = count + tags', /operator or function: \+, operand type: SS/],
    ['SET a = list_append(count, list)', /list_append, operand type: N/],
    ['SET nope.deeper = :v', /document path provided in the update expression is invalid for update/],
    ['ADD tags :v', /ADD, operand type: S/],
    ['ADD tags :ns', /incorrect data type/],
    ['DELETE count :v', /operator or function: DELETE, operand type: S/],
    ['ADD a :v, :v', /Syntax error/],
    ['SET a = size(list)', /not allowed in an update expression/],
  ])('%s is rejected', (expression, message) => {
    const all: Record<string, unknown> = { ':v': { S: 'x' }, ':ns': { NS: ['1'] } };
    const values = Object.fromEntries(Object.entries(all).filter(([k]) => expression.includes(k)));
    const run = () => update(expression, Object.keys(values).length ? values : undefined);
    expect(run).toThrow(ValidationException);
    expect(run).toThrow(message);
  });
});

describe('projection expressions', () => {
  it('keeps only the listed paths, nested and indexed', () => {
    const placeholders = new Placeholders({ '#m': 'meta' }, undefined);
    const paths = parseProjection('pk, #m.author, list[2], list[0], missing', placeholders);
    expect(project(base, paths)).toEqual({
      pk: { S: 'k' },
      meta: { M: { author: { S: 'harry' } } },
      list: { L: [{ S: 'zero' }, { S: 'two' }] },
    });
  });
});

describe('key conditions', () => {
  const keys = { partitionKey: 'pk', sortKey: 'sk' };
  const split = (expression: string, values: Record<string, unknown>) =>
    splitKeyCondition(parseCondition(expression, new Placeholders(undefined, values), 'KeyConditionExpression'), keys);

  it('splits the partition equality from the sort condition', () => {
    expect(split('pk = :p', { ':p': { S: 'a' } })).toEqual({ partitionValue: { S: 'a' } });
    const both = split('begins_with(sk, :s) AND pk = :p', { ':p': { S: 'a' }, ':s': { S: 'x' } });
    expect(both.partitionValue).toEqual({ S: 'a' });
    expect(both.sortCondition).toMatchObject({ kind: 'function', name: 'begins_with' });
    expect(split('pk = :p AND sk BETWEEN :a AND :b', { ':p': { S: 'a' }, ':a': { N: '1' }, ':b': { N: '2' } }).sortCondition).toMatchObject({
      kind: 'between',
    });
  });

  it.each([
    ['sk = :s', /missed key schema element: pk/],
    ['pk = :p AND other = :s', /missed key schema element: sk/],
    ['pk = :p OR sk = :s', /Only AND is supported/],
    ['pk = :p AND sk <> :s', /Unsupported operator on KeyCondition: <>/],
    ['pk = :p AND contains(sk, :s)', /Unsupported function on KeyCondition: contains/],
    ['pk = :p AND sk = :s AND sk = :p', /Conditions can be of length 1 or 2 only/],
  ])('%s is rejected', (expression, message) => {
    const values: Record<string, unknown> = { ':p': { S: 'a' } };
    if (expression.includes(':s')) values[':s'] = { S: 'b' };
    expect(() => split(expression, values)).toThrow(message);
  });
});
