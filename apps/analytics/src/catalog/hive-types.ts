import { HiveTypeSyntaxError, UnsupportedSchemaError } from '../errors';

/** The Hive column types the lake's tables use. */
export type HiveType =
  | { readonly kind: 'string' | 'double' | 'bigint' | 'boolean' }
  | { readonly kind: 'array'; readonly items: HiveType }
  | { readonly kind: 'struct'; readonly fields: ReadonlyArray<{ readonly name: string; readonly type: HiveType }> };

type Schema = Record<string, unknown>;

const STRING: HiveType = { kind: 'string' };
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows a local `#/$defs/...` reference. */
function resolve(schema: Schema, root: Schema, path: string): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const target = match ? (root[match[1]!] as Schema | undefined)?.[match[2]!] : undefined;
  if (!isSchema(target)) throw new UnsupportedSchemaError(path, `unresolvable $ref ${ref}`);
  return target;
}

/** The alternatives of a union, with `null` (an optional or nullable value) left out. */
function nonNullBranches(schema: Schema): Schema[] | undefined {
  const union = schema['anyOf'] ?? schema['oneOf'];
  if (!Array.isArray(union)) return undefined;
  return union.filter((s): s is Schema => isSchema(s) && s['type'] !== 'null');
}

/**
 * The Hive type of a JSON Schema (as `z.toJSONSchema` writes it for the
 * contracts): objects become `struct<...>` with lower-case field names (Athena
 * and the OpenX JSON SerDe match JSON keys case-insensitively by lower-casing
 * them), arrays `array<...>`, integers `bigint`, numbers `double`, booleans
 * `boolean`, strings, enums and date-times `string`. An object with no declared
 * properties (a raw platform payload) is kept as its JSON text, `string`. A
 * shape with no faithful Hive type throws `UnsupportedSchemaError` naming the
 * path, so a contract change can never silently lose a column.
 */
export function hiveTypeOf(schema: Schema, root: Schema = schema, path = '$'): HiveType {
  const s = resolve(schema, root, path);
  const branches = nonNullBranches(s);
  if (branches) {
    if (branches.length === 1) return hiveTypeOf(branches[0]!, root, path);
    const types = branches.map((b, i) => hiveTypeOf(b, root, `${path}|${i}`));
    if (types.every((t) => t.kind === 'string')) return STRING;
    throw new UnsupportedSchemaError(path, 'a union of different types');
  }
  let type = s['type'];
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== 'null');
    if (rest.length !== 1) throw new UnsupportedSchemaError(path, `type ${JSON.stringify(type)}`);
    type = rest[0];
  }
  if (type === undefined && (Array.isArray(s['enum']) || 'const' in s)) {
    const values = Array.isArray(s['enum']) ? s['enum'] : [s['const']];
    if (values.every((v) => typeof v === 'string')) return STRING;
    throw new UnsupportedSchemaError(path, 'an enum that is not all strings');
  }
  switch (type) {
    case 'string':
      return STRING;
    case 'number':
      return { kind: 'double' };
    case 'integer':
      return { kind: 'bigint' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array': {
      if (!isSchema(s['items'])) throw new UnsupportedSchemaError(path, 'an array without a single items schema');
      return { kind: 'array', items: hiveTypeOf(s['items'], root, `${path}[]`) };
    }
    case 'object': {
      const properties = isSchema(s['properties']) ? s['properties'] : {};
      if (Object.keys(properties).length === 0) return STRING;
      const seen = new Map<string, string>();
      const fields = Object.entries(properties).map(([key, sub]) => {
        const name = key.toLowerCase();
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new UnsupportedSchemaError(`${path}.${key}`, 'not a Hive identifier');
        const clash = seen.get(name);
        if (clash) throw new UnsupportedSchemaError(`${path}.${key}`, `same column as ${clash} once lower-cased`);
        seen.set(name, key);
        if (!isSchema(sub)) throw new UnsupportedSchemaError(`${path}.${key}`, 'not a schema');
        return { name, type: hiveTypeOf(sub, root, `${path}.${key}`) };
      });
      return { kind: 'struct', fields };
    }
    case undefined:
      // `{}`: anything (zod's `unknown`, or what it cannot represent); kept as JSON text.
      if (Object.keys(s).filter((k) => !k.startsWith('$') && k !== 'description' && k !== 'title').length === 0) return STRING;
      throw new UnsupportedSchemaError(path, `no type in ${JSON.stringify(s).slice(0, 80)}`);
    default:
      throw new UnsupportedSchemaError(path, `type ${JSON.stringify(type)}`);
  }
}

/** The Glue/Hive spelling of a type: `struct<a:string,b:array<double>>`. */
export function renderHiveType(type: HiveType): string {
  switch (type.kind) {
    case 'array':
      return `array<${renderHiveType(type.items)}>`;
    case 'struct':
      return `struct<${type.fields.map((f) => `${f.name}:${renderHiveType(f.type)}`).join(',')}>`;
    default:
      return type.kind;
  }
}

/** Parses a Glue/Hive type string (the inverse of `renderHiveType`), to check a synthesized table. */
export function parseHiveType(text: string): HiveType {
  let pos = 0;
  const fail = (reason: string): never => {
    throw new HiveTypeSyntaxError(text, pos, reason);
  };
  const word = (): string => {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (!match) fail('expected a name');
    pos += match![0].length;
    return match![0];
  };
  const expect = (ch: string): void => {
    if (text[pos] !== ch) fail(`expected "${ch}"`);
    pos++;
  };
  const parse = (): HiveType => {
    const name = word().toLowerCase();
    if (name === 'array') {
      expect('<');
      const items = parse();
      expect('>');
      return { kind: 'array', items };
    }
    if (name === 'struct') {
      expect('<');
      const fields: Array<{ name: string; type: HiveType }> = [];
      do {
        if (fields.length > 0) expect(',');
        const field = word();
        expect(':');
        fields.push({ name: field, type: parse() });
      } while (text[pos] === ',');
      expect('>');
      return { kind: 'struct', fields };
    }
    if (name === 'string' || name === 'double' || name === 'bigint' || name === 'boolean') return { kind: name };
    return fail(`unsupported type ${name}`);
  };
  const type = parse();
  if (pos !== text.length) fail('trailing text');
  return type;
}
