/**
 * Hive column types as Glue holds them (`struct<name:string,labels:array<struct<...>>>`),
 * parsed into a tree and written as DuckDB types with explicit structure, so
 * the lake is read with the table's schema rather than a guessed one. Pure.
 */
import { QueryFailure } from './errors';

export type HiveType =
  | { readonly kind: 'string' | 'boolean' | 'tinyint' | 'smallint' | 'int' | 'bigint' | 'float' | 'double' | 'date' | 'timestamp' | 'binary' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'varchar' | 'char'; readonly length?: number }
  | { readonly kind: 'array'; readonly items: HiveType }
  | { readonly kind: 'map'; readonly key: HiveType; readonly value: HiveType }
  | { readonly kind: 'struct'; readonly fields: ReadonlyArray<{ readonly name: string; readonly type: HiveType }> };

const SCALARS: Record<string, HiveType['kind']> = {
  string: 'string',
  boolean: 'boolean',
  tinyint: 'tinyint',
  smallint: 'smallint',
  int: 'int',
  integer: 'int',
  bigint: 'bigint',
  float: 'float',
  double: 'double',
  date: 'date',
  timestamp: 'timestamp',
  binary: 'binary',
};

export function parseHiveType(text: string): HiveType {
  let pos = 0;
  const fail = (reason: string): never => {
    throw new QueryFailure('HIVE_INVALID_METADATA', `Cannot read column type "${text}" at ${pos}: ${reason}`, 2);
  };
  const skip = () => {
    while (text[pos] === ' ') pos++;
  };
  const word = (): string => {
    skip();
    const m = /^`[^`]+`|^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0].replace(/`/g, '');
  };
  const expect = (ch: string) => {
    skip();
    if (text[pos] !== ch) fail(`expected "${ch}"`);
    pos++;
  };
  const int = (): number => {
    skip();
    const m = /^\d+/.exec(text.slice(pos));
    if (!m) fail('expected a number');
    pos += m![0].length;
    return Number(m![0]);
  };
  const parse = (): HiveType => {
    const name = word().toLowerCase();
    switch (name) {
      case 'array': {
        expect('<');
        const items = parse();
        expect('>');
        return { kind: 'array', items };
      }
      case 'map': {
        expect('<');
        const key = parse();
        expect(',');
        const value = parse();
        expect('>');
        return { kind: 'map', key, value };
      }
      case 'struct': {
        expect('<');
        const fields: Array<{ name: string; type: HiveType }> = [];
        skip();
        while (text[pos] !== '>') {
          if (fields.length > 0) expect(',');
          const field = word();
          expect(':');
          fields.push({ name: field.toLowerCase(), type: parse() });
          skip();
        }
        expect('>');
        return { kind: 'struct', fields };
      }
      case 'decimal': {
        skip();
        if (text[pos] !== '(') return { kind: 'decimal', precision: 10, scale: 0 };
        expect('(');
        const precision = int();
        let scale = 0;
        skip();
        if (text[pos] === ',') {
          pos++;
          scale = int();
        }
        expect(')');
        if (precision < 1 || precision > 38 || scale > precision) fail('decimal precision must be 1-38 and scale at most the precision');
        return { kind: 'decimal', precision, scale };
      }
      case 'varchar':
      case 'char': {
        skip();
        if (text[pos] !== '(') return { kind: name };
        expect('(');
        const length = int();
        expect(')');
        return { kind: name, length };
      }
      default: {
        const kind = SCALARS[name];
        if (!kind) fail(`unsupported type ${name}`);
        return { kind } as HiveType;
      }
    }
  };
  const type = parse();
  skip();
  if (pos !== text.length) fail('trailing text');
  return type;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The DuckDB spelling of a Hive type. */
export function duckType(type: HiveType): string {
  switch (type.kind) {
    case 'string':
    case 'varchar':
    case 'char':
      return 'VARCHAR';
    case 'boolean':
      return 'BOOLEAN';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'binary':
      return 'BLOB';
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'array':
      return `${duckType(type.items)}[]`;
    case 'map':
      return `MAP(${duckType(type.key)}, ${duckType(type.value)})`;
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${quote(f.name)} ${duckType(f.type)}`).join(', ')})`;
  }
}
