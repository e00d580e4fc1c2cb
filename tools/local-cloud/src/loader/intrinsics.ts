/**
 * CloudFormation intrinsic functions, resolved the way CloudFormation resolves them.
 * Pure: every lookup (resources, parameters, exports, conditions) comes from the scope.
 * Anything unsupported or malformed throws an `IntrinsicError` naming the stack,
 * the resource and the function.
 */
import { IntrinsicError } from '../core/errors';

/** `AWS::NoValue`: the property is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface IntrinsicScope {
  readonly stack: string;
  /** The resource (or `Outputs.X`, `Conditions.X`) being resolved, for error messages. */
  readonly at: string | undefined;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly urlSuffix: string;
  /** `Ref` of a resource or parameter; undefined when the name is unknown. */
  ref(name: string): unknown;
  /** `Fn::GetAtt` of a resource; undefined when the resource or attribute is unknown. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** `Fn::ImportValue`. */
  importValue(exportName: string): unknown;
  /** A named condition's value. */
  condition(name: string): boolean;
  /** `Fn::FindInMap`. */
  findInMap(map: string, top: string, second: string): unknown;
}

export const SUPPORTED_INTRINSICS = [
  'Ref',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Sub',
  'Fn::Select',
  'Fn::Split',
  'Fn::ImportValue',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Condition',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::Contains',
] as const;

/** Resolves every intrinsic in a value (deeply). `AWS::NoValue` removes the key or list item. */
export function resolveValue(value: unknown, scope: IntrinsicScope): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, scope)).filter((v) => v !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition')) {
    return resolveIntrinsic(keys[0]!, (value as Record<string, unknown>)[keys[0]!], scope);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const resolved = resolveValue(v, scope);
    if (resolved !== NO_VALUE) out[k] = resolved;
  }
  return out;
}

function fail(scope: IntrinsicScope, fn: string, detail: string): never {
  throw new IntrinsicError(scope.stack, scope.at, fn, detail);
}

function pseudo(name: string, scope: IntrinsicScope): unknown {
  switch (name) {
    case 'AWS::AccountId':
      return scope.accountId;
    case 'AWS::Region':
      return scope.region;
    case 'AWS::Partition':
      return scope.partition;
    case 'AWS::URLSuffix':
      return scope.urlSuffix;
    case 'AWS::StackName':
      return scope.stack;
    case 'AWS::StackId':
      return `arn:${scope.partition}:cloudformation:${scope.region}:${scope.accountId}:stack/${scope.stack}/00000000-0000-0000-0000-000000000000`;
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

function asString(v: unknown, scope: IntrinsicScope, fn: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(scope, fn, `expected a string, got ${JSON.stringify(v)}`);
}

function resolveIntrinsic(fn: string, arg: unknown, scope: IntrinsicScope): unknown {
  switch (fn) {
    case 'Ref': {
      if (typeof arg !== 'string') return fail(scope, fn, `takes a name, got ${JSON.stringify(arg)}`);
      const p = pseudo(arg, scope);
      if (p !== undefined) return p;
      const v = scope.ref(arg);
      if (v === undefined) return fail(scope, fn, `"${arg}" is neither a resource, a parameter nor a pseudo parameter of this stack`);
      return v;
    }
    case 'Fn::GetAtt': {
      const [id, attr] = Array.isArray(arg)
        ? [arg[0], resolveValue(arg[1], scope)]
        : typeof arg === 'string'
          ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)]
          : [undefined, undefined];
      if (typeof id !== 'string' || typeof attr !== 'string') return fail(scope, fn, `takes [logicalId, attribute], got ${JSON.stringify(arg)}`);
      const v = scope.getAtt(id, attr);
      if (v === undefined) return fail(scope, fn, `${id}.${attr} is not available (unknown resource, or an attribute its service does not provide)`);
      return v;
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2) return fail(scope, fn, 'takes [delimiter, list]');
      const list = resolveValue(arg[1], scope);
      if (!Array.isArray(list)) return fail(scope, fn, `the second argument must be a list, got ${JSON.stringify(list)}`);
      return list.map((v) => asString(v, scope, fn)).join(asString(arg[0], scope, fn));
    }
    case 'Fn::Sub':
      return sub(arg, scope);
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) return fail(scope, fn, 'takes [index, list]');
      const index = Number(resolveValue(arg[0], scope));
      const list = resolveValue(arg[1], scope);
      if (!Array.isArray(list)) return fail(scope, fn, `the second argument must be a list, got ${JSON.stringify(list)}`);
      if (!Number.isInteger(index) || index < 0 || index >= list.length) return fail(scope, fn, `index ${index} is out of range of a list of ${list.length}`);
      return list[index];
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || arg.length !== 2) return fail(scope, fn, 'takes [delimiter, string]');
      const delimiter = asString(arg[0], scope, fn);
      return asString(resolveValue(arg[1], scope), scope, fn).split(delimiter);
    }
    case 'Fn::ImportValue': {
      const name = asString(resolveValue(arg, scope), scope, fn);
      const v = scope.importValue(name);
      if (v === undefined) return fail(scope, fn, `no loaded stack exports "${name}"`);
      return v;
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return fail(scope, fn, 'takes [condition, whenTrue, whenFalse]');
      return resolveValue(scope.condition(arg[0]) ? arg[1] : arg[2], scope);
    }
    case 'Fn::Equals': {
      if (!Array.isArray(arg) || arg.length !== 2) return fail(scope, fn, 'takes two values');
      return JSON.stringify(resolveValue(arg[0], scope)) === JSON.stringify(resolveValue(arg[1], scope));
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) return fail(scope, fn, 'takes 2 to 10 conditions');
      const values = arg.map((c) => toBoolean(resolveValue(c, scope), scope, fn));
      return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    case 'Fn::Not': {
      if (!Array.isArray(arg) || arg.length !== 1) return fail(scope, fn, 'takes one condition');
      return !toBoolean(resolveValue(arg[0], scope), scope, fn);
    }
    case 'Condition': {
      if (typeof arg !== 'string') return fail(scope, fn, 'takes a condition name');
      return scope.condition(arg);
    }
    case 'Fn::Contains': {
      if (!Array.isArray(arg) || arg.length !== 2) return fail(scope, fn, 'takes [list, value]');
      const list = resolveValue(arg[0], scope);
      const v = JSON.stringify(resolveValue(arg[1], scope));
      return Array.isArray(list) && list.some((x) => JSON.stringify(x) === v);
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length < 3) return fail(scope, fn, 'takes [map, topKey, secondKey]');
      const [m, t, s] = arg.slice(0, 3).map((x) => asString(resolveValue(x, scope), scope, fn));
      const v = scope.findInMap(m!, t!, s!);
      if (v === undefined) return fail(scope, fn, `no value at ${m}.${t}.${s}`);
      return v;
    }
    case 'Fn::Base64':
      return Buffer.from(asString(resolveValue(arg, scope), scope, fn)).toString('base64');
    case 'Fn::GetAZs': {
      const region = asString(resolveValue(arg, scope), scope, fn) || scope.region;
      return ['a', 'b', 'c'].map((z) => `${region}${z}`);
    }
    default:
      return fail(scope, fn, `is not supported by the local cloud (supported: ${SUPPORTED_INTRINSICS.join(', ')})`);
  }
}

function toBoolean(v: unknown, scope: IntrinsicScope, fn: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return fail(scope, fn, `expected a condition, got ${JSON.stringify(v)}`);
}

/** `Fn::Sub`: `${Name}`, `${Resource.Attr}`, `${!Literal}`, with optional variables. */
function sub(arg: unknown, scope: IntrinsicScope): string {
  const [template, varsRaw] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  if (typeof template !== 'string') return fail(scope, 'Fn::Sub', `takes a string or [string, variables], got ${JSON.stringify(arg)}`);
  const vars = varsRaw === undefined ? {} : (resolveValue(varsRaw, scope) as Record<string, unknown>);
  return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (Object.prototype.hasOwnProperty.call(vars, name)) return asString(vars[name], scope, 'Fn::Sub');
    const p = pseudo(name, scope);
    if (p !== undefined && p !== NO_VALUE) return asString(p, scope, 'Fn::Sub');
    const dot = name.indexOf('.');
    if (dot > 0) {
      const v = scope.getAtt(name.slice(0, dot), name.slice(dot + 1));
      if (v === undefined) return fail(scope, 'Fn::Sub', `\${${name}}: the attribute is not available`);
      return asString(v, scope, 'Fn::Sub');
    }
    const v = scope.ref(name);
    if (v === undefined) return fail(scope, 'Fn::Sub', `${whole}: "${name}" is not a resource, parameter, pseudo parameter or variable`);
    return asString(v, scope, 'Fn::Sub');
  });
}

/** The logical ids a value refers to (Ref, GetAtt, Sub), for ordering the resources. */
export function referencedIds(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) referencedIds(v, into);
    return into;
  }
  if (value === null || typeof value !== 'object') return into;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'Ref' && typeof v === 'string' && !v.startsWith('AWS::')) into.add(v);
    else if (k === 'Fn::GetAtt') {
      if (Array.isArray(v) && typeof v[0] === 'string') into.add(v[0]);
      else if (typeof v === 'string') into.add(v.split('.')[0]!);
    } else if (k === 'Fn::Sub') {
      const [template, vars] = Array.isArray(v) ? [v[0], v[1]] : [v, undefined];
      if (typeof template === 'string') {
        for (const m of template.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = m[1]!.split('.')[0]!;
          if (!name.startsWith('AWS::') && !(vars && typeof vars === 'object' && name in vars)) into.add(name);
        }
      }
      if (vars) referencedIds(vars, into);
    } else referencedIds(v, into);
  }
  return into;
}
