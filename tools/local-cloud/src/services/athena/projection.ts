/**
 * Which lake objects belong to a table and with which partition values:
 * Hive-style paths (`key=value/`) under the table's LOCATION, or the
 * `storage.location.template` of partition projection; with projection on,
 * only values the projection defines count (enum values, integer and date
 * ranges, `NOW` included), as Athena never reads paths outside them. Pure.
 */
import { QueryFailure } from './errors';

export interface ProjectionSpec {
  readonly type: 'enum' | 'integer' | 'date' | 'injected';
  readonly values?: readonly string[];
  readonly range?: readonly [string, string];
  readonly format?: string;
}

export interface PartitionScheme {
  readonly bucket: string;
  readonly prefix: string;
  readonly keys: readonly string[];
  /** Matches an object key and captures the partition values, in `order`. */
  readonly pattern: RegExp;
  /** The partition keys in the order the pattern captures them (a template may order them its own way). */
  readonly order: readonly string[];
  readonly projection?: Readonly<Record<string, ProjectionSpec>>;
}

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m) throw new QueryFailure('HIVE_INVALID_METADATA', `Table location ${url} is not an s3:// URL`);
  return { bucket: m[1]!, prefix: m[2]! };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function partitionScheme(location: string, keys: readonly string[], parameters: Readonly<Record<string, string>>): PartitionScheme {
  const { bucket, prefix } = parseS3Url(location);
  const projectionOn = (parameters['projection.enabled'] ?? '').toLowerCase() === 'true';
  const template = projectionOn ? parameters['storage.location.template'] : undefined;
  let pattern: RegExp;
  let order: string[] = [...keys];
  let scanPrefix = prefix;
  if (template) {
    const t = parseS3Url(template);
    if (t.bucket !== bucket) throw new QueryFailure('HIVE_INVALID_METADATA', `storage.location.template ${template} is not in the table's bucket ${bucket}`);
    order = [];
    const body = t.prefix.split(/(\$\{[^}]+\})/).map((part) => {
      const m = /^\$\{([^}]+)\}$/.exec(part);
      if (!m) return escape(part);
      order.push(m[1]!.toLowerCase());
      return '([^/]+)';
    });
    if (order.join() !== keys.join() && [...order].sort().join() !== [...keys].sort().join()) {
      throw new QueryFailure('HIVE_INVALID_METADATA', `storage.location.template ${template} must name every partition key (${keys.join(', ')})`);
    }
    pattern = new RegExp(`^${body.join('')}`);
    scanPrefix = t.prefix.slice(0, t.prefix.indexOf('${')).replace(/[^/]*$/, '');
  } else {
    pattern = new RegExp(`^${escape(prefix)}${keys.map((k) => `${escape(k)}=([^/]+)/`).join('')}`);
  }
  const projection: Record<string, ProjectionSpec> = {};
  if (projectionOn) {
    for (const key of keys) {
      const type = parameters[`projection.${key}.type`];
      if (type !== 'enum' && type !== 'integer' && type !== 'date' && type !== 'injected') {
        throw new QueryFailure('HIVE_INVALID_METADATA', `projection.${key}.type must be enum, integer, date or injected, got ${type ?? 'nothing'}`);
      }
      const range = parameters[`projection.${key}.range`]?.split(',').map((s) => s.trim());
      projection[key] = {
        type,
        ...(parameters[`projection.${key}.values`] ? { values: parameters[`projection.${key}.values`]!.split(',').map((s) => s.trim()) } : {}),
        ...(range && range.length === 2 ? { range: [range[0]!, range[1]!] as const } : {}),
        ...(parameters[`projection.${key}.format`] ? { format: parameters[`projection.${key}.format`]! } : {}),
      };
    }
  }
  return { bucket, prefix: scanPrefix, keys, pattern, order, ...(projectionOn ? { projection } : {}) };
}

/** Epoch ms of a date written in a Java pattern made of y, M, d, H, m, s fields and literals. */
export function parseJavaDate(pattern: string, text: string): number | undefined {
  const fields: string[] = [];
  const regex = pattern.replace(/'([^']*)'|(y+|M+|d+|H+|m+|s+)|([^A-Za-z'])/g, (_m, literal: string | undefined, letters: string | undefined, other: string | undefined) => {
    if (literal !== undefined) return escape(literal);
    if (letters) {
      fields.push(letters[0]!);
      return `(\\d{${letters.length === 1 ? '1,2' : letters.length === 4 ? '4' : letters.length}})`;
    }
    return escape(other ?? '');
  });
  const m = new RegExp(`^${regex}$`).exec(text);
  if (!m) return undefined;
  const get = (f: string, fallback: number) => {
    const i = fields.indexOf(f);
    return i === -1 ? fallback : Number(m[i + 1]);
  };
  const ms = Date.UTC(get('y', 1970), get('M', 1) - 1, get('d', 1), get('H', 0), get('m', 0), get('s', 0));
  const check = new Date(ms);
  if (check.getUTCMonth() !== get('M', 1) - 1 || check.getUTCDate() !== get('d', 1)) return undefined;
  return ms;
}

const UNITS: Record<string, number> = { YEARS: 365 * 86_400_000, MONTHS: 30 * 86_400_000, WEEKS: 7 * 86_400_000, DAYS: 86_400_000, HOURS: 3_600_000, MINUTES: 60_000, SECONDS: 1000 };

/** A date range bound: a date in the projection's format, or `NOW`, `NOW-3DAYS`, `NOW+1HOURS`. */
function bound(text: string, format: string, now: number): number | undefined {
  const m = /^NOW(?:([+-])(\d+)(YEARS?|MONTHS?|WEEKS?|DAYS?|HOURS?|MINUTES?|SECONDS?))?$/i.exec(text);
  if (m) {
    if (!m[1]) return now;
    const unit = m[3]!.toUpperCase().replace(/S?$/, 'S');
    return now + (m[1] === '-' ? -1 : 1) * Number(m[2]) * UNITS[unit]!;
  }
  return parseJavaDate(format, text);
}

/** Whether a value is one the projection defines (Athena reads only those partitions). */
export function inProjection(spec: ProjectionSpec, value: string, now = Date.now()): boolean {
  switch (spec.type) {
    case 'injected':
      return true;
    case 'enum':
      return (spec.values ?? []).includes(value);
    case 'integer': {
      if (!/^-?\d+$/.test(value) || !spec.range) return false;
      const n = Number(value);
      return n >= Number(spec.range[0]) && n <= Number(spec.range[1]);
    }
    case 'date': {
      const format = spec.format ?? 'yyyy-MM-dd';
      const at = parseJavaDate(format, value);
      if (at === undefined || !spec.range) return false;
      const [from, to] = [bound(spec.range[0], format, now), bound(spec.range[1], format, now)];
      return from !== undefined && to !== undefined && at >= from && at <= to;
    }
  }
}

/** The partition values of an object of the table, or `undefined` when it is outside the table's partitions. */
export function partitionOf(scheme: PartitionScheme, key: string, now = Date.now()): Record<string, string> | undefined {
  if (scheme.keys.length === 0) return key.startsWith(scheme.prefix) ? {} : undefined;
  const m = scheme.pattern.exec(key);
  if (!m) return undefined;
  const values: Record<string, string> = {};
  scheme.order.forEach((k, i) => {
    values[k] = decodeURIComponent(m[i + 1]!);
  });
  if (scheme.projection) {
    for (const k of scheme.keys) if (!inProjection(scheme.projection[k]!, values[k]!, now)) return undefined;
  }
  return values;
}
