import { z } from 'zod';
import { MessageAnalysedSchema, detailJsonSchema } from '@sma/contracts';
import { HiveTypeSyntaxError, UnsupportedSchemaError } from '../errors';
import { hiveTypeOf, parseHiveType, renderHiveType } from './hive-types';

const hive = (schema: z.ZodType) => renderHiveType(hiveTypeOf(z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>));

describe('hiveTypeOf', () => {
  it.each([
    ['a string', z.string(), 'string'],
    ['an enum', z.enum(['A', 'B']), 'string'],
    ['a date-time', z.iso.datetime(), 'string'],
    ['a URL', z.url(), 'string'],
    ['a number', z.number(), 'double'],
    ['an integer', z.number().int(), 'bigint'],
    ['a boolean', z.boolean(), 'boolean'],
    ['an array', z.array(z.number()), 'array<double>'],
    ['an optional field', z.object({ A: z.string().optional() }), 'struct<a:string>'],
    ['a nullable field', z.object({ A: z.number().nullable() }), 'struct<a:double>'],
    ['a raw payload', z.looseObject({}), 'string'],
    ['anything', z.unknown(), 'string'],
    ['a union of strings', z.union([z.literal('x'), z.string()]), 'string'],
    [
      'nested structs and arrays, names lower-cased',
      z.object({ Analysis: z.object({ Images: z.array(z.object({ Labels: z.array(z.object({ Name: z.string(), Confidence: z.number() })) })) }) }),
      'struct<analysis:struct<images:array<struct<labels:array<struct<name:string,confidence:double>>>>>>',
    ],
  ])('types %s', (_name, schema, expected) => {
    expect(hive(schema)).toBe(expected);
  });

  it.each([
    ['a union of different types', z.union([z.string(), z.number()]), /at \$: type \["string","number"\]/],
    ['a union of different shapes', z.union([z.object({ A: z.string() }), z.number()]), /at \$: a union of different types/],
    ['keys equal once lower-cased', z.object({ Id: z.string(), ID: z.string() }), /\$\.ID: same column as Id/],
    ['a key Hive cannot name', z.object({ 'detail-type': z.string() }), /\$\.detail-type: not a Hive identifier/],
    ['a tuple', z.tuple([z.string(), z.number()]), /array without a single items schema/],
  ])('refuses %s, naming the path', (_name, schema, message) => {
    expect(() => hive(schema)).toThrow(UnsupportedSchemaError);
    expect(() => hive(schema)).toThrow(message);
  });

  it('types a field the contract gains (no column list written by hand)', () => {
    const grown = MessageAnalysedSchema.safeExtend({ Topics: z.array(z.object({ Label: z.string(), Weight: z.number() })) });
    expect(hive(grown)).toMatch(/,topics:array<struct<label:string,weight:double>>>$/);
  });
});

describe('parseHiveType', () => {
  it('reads back what renderHiveType writes, for the whole MESSAGE_ANALYSED type', () => {
    const type = hiveTypeOf(detailJsonSchema('MESSAGE_ANALYSED'));
    expect(parseHiveType(renderHiveType(type))).toEqual(type);
  });

  it.each(['struct<a:string', 'array<>', 'map<string,string>', 'struct<a string>', 'string extra'])('refuses %s', (text) => {
    expect(() => parseHiveType(text)).toThrow(HiveTypeSyntaxError);
  });
});
