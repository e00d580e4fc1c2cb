import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import { compareDecimal, canonicalNumber, parseDecimal } from './decimal';
import { ValidationException } from './errors';

/** An attribute value in DynamoDB's JSON wire form (binary as base64). */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };

export type Item = Record<string, AttributeValue>;

export const ATTRIBUTE_TYPES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export function isAttributeType(value: string): value is AttributeType {
  return (ATTRIBUTE_TYPES as readonly string[]).includes(value);
}

export function typeOf(value: AttributeValue): AttributeType {
  return Object.keys(value)[0] as AttributeType;
}

/** The payload of a value, typed by its tag. */
export function payload<T extends AttributeType>(value: AttributeValue, type: T): Extract<AttributeValue, Record<T, unknown>>[T] {
  return (value as Record<string, unknown>)[type] as Extract<AttributeValue, Record<T, unknown>>[T];
}

const SET_NAMES: Record<'SS' | 'NS' | 'BS', string> = { SS: 'string set', NS: 'number set', BS: 'binary set' };

/**
 * Checks a value from a request the way DynamoDB does and returns it in stored
 * form (numbers canonical). Throws `ValidationException` with DynamoDB's wording.
 */
export function validateValue(raw: unknown): AttributeValue {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationException('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  const keys = Object.keys(raw).filter((k) => (raw as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0) {
    throw new ValidationException('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  }
  if (keys.length > 1) {
    throw new ValidationException('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  }
  const type = keys[0]!;
  const v = (raw as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
      return { S: expectString(v, type) };
    case 'N':
      return { N: canonicalNumber(expectString(v, type)) };
    case 'B':
      return { B: expectBinary(v) };
    case 'BOOL':
      if (typeof v !== 'boolean') throw new ValidationException('One or more parameter values were invalid: BOOL must be a boolean');
      return { BOOL: v };
    case 'NULL':
      if (v !== true) throw new ValidationException('One or more parameter values were invalid: Null attribute value types must have the value of true');
      return { NULL: true };
    case 'L':
      if (!Array.isArray(v)) throw new ValidationException('One or more parameter values were invalid: L must be a list');
      return { L: v.map(validateValue) };
    case 'M': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        throw new ValidationException('One or more parameter values were invalid: M must be a map');
      }
      const out: Record<string, AttributeValue> = {};
      for (const [k, inner] of Object.entries(v)) if (inner !== undefined) out[k] = validateValue(inner);
      return { M: out };
    }
    case 'SS':
    case 'NS':
    case 'BS':
      return validateSet(type, v);
    default:
      throw new ValidationException(`Supplied AttributeValue has an unsupported datatype: ${type}`);
  }
}

function expectString(v: unknown, type: string): string {
  if (typeof v !== 'string') throw new ValidationException(`One or more parameter values were invalid: ${type} must be a string`);
  return v;
}

/** Binary arrives as bytes from the SDK codec (or in-process callers) and as base64 text from stored JSON. */
function expectBinary(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) {
    throw new ValidationException('One or more parameter values were invalid: binary values must be base64 encoded');
  }
  return v;
}

function validateSet(type: 'SS' | 'NS' | 'BS', v: unknown): AttributeValue {
  if (!Array.isArray(v)) throw new ValidationException(`One or more parameter values were invalid: ${type} must be a list`);
  if (v.length === 0) throw new ValidationException(`One or more parameter values were invalid: An ${SET_NAMES[type]}  may not be empty`);
  const members = v.map((m) => (type === 'NS' ? canonicalNumber(expectString(m, type)) : type === 'BS' ? expectBinary(m) : expectString(m, type)));
  if (new Set(members).size !== members.length) {
    throw new ValidationException(`One or more parameter values were invalid: Input collection [${v.join(', ')}] contains duplicates.`);
  }
  return { [type]: members } as AttributeValue;
}

/** The SDK's shape of a value: binary as bytes (what the codec serializes and in-process callers expect). */
export function toSdkValue(value: AttributeValue): SdkAttributeValue {
  if ('B' in value) return { B: new Uint8Array(Buffer.from(value.B, 'base64')) };
  if ('BS' in value) return { BS: value.BS.map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
  if ('L' in value) return { L: value.L.map(toSdkValue) };
  if ('M' in value) return { M: toSdkItem(value.M) };
  return value as SdkAttributeValue;
}

export function toSdkItem(item: Item): Record<string, SdkAttributeValue> {
  const out: Record<string, SdkAttributeValue> = {};
  for (const [k, v] of Object.entries(item)) out[k] = toSdkValue(v);
  return out;
}

export function validateItem(raw: unknown, what = 'Item'): Item {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationException(`One or more parameter values were invalid: ${what} must be a map of attribute values`);
  }
  const out: Item = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    if (k.length === 0) throw new ValidationException('One or more parameter values were invalid: An attribute name may not be empty');
    out[k] = validateValue(v);
  }
  return out;
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function compareBinary(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'base64'), Buffer.from(b, 'base64'));
}

/**
 * Orders two scalar values of the same type (N numerically, S by UTF-8 bytes, B
 * by bytes), as key conditions and `<`, `>`, BETWEEN do. `undefined` when the
 * values are of different or non-scalar types: such comparisons are false.
 */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('N' in a && 'N' in b) return compareDecimal(parseDecimal(a.N), parseDecimal(b.N));
  if ('S' in a && 'S' in b) return compareUtf8(a.S, b.S);
  if ('B' in a && 'B' in b) return compareBinary(a.B, b.B);
  return undefined;
}

/** Deep equality with DynamoDB's semantics: sets ignore order, numbers compare by value. */
export function equalValues(a: AttributeValue, b: AttributeValue): boolean {
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return false;
  switch (ta) {
    case 'S':
    case 'N':
    case 'B':
      return compareScalars(a, b) === 0;
    case 'BOOL':
      return payload(a, 'BOOL') === payload(b, 'BOOL');
    case 'NULL':
      return true;
    case 'SS':
    case 'NS':
    case 'BS': {
      const x = setMembers(a);
      const y = setMembers(b);
      return x.length === y.length && x.every((m) => y.some((n) => equalValues(m, n)));
    }
    case 'L': {
      const x = payload(a, 'L');
      const y = payload(b, 'L');
      return x.length === y.length && x.every((m, i) => equalValues(m, y[i]!));
    }
    case 'M': {
      const x = payload(a, 'M');
      const y = payload(b, 'M');
      const keys = Object.keys(x);
      return keys.length === Object.keys(y).length && keys.every((k) => k in y && equalValues(x[k]!, y[k]!));
    }
  }
}

/** A set's members as scalar values (`SS` → `S`s...). */
export function setMembers(value: AttributeValue): AttributeValue[] {
  if ('SS' in value) return value.SS.map((S) => ({ S }));
  if ('NS' in value) return value.NS.map((N) => ({ N }));
  if ('BS' in value) return value.BS.map((B) => ({ B }));
  return [];
}

export function isSet(value: AttributeValue): value is { SS: string[] } | { NS: string[] } | { BS: string[] } {
  return 'SS' in value || 'NS' in value || 'BS' in value;
}

/** Builds a set of `type` from scalar members, or `undefined` when empty (DynamoDB removes empty sets). */
export function makeSet(type: 'SS' | 'NS' | 'BS', members: AttributeValue[]): AttributeValue | undefined {
  if (members.length === 0) return undefined;
  const scalar = type === 'SS' ? 'S' : type === 'NS' ? 'N' : 'B';
  return { [type]: members.map((m) => (m as Record<string, string>)[scalar]!) } as AttributeValue;
}

/** Bytes a value counts for in DynamoDB's 400 KB item limit (names + values, numbers approximated as DynamoDB does). */
export function valueSize(value: AttributeValue): number {
  if ('S' in value) return Buffer.byteLength(value.S);
  if ('N' in value) return Math.ceil(value.N.replace(/^-|\./g, '').length / 2) + 1;
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  if ('BOOL' in value || 'NULL' in value) return 1;
  if (isSet(value)) return setMembers(value).reduce((n, m) => n + valueSize(m), 0);
  if ('L' in value) return 3 + value.L.reduce((n, m) => n + 1 + valueSize(m), 0);
  return 3 + Object.entries(value.M).reduce((n, [k, v]) => n + Buffer.byteLength(k) + 1 + valueSize(v), 0);
}

export function itemSize(item: Item): number {
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueSize(v), 0);
}

export const MAX_ITEM_BYTES = 400 * 1024;
