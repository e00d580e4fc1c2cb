/**
 * Reading lake lines the way Athena's JSON SerDes do: each line a JSON object,
 * keys matched to columns (and struct fields) case-insensitively unless
 * `case.insensitive` is FALSE, `mapping.<column>` naming another key, values
 * coerced to the column's Hive type (a number into a string column is its
 * text, an object its JSON), a malformed line an error unless
 * `ignore.malformed.json` is TRUE. The rows come out as JSON DuckDB reads with
 * the explicit column types. Pure.
 */
import { QueryFailure } from './errors';
import type { HiveType } from './hive-types';

export interface SerdeOptions {
  readonly caseInsensitive: boolean;
  readonly ignoreMalformed: boolean;
  /** Column name → JSON key (from `mapping.<column>` SerDe parameters). */
  readonly mapping: Readonly<Record<string, string>>;
}

export const JSON_SERDES = ['org.openx.data.jsonserde.JsonSerDe', 'org.apache.hive.hcatalog.data.JsonSerDe', 'org.apache.hadoop.hive.serde2.JsonSerDe'];

export function serdeOptions(library: string | undefined, parameters: Readonly<Record<string, string>> = {}): SerdeOptions {
  if (library && !JSON_SERDES.includes(library)) {
    throw new QueryFailure('NOT_SUPPORTED', `The local Athena reads JSON tables only; SerDe ${library} is not supported`, 2);
  }
  const mapping: Record<string, string> = {};
  for (const [k, v] of Object.entries(parameters)) if (k.toLowerCase().startsWith('mapping.')) mapping[k.slice('mapping.'.length).toLowerCase()] = v;
  return {
    caseInsensitive: (parameters['case.insensitive'] ?? 'TRUE').toUpperCase() !== 'FALSE',
    ignoreMalformed: (parameters['ignore.malformed.json'] ?? 'FALSE').toUpperCase() === 'TRUE',
    mapping,
  };
}

function badData(value: unknown, path: string, reason: string): QueryFailure {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return new QueryFailure('HIVE_BAD_DATA', `Error parsing field value '${String(text).slice(0, 100)}' for field ${path}: ${reason}`);
}

function lookup(obj: Record<string, unknown>, name: string, options: SerdeOptions, mapped?: string): unknown {
  const key = mapped ?? name;
  if (key in obj) return obj[key];
  if (!options.caseInsensitive) return undefined;
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

const INTEGER_RANGES: Record<string, readonly [number, number]> = {
  tinyint: [-128, 127],
  smallint: [-32768, 32767],
  int: [-2147483648, 2147483647],
};

/** A JSON value as the column type reads it (null for missing values). */
export function coerce(value: unknown, type: HiveType, path: string, options: SerdeOptions): unknown {
  if (value === undefined || value === null) return null;
  switch (type.kind) {
    case 'string':
    case 'varchar':
    case 'char':
    case 'binary':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw badData(value, path, 'not a boolean');
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!Number.isInteger(n)) throw badData(value, path, `For input string: "${String(value)}"`);
      const range = INTEGER_RANGES[type.kind];
      if (range && (n < range[0] || n > range[1])) throw badData(value, path, `value out of range for ${type.kind}`);
      return n;
    }
    case 'float':
    case 'double':
    case 'decimal': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw badData(value, path, `For input string: "${String(value)}"`);
      return n;
    }
    case 'date':
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
      throw badData(value, path, 'not a date (yyyy-MM-dd)');
    case 'timestamp': {
      if (typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').replace('Z', '');
      if (typeof value === 'string') {
        const iso = /[Tt]|[+-]\d{2}:?\d{2}$|Z$/.test(value) ? Date.parse(value) : Date.parse(`${value.replace(' ', 'T')}Z`);
        if (!Number.isNaN(iso)) return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
      }
      throw badData(value, path, 'not a timestamp');
    }
    case 'array':
      if (!Array.isArray(value)) throw badData(value, path, 'not an array');
      return value.map((v, i) => coerce(v, type.items, `${path}[${i}]`, options));
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw badData(value, path, 'not a JSON object');
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, coerce(v, type.value, `${path}.${k}`, options)]));
    }
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) throw badData(value, path, 'not a JSON object');
      const out: Record<string, unknown> = {};
      for (const f of type.fields) out[f.name] = coerce(lookup(value as Record<string, unknown>, f.name, options), f.type, `${path}.${f.name}`, options);
      return out;
    }
  }
}

export interface ColumnSpec {
  readonly name: string;
  readonly type: HiveType;
}

/**
 * One lake line as a row of the table's data columns, or `undefined` for a
 * blank line. A line that is not a JSON object fails the query (HIVE_CURSOR_ERROR)
 * unless malformed lines are ignored, when it reads as a row of nulls.
 */
export function readLine(line: string, columns: readonly ColumnSpec[], options: SerdeOptions, where: string): Record<string, unknown> | undefined {
  if (line.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (cause) {
    if (options.ignoreMalformed) return Object.fromEntries(columns.map((c) => [c.name, null]));
    throw new QueryFailure('HIVE_CURSOR_ERROR', `Row is not a valid JSON Object - JSONException: ${(cause as Error).message} (${where})`, 2, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    if (options.ignoreMalformed) return Object.fromEntries(columns.map((c) => [c.name, null]));
    throw new QueryFailure('HIVE_CURSOR_ERROR', `Row is not a valid JSON Object (${where})`);
  }
  const row: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    row[c.name] = coerce(lookup(parsed as Record<string, unknown>, c.name, options, options.mapping[c.name]), c.type, `${i + 1} (${c.name})`, options);
  });
  return row;
}
