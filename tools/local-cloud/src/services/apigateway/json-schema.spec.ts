import { unsupportedKeywords, validate } from './json-schema';

describe('JSON Schema draft 4 (API Gateway models)', () => {
  const schema = {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    required: ['name', 'tags'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 2, pattern: '^[a-z]+$' },
      age: { type: 'integer', minimum: 0, maximum: 150, exclusiveMaximum: true },
      tags: { type: 'array', items: { enum: ['a', 'b'] }, uniqueItems: true, maxItems: 2 },
      contact: { $ref: '#/definitions/contact' },
    },
    definitions: { contact: { oneOf: [{ type: 'object', required: ['email'] }, { type: 'object', required: ['phone'] }] } },
  };

  it('accepts what the schema allows', () => {
    expect(validate(schema, { name: 'ada', tags: ['a'], age: 36, contact: { email: 'x' } })).toEqual([]);
  });

  it('reports each violation with where it is', () => {
    expect(validate(schema, { name: 'A', tags: ['a', 'a', 'c'], age: 150, extra: 1, contact: { email: 1, phone: 2 } }).sort()).toEqual([
      '(root): property extra is not allowed',
      '.name: shorter than 2',
      '.name: does not match ^[a-z]+$',
      '.age: above the maximum 150',
      '.tags: more than 2 items',
      '.tags: items are not unique',
      '.tags[2]: not one of the allowed values',
      '.contact: does not match exactly one of oneOf',
    ].sort());
    expect(validate(schema, [])).toEqual(['(root): expected object, got array']);
    expect(validate(schema, { tags: [] })).toEqual(['(root): missing required property name']);
  });

  it('names keywords it cannot check, so a model is never half-checked', () => {
    expect(unsupportedKeywords(schema)).toEqual([]);
    expect(unsupportedKeywords({ type: 'object', properties: { a: { type: 'string', contentEncoding: 'base64' } }, dependencies: {} })).toEqual([
      '#/properties/a/contentEncoding',
      '#/dependencies',
    ]);
  });
});
