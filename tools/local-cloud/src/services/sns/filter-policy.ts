/**
 * SNS subscription filter policies. SNS's policy language is EventBridge's
 * pattern language with SNS's own limits (five keys, 150 combinations, numbers
 * within ±10^9, no `wildcard`) and two scopes: `MessageAttributes` (flat, over
 * the message attributes: String and String.Array compare as strings, Number
 * as numbers, Binary never) and `MessageBody` (nested, over the JSON body).
 * Matching is the local EventBridge matcher's, so both services agree exactly.
 */
import { compilePattern, InvalidEventPatternException } from '../events/pattern';
import { InvalidParameterException } from './errors';

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

export interface PublishedAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export type MessageFilter = (message: { readonly body: string; readonly attributes: Readonly<Record<string, PublishedAttribute>> }) => boolean;

const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;
const MAX_NUMBER = 1e9;
const OPERATORS = new Set(['anything-but', 'prefix', 'suffix', 'equals-ignore-case', 'numeric', 'exists', 'cidr']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function invalid(reason: string): never {
  throw new InvalidParameterException(`Invalid parameter: FilterPolicy: ${reason}`);
}

function checkNumber(n: unknown): void {
  if (typeof n === 'number' && Math.abs(n) > MAX_NUMBER) invalid(`Value of ${n} is out of range: numbers must be between -1.0E9 and 1.0E9`);
}

function checkValues(key: string, values: unknown[]): void {
  for (const v of values) {
    checkNumber(v);
    if (!isObject(v)) continue;
    for (const [op, arg] of Object.entries(v)) {
      if (!OPERATORS.has(op)) invalid(`Unrecognized match type ${op}`);
      if (op === 'numeric' && Array.isArray(arg)) arg.forEach(checkNumber);
    }
    if (Object.keys(v).length === 0) invalid(`"${key}" has an empty match object`);
  }
}

/** Keys (leaf paths) and value combinations of a policy, as SNS counts them for its limits. */
function measure(policy: Record<string, unknown>, scope: FilterPolicyScope, prefix = ''): { keys: Set<string>; combinations: number } {
  const keys = new Set<string>();
  let combinations = 1;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) invalid('$or must be an array of at least two objects');
      let sum = 0;
      for (const branch of value as Record<string, unknown>[]) {
        const m = measure(branch, scope, prefix);
        m.keys.forEach((k) => keys.add(k));
        sum += m.combinations;
      }
      combinations *= sum;
      continue;
    }
    const path = `${prefix}${key}`;
    if (Array.isArray(value)) {
      if (value.length === 0) invalid(`"${key}" must have at least one value`);
      checkValues(key, value);
      keys.add(path);
      combinations *= value.length;
    } else if (isObject(value)) {
      if (scope === 'MessageAttributes') invalid('Filter policy scope MessageAttributes does not support nested filter policy');
      const m = measure(value, scope, `${path}.`);
      m.keys.forEach((k) => keys.add(k));
      combinations *= m.combinations;
    } else {
      invalid(`"${key}" must be an object or an array`);
    }
  }
  return { keys, combinations };
}

/** The attributes as the document attribute-scope policies are matched against. */
function attributeDocument(attributes: Readonly<Record<string, PublishedAttribute>>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(attributes)) {
    if (a.DataType.startsWith('Binary') || a.StringValue === undefined) continue;
    if (a.DataType.startsWith('Number')) {
      const n = Number(a.StringValue);
      doc[name] = Number.isFinite(n) ? n : a.StringValue;
    } else if (a.DataType === 'String.Array') {
      try {
        const parsed: unknown = JSON.parse(a.StringValue);
        doc[name] = Array.isArray(parsed) ? parsed : a.StringValue;
      } catch {
        doc[name] = a.StringValue;
      }
    } else {
      doc[name] = a.StringValue;
    }
  }
  return doc;
}

/** Validates a FilterPolicy (JSON text or an object, as a template holds it) and compiles it. */
export function compileFilterPolicy(policy: unknown, scope: FilterPolicyScope = 'MessageAttributes'): MessageFilter {
  let parsed: unknown = policy;
  if (typeof policy === 'string') {
    if (Buffer.byteLength(policy) > 256 * 1024) invalid('Filter policy is too long (at most 256 KB)');
    try {
      parsed = JSON.parse(policy);
    } catch (cause) {
      invalid(`failed to parse JSON. ${(cause as Error).message}`);
    }
  }
  if (!isObject(parsed)) invalid('Filter policy must be a JSON object');
  if (Object.keys(parsed).length === 0) return () => true;
  const { keys, combinations } = measure(parsed, scope);
  if (keys.size > MAX_KEYS) invalid(`Filter policy can not have more than ${MAX_KEYS} keys`);
  if (combinations > MAX_COMBINATIONS) invalid(`Filter policy is too complex (${combinations} combinations, at most ${MAX_COMBINATIONS})`);
  let compiled: ReturnType<typeof compilePattern>;
  try {
    compiled = compilePattern(parsed);
  } catch (error) {
    if (error instanceof InvalidEventPatternException) invalid(error.reason);
    throw error;
  }
  if (scope === 'MessageAttributes') return (m) => compiled.matches(attributeDocument(m.attributes));
  return (m) => {
    let body: unknown;
    try {
      body = JSON.parse(m.body);
    } catch {
      return false;
    }
    return isObject(body) && compiled.matches(body);
  };
}

export function checkScope(scope: string | undefined): FilterPolicyScope {
  if (scope === undefined || scope === 'MessageAttributes' || scope === 'MessageBody') return scope ?? 'MessageAttributes';
  throw new InvalidParameterException(`Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [${scope}]. Please use either MessageBody or MessageAttributes`);
}
