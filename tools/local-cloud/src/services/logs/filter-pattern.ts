/**
 * CloudWatch Logs filter patterns (FilterLogEvents' `filterPattern`), compiled
 * to a predicate over a log message. Three forms:
 *
 * - terms: `ERROR "exact phrase"` (all, case-sensitive), `?ERROR ?WARN` (any),
 *   `-DEBUG` (none of);
 * - JSON: `{ $.level = "ERROR" && ($.latency > 100 || $.retry IS TRUE) }`, with
 *   `=`/`!=` (strings with `*` wildcards, numbers), `<` `<=` `>` `>=`, `IS TRUE`,
 *   `IS FALSE`, `IS NULL`, `NOT EXISTS`, `&&`, `||`, parentheses, paths with
 *   `.field` and `[index]`;
 * - space-delimited: `[ip, user, ..., status = 5*, bytes > 1000]` over the
 *   message's whitespace-separated fields (quoted and bracketed fields kept whole).
 */
import { InvalidFilterPattern } from './errors';

export type LogPredicate = (message: string) => boolean;

export function compileFilterPattern(pattern: string | undefined): LogPredicate {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.startsWith('[')) return compileSpaceDelimited(text);
  return compileTerms(text);
}

// ---- terms ----------------------------------------------------------------

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  const re = /([?-]?)"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    terms.push(m[3] ?? `${m[1]}\u0000${m[2]!.replace(/\\(.)/g, '$1')}`);
  }
  return terms;
}

function compileTerms(text: string): LogPredicate {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  for (const raw of splitTerms(text)) {
    const quoted = raw.includes('\u0000');
    const marker = raw[0] === '?' || raw[0] === '-' ? raw[0] : '';
    const term = quoted ? raw.split('\u0000')[1]! : raw.slice(marker.length);
    if (term === '') throw new InvalidFilterPattern(`empty term in "${text}"`);
    if (marker === '?') any.push(term);
    else if (marker === '-') none.push(term);
    else all.push(term);
  }
  return (message) =>
    all.every((t) => message.includes(t)) && (any.length === 0 || any.some((t) => message.includes(t))) && !none.some((t) => message.includes(t));
}

// ---- values shared by JSON and space-delimited patterns --------------------

type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `*` matches any run of characters in string comparisons. */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

function compareValue(actual: unknown, op: Comparison, expected: string | number): boolean {
  if (typeof expected === 'number') {
    const n = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
    if (Number.isNaN(n)) return op === '!=';
    switch (op) {
      case '=':
        return n === expected;
      case '!=':
        return n !== expected;
      case '<':
        return n < expected;
      case '<=':
        return n <= expected;
      case '>':
        return n > expected;
      case '>=':
        return n >= expected;
    }
  }
  if (op !== '=' && op !== '!=') throw new InvalidFilterPattern(`${op} needs a number, got "${expected}"`);
  if (actual === undefined || actual === null || typeof actual === 'object') return op === '!=';
  const matches = wildcard(expected).test(String(actual));
  return op === '=' ? matches : !matches;
}

// ---- JSON patterns ----------------------------------------------------------

type JsonToken = { kind: 'path' | 'string' | 'number' | 'word' | 'op'; text: string };

function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  const re = /\s*(?:(\$(?:\.[A-Za-z0-9_@-]+|\[\d+\]|\.\*)*)|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.*])|(&&|\|\||!=|<=|>=|=|<|>|\(|\))|([A-Za-z_*][\w.*:/-]*))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new InvalidFilterPattern(`cannot read "${text.slice(pos, pos + 20)}"`);
    pos = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'path', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'string', text: m[2].replace(/\\(.)/g, '$1') });
    else if (m[3] !== undefined) tokens.push({ kind: 'number', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'op', text: m[4] });
    else tokens.push({ kind: 'word', text: m[5]! });
  }
  return tokens;
}

function resolveJsonPath(doc: unknown, path: string): { found: boolean; value: unknown } {
  let current: unknown = doc;
  const steps = path.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? [];
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return { found: false, value: undefined };
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    if (!(key in (current as Record<string | number, unknown>))) return { found: false, value: undefined };
    current = (current as Record<string | number, unknown>)[key];
  }
  return { found: true, value: current };
}

type JsonPredicate = (doc: unknown) => boolean;

class JsonParser {
  private pos = 0;
  constructor(private readonly tokens: JsonToken[]) {}

  parse(): JsonPredicate {
    const p = this.or();
    if (this.pos !== this.tokens.length) throw new InvalidFilterPattern(`unexpected "${this.tokens[this.pos]!.text}"`);
    return p;
  }

  private peek(text: string): boolean {
    const t = this.tokens[this.pos];
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private or(): JsonPredicate {
    let left = this.and();
    while (this.peek('||')) {
      this.pos++;
      const [l, r] = [left, this.and()];
      left = (d) => l(d) || r(d);
    }
    return left;
  }

  private and(): JsonPredicate {
    let left = this.primary();
    while (this.peek('&&')) {
      this.pos++;
      const [l, r] = [left, this.primary()];
      left = (d) => l(d) && r(d);
    }
    return left;
  }

  private word(): string | undefined {
    const t = this.tokens[this.pos];
    return t?.kind === 'word' ? t.text.toUpperCase() : undefined;
  }

  private primary(): JsonPredicate {
    if (this.peek('(')) {
      this.pos++;
      const inner = this.or();
      if (!this.peek(')')) throw new InvalidFilterPattern('missing ")"');
      this.pos++;
      return inner;
    }
    const path = this.tokens[this.pos++];
    if (path?.kind !== 'path') throw new InvalidFilterPattern(`expected a $.path, got "${path?.text ?? 'end of pattern'}"`);
    if (this.word() === 'IS') {
      this.pos++;
      const what = this.word();
      this.pos++;
      if (what === 'TRUE' || what === 'FALSE') return (d) => resolveJsonPath(d, path.text).value === (what === 'TRUE');
      if (what === 'NULL') return (d) => resolveJsonPath(d, path.text).value === null;
      throw new InvalidFilterPattern(`IS must be followed by TRUE, FALSE or NULL`);
    }
    if (this.word() === 'NOT') {
      this.pos++;
      if (this.word() !== 'EXISTS') throw new InvalidFilterPattern('NOT must be followed by EXISTS');
      this.pos++;
      return (d) => !resolveJsonPath(d, path.text).found;
    }
    const op = this.tokens[this.pos++];
    if (op?.kind !== 'op' || !['=', '!=', '<', '<=', '>', '>='].includes(op.text)) {
      throw new InvalidFilterPattern(`expected a comparison after ${path.text}`);
    }
    const value = this.tokens[this.pos++];
    if (!value || value.kind === 'op' || value.kind === 'path') throw new InvalidFilterPattern(`expected a value after ${op.text}`);
    const expected = value.kind === 'number' ? Number(value.text) : value.text;
    return (d) => {
      const { found, value: actual } = resolveJsonPath(d, path.text);
      return found && compareValue(actual, op.text as Comparison, expected);
    };
  }
}

function compileJsonPattern(text: string): LogPredicate {
  if (!text.endsWith('}')) throw new InvalidFilterPattern('a JSON pattern must end with "}"');
  const predicate = new JsonParser(tokenizeJson(text.slice(1, -1))).parse();
  return (message) => {
    const start = message.indexOf('{');
    if (start === -1) return false;
    try {
      return predicate(JSON.parse(message.slice(start)));
    } catch {
      return false;
    }
  };
}

// ---- space-delimited patterns ------------------------------------------------

interface FieldCondition {
  readonly ellipsis: boolean;
  readonly test: (field: string) => boolean;
}

function splitMessageFields(message: string): string[] {
  return message.match(/"[^"]*"|\[[^\]]*\]|\S+/g)?.map((f) => f.replace(/^["[](.*)["\]]$/s, '$1')) ?? [];
}

function compileSpaceDelimited(text: string): LogPredicate {
  if (!text.endsWith(']')) throw new InvalidFilterPattern('a space-delimited pattern must end with "]"');
  const fields: FieldCondition[] = text
    .slice(1, -1)
    .split(',')
    .map((f) => f.trim())
    .map((f) => {
      if (f === '...') return { ellipsis: true, test: () => true };
      const m = /^[\w-]*\s*(!=|<=|>=|=|<|>)\s*(.+)$/.exec(f);
      if (!m) {
        if (!/^[\w-]+$/.test(f)) throw new InvalidFilterPattern(`bad field "${f}"`);
        return { ellipsis: false, test: () => true };
      }
      const raw = m[2]!.trim();
      const expected = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw.replace(/^"(.*)"$/, '$1');
      return { ellipsis: false, test: (field: string) => compareValue(field, m[1] as Comparison, expected) };
    });
  const match = (conditions: FieldCondition[], values: string[]): boolean => {
    if (conditions.length === 0) return values.length === 0;
    const [head, ...rest] = conditions;
    if (head!.ellipsis) {
      for (let skip = 0; skip <= values.length; skip++) if (match(rest, values.slice(skip))) return true;
      return false;
    }
    return values.length > 0 && head!.test(values[0]!) && match(rest, values.slice(1));
  };
  return (message) => match(fields, splitMessageFields(message));
}
