/**
 * JSON Schema draft 4, the dialect API Gateway models use, for request body
 * validation. Pure. A keyword outside the supported set is refused when the model is
 * loaded (so a model is never silently half-checked).
 */

export type Schema = Readonly<Record<string, unknown>>;

const SUPPORTED = new Set([
  '$schema',
  'id',
  'title',
  'description',
  'definitions',
  '$ref',
  'type',
  'properties',
  'patternProperties',
  'required',
  'additionalProperties',
  'items',
  'additionalItems',
  'enum',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'format',
  'default',
]);

/** Keywords the validator does not know, anywhere in the schema (empty when it can check all of it). */
export function unsupportedKeywords(schema: unknown, path = '#'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => unsupportedKeywords(s, `${path}/${i}`));
  if (!schema || typeof schema !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(schema)) {
    if (!SUPPORTED.has(k)) out.push(`${path}/${k}`);
    if (['properties', 'patternProperties', 'definitions'].includes(k) && v && typeof v === 'object') {
      for (const [name, sub] of Object.entries(v)) out.push(...unsupportedKeywords(sub, `${path}/${k}/${name}`));
    } else if (['items', 'additionalItems', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'].includes(k)) {
      out.push(...unsupportedKeywords(v, `${path}/${k}`));
    }
  }
  return out;
}

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Validates a value; returns the problems found (empty when valid). */
export function validate(schema: Schema, value: unknown, root: Schema = schema, path = ''): string[] {
  if (typeof schema['$ref'] === 'string') {
    const ref = schema['$ref'];
    if (!ref.startsWith('#/')) return [`${path || '(root)'}: unsupported $ref ${ref}`];
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
    return target ? validate(target as Schema, value, root, path) : [`${path || '(root)'}: $ref ${ref} not found`];
  }
  const at = path || '(root)';
  const errors: string[] = [];
  const t = typeOf(value);
  if (schema['type'] !== undefined) {
    const types = Array.isArray(schema['type']) ? (schema['type'] as string[]) : [schema['type'] as string];
    if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) return [`${at}: expected ${types.join(' or ')}, got ${t}`];
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => equal(e, value))) errors.push(`${at}: not one of the allowed values`);
  if (t === 'string') {
    const s = value as string;
    const len = [...s].length;
    if (typeof schema['minLength'] === 'number' && len < schema['minLength']) errors.push(`${at}: shorter than ${schema['minLength']}`);
    if (typeof schema['maxLength'] === 'number' && len > schema['maxLength']) errors.push(`${at}: longer than ${schema['maxLength']}`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(s)) errors.push(`${at}: does not match ${schema['pattern']}`);
  }
  if (t === 'number' || t === 'integer') {
    const n = value as number;
    const min = schema['minimum'];
    const max = schema['maximum'];
    if (typeof min === 'number' && (schema['exclusiveMinimum'] === true ? n <= min : n < min)) errors.push(`${at}: below the minimum ${min}`);
    if (typeof max === 'number' && (schema['exclusiveMaximum'] === true ? n >= max : n > max)) errors.push(`${at}: above the maximum ${max}`);
    if (typeof schema['multipleOf'] === 'number' && Math.abs(n / schema['multipleOf'] - Math.round(n / schema['multipleOf'])) > 1e-9) errors.push(`${at}: not a multiple of ${schema['multipleOf']}`);
  }
  if (t === 'array') {
    const a = value as unknown[];
    if (typeof schema['minItems'] === 'number' && a.length < schema['minItems']) errors.push(`${at}: fewer than ${schema['minItems']} items`);
    if (typeof schema['maxItems'] === 'number' && a.length > schema['maxItems']) errors.push(`${at}: more than ${schema['maxItems']} items`);
    if (schema['uniqueItems'] === true && new Set(a.map((x) => JSON.stringify(x))).size !== a.length) errors.push(`${at}: items are not unique`);
    const items = schema['items'];
    if (Array.isArray(items)) {
      a.forEach((x, i) => {
        if (i < items.length) errors.push(...validate(items[i] as Schema, x, root, `${path}[${i}]`));
        else if (schema['additionalItems'] === false) errors.push(`${at}: no additional items allowed`);
        else if (schema['additionalItems'] && typeof schema['additionalItems'] === 'object') errors.push(...validate(schema['additionalItems'] as Schema, x, root, `${path}[${i}]`));
      });
    } else if (items && typeof items === 'object') {
      a.forEach((x, i) => errors.push(...validate(items as Schema, x, root, `${path}[${i}]`)));
    }
  }
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (typeof schema['minProperties'] === 'number' && keys.length < schema['minProperties']) errors.push(`${at}: fewer than ${schema['minProperties']} properties`);
    if (typeof schema['maxProperties'] === 'number' && keys.length > schema['maxProperties']) errors.push(`${at}: more than ${schema['maxProperties']} properties`);
    for (const r of (schema['required'] as string[] | undefined) ?? []) if (!(r in o)) errors.push(`${at}: missing required property ${r}`);
    const props = (schema['properties'] ?? {}) as Record<string, Schema>;
    const patterns = Object.entries((schema['patternProperties'] ?? {}) as Record<string, Schema>).map(([p, s]) => [new RegExp(p, 'u'), s] as const);
    for (const k of keys) {
      let matched = false;
      if (props[k]) {
        matched = true;
        errors.push(...validate(props[k], o[k], root, `${path}.${k}`));
      }
      for (const [re, s] of patterns) {
        if (re.test(k)) {
          matched = true;
          errors.push(...validate(s, o[k], root, `${path}.${k}`));
        }
      }
      if (!matched) {
        if (schema['additionalProperties'] === false) errors.push(`${at}: property ${k} is not allowed`);
        else if (schema['additionalProperties'] && typeof schema['additionalProperties'] === 'object') errors.push(...validate(schema['additionalProperties'] as Schema, o[k], root, `${path}.${k}`));
      }
    }
  }
  for (const s of (schema['allOf'] as Schema[] | undefined) ?? []) errors.push(...validate(s, value, root, path));
  if (Array.isArray(schema['anyOf']) && !(schema['anyOf'] as Schema[]).some((s) => validate(s, value, root, path).length === 0)) errors.push(`${at}: matches none of anyOf`);
  if (Array.isArray(schema['oneOf']) && (schema['oneOf'] as Schema[]).filter((s) => validate(s, value, root, path).length === 0).length !== 1) errors.push(`${at}: does not match exactly one of oneOf`);
  if (schema['not'] && typeof schema['not'] === 'object' && validate(schema['not'] as Schema, value, root, path).length === 0) errors.push(`${at}: matches a schema it must not`);
  return errors;
}
