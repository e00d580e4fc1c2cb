/**
 * Athena's SQL (Trino, engine 3) to DuckDB. Most of the language is shared
 * (struct fields by dot, `CROSS JOIN UNNEST(...) AS t (x)`, windows, `TRY`,
 * lambdas); what differs is rewritten on a token stream, so strings, quoted
 * identifiers and comments are never touched: Trino functions DuckDB names or
 * shapes differently (`approx_distinct`, `date_add`, `from_iso8601_timestamp`,
 * `date_format` with MySQL specifiers, `regexp_replace` replacing all...),
 * backquoted identifiers. A Trino function with no faithful DuckDB form is a
 * NOT_SUPPORTED query failure naming it, never a silently wrong answer. Pure.
 */
import { QueryFailure } from './errors';

type TokenKind = 'space' | 'comment' | 'string' | 'quoted' | 'number' | 'word' | 'punct';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const PUNCT = ['->', '||', '<>', '!=', '<=', '>=', '::'];

export function tokenizeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  const closing = (quote: string, from: number): number => {
    let j = from;
    for (;;) {
      const k = sql.indexOf(quote, j);
      if (k === -1) throw new QueryFailure('SYNTAX_ERROR', `line 1:${from}: unterminated ${quote === "'" ? 'string literal' : 'quoted identifier'}`);
      if (sql[k + 1] === quote) j = k + 2;
      else return k + 1;
    }
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const rest = sql.slice(i);
    if (/\s/.test(c)) push('space', i + (/^\s+/.exec(rest)![0].length));
    else if (rest.startsWith('--')) push('comment', rest.includes('\n') ? i + rest.indexOf('\n') : sql.length);
    else if (rest.startsWith('/*')) push('comment', rest.includes('*/') ? i + rest.indexOf('*/') + 2 : sql.length);
    else if (c === "'") push('string', closing("'", i + 1));
    else if (c === '"') push('quoted', closing('"', i + 1));
    else if (c === '`') {
      const end = sql.indexOf('`', i + 1);
      if (end === -1) throw new QueryFailure('SYNTAX_ERROR', 'unterminated backquoted identifier');
      tokens.push({ kind: 'quoted', text: `"${sql.slice(i + 1, end).replace(/"/g, '""')}"` });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /^\.\d/.test(rest))) push('number', i + /^(\d*\.?\d+(?:[eE][+-]?\d+)?|\d+\.)/.exec(rest)![0].length);
    else if (/[A-Za-z_]/.test(c)) push('word', i + /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest)![0].length);
    else push('punct', i + (PUNCT.find((p) => rest.startsWith(p))?.length ?? 1));
  }
  return tokens;
}

/** A string literal's value, or undefined when the text is not one. */
function literal(text: string): string | undefined {
  const t = text.trim();
  return /^'(?:[^']|'')*'$/.test(t) ? t.slice(1, -1).replace(/''/g, "'") : undefined;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

const MYSQL_FORMAT: Record<string, string> = {
  a: '%a', b: '%b', c: '%-m', d: '%d', e: '%-d', f: '%f', H: '%H', h: '%I', I: '%I', i: '%M', j: '%j', k: '%-H', l: '%-I',
  M: '%B', m: '%m', p: '%p', r: '%I:%M:%S %p', S: '%S', s: '%S', T: '%H:%M:%S', v: '%V', W: '%A', Y: '%Y', y: '%y', '%': '%%',
};

/** Trino's `date_format` / `date_parse` specifiers (MySQL's) as strftime's. */
export function mysqlToStrftime(format: string): string {
  return format.replace(/%(.)/g, (_m, c: string) => {
    const mapped = MYSQL_FORMAT[c];
    if (!mapped) throw new QueryFailure('NOT_SUPPORTED', `date format specifier %${c} is not supported by the local Athena`);
    return mapped;
  });
}

const JAVA_FORMAT: Record<string, string> = {
  yyyy: '%Y', yy: '%y', MMMM: '%B', MMM: '%b', MM: '%m', M: '%-m', dd: '%d', d: '%-d', HH: '%H', H: '%-H', hh: '%I', h: '%-I',
  mm: '%M', m: '%-M', ss: '%S', s: '%-S', SSS: '%g', a: '%p', EEEE: '%A', EEE: '%a', D: '%j', DDD: '%j',
};

/** Joda/Java patterns (`format_datetime`, `parse_datetime`) as strftime's. */
export function javaToStrftime(format: string): string {
  return format.replace(/'([^']*)'|([A-Za-z])\2*/g, (m, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted.replace(/%/g, '%%');
    const mapped = JAVA_FORMAT[m];
    if (!mapped) throw new QueryFailure('NOT_SUPPORTED', `datetime pattern "${m}" is not supported by the local Athena`);
    return mapped;
  });
}

const UNIT_FUNCTIONS: Record<string, string> = {
  millisecond: 'to_milliseconds',
  second: 'to_seconds',
  minute: 'to_minutes',
  hour: 'to_hours',
  day: 'to_days',
  week: 'to_weeks',
  month: 'to_months',
  year: 'to_years',
};

function unitOf(arg: string, fn: string): string {
  const unit = literal(arg)?.toLowerCase();
  if (!unit || !(unit in UNIT_FUNCTIONS || unit === 'quarter')) throw new QueryFailure('INVALID_FUNCTION_ARGUMENT', `${fn}: unit must be a string literal such as 'day', got ${arg.trim()}`);
  return unit;
}

type Rule = (args: string[], name: string) => string;

const renamed = (to: string, arity?: number): Rule => (args, name) => {
  if (arity !== undefined && args.length !== arity) throw new QueryFailure('FUNCTION_NOT_FOUND', `${name} takes ${arity} arguments in the local Athena, got ${args.length}`);
  return `${to}(${args.join(',')})`;
};

const unsupported = (why: string): Rule => (_args, name) => {
  throw new QueryFailure('NOT_SUPPORTED', `${name}() is not supported by the local Athena: ${why}`);
};

/** Trino functions whose DuckDB form differs; the rest pass through unchanged. */
const RULES: Readonly<Record<string, Rule>> = {
  approx_distinct: (args) => `approx_count_distinct(${args[0]})`,
  approx_percentile: (args, name) => {
    if (args.length !== 2) return unsupported('the weighted and array forms have no DuckDB equivalent')(args, name);
    return `approx_quantile(${args[0]},${args[1]})`;
  },
  arbitrary: renamed('any_value', 1),
  every: renamed('bool_and', 1),
  cardinality: renamed('len', 1),
  array_join: (args) =>
    args.length === 3 ? `array_to_string(list_transform(${args[0]}, __x -> coalesce(CAST(__x AS VARCHAR), ${args[2]})),${args[1]})` : `array_to_string(${args[0]},${args[1]})`,
  contains: renamed('list_contains', 2),
  element_at: (args) => `(${args[0]})[${args[1]}]`,
  array_distinct: renamed('list_distinct', 1),
  array_sort: renamed('list_sort', 1),
  array_max: renamed('list_max', 1),
  array_min: renamed('list_min', 1),
  array_position: (args) => `coalesce(list_position(${args[0]},${args[1]}), 0)`,
  array_remove: (args) => `list_filter(${args[0]}, __x -> __x IS DISTINCT FROM (${args[1]}))`,
  array_intersect: renamed('list_intersect', 2),
  array_union: (args) => `list_distinct(list_concat(${args[0]},${args[1]}))`,
  slice: (args) => `list_slice(${args[0]}, ${args[1]}, (${args[1]}) + (${args[2]}) - 1)`,
  sequence: renamed('generate_series'),
  transform: renamed('list_transform', 2),
  filter: renamed('list_filter', 2),
  any_match: (args) => `(len(list_filter(${args[0]},${args[1]})) > 0)`,
  all_match: (args) => `(len(list_filter(${args[0]},${args[1]})) = len(${args[0]}))`,
  none_match: (args) => `(len(list_filter(${args[0]},${args[1]})) = 0)`,
  reduce: unsupported('DuckDB list_reduce has no initial state or output function'),
  map_agg: (args) => `map(list(${args[0]}), list(${args[1]}))`,
  regexp_like: renamed('regexp_matches', 2),
  regexp_replace: (args) => {
    if (args.length === 2) return `regexp_replace(${args[0]},${args[1]},'','g')`;
    const replacement = literal(args[2]!);
    const r = replacement === undefined ? args[2] : sqlString(replacement.replace(/\\/g, '\\\\').replace(/\$(\d)/g, '\\$1'));
    return `regexp_replace(${args[0]},${args[1]},${r},'g')`;
  },
  split: (args, name) => (args.length === 2 ? `string_split(${args[0]},${args[1]})` : unsupported('the limit argument has no DuckDB equivalent')(args, name)),
  strpos: (args, name) => (args.length === 2 ? `strpos(${args[0]},${args[1]})` : unsupported('the instance argument has no DuckDB equivalent')(args, name)),
  levenshtein_distance: renamed('levenshtein', 2),
  codepoint: renamed('ord', 1),
  is_nan: renamed('isnan', 1),
  is_infinite: renamed('isinf', 1),
  is_finite: renamed('isfinite', 1),
  rand: renamed('random'),
  truncate: renamed('trunc'),
  format: renamed('printf'),
  date: (args) => `CAST(${args[0]} AS DATE)`,
  date_add: (args, name) => {
    const unit = unitOf(args[0]!, name);
    const amount = unit === 'quarter' ? `3 * CAST(${args[1]} AS BIGINT)` : `CAST(${args[1]} AS BIGINT)`;
    return `(${args[2]} + ${UNIT_FUNCTIONS[unit === 'quarter' ? 'month' : unit]}(${amount}))`;
  },
  date_diff: (args, name) => `date_sub(${sqlString(unitOf(args[0]!, name))},${args[1]},${args[2]})`,
  from_iso8601_timestamp: (args) => `CAST(${args[0]} AS TIMESTAMPTZ)`,
  from_iso8601_date: (args) => `CAST(${args[0]} AS DATE)`,
  to_iso8601: (args) => `(strftime(CAST(${args[0]} AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%g') || 'Z')`,
  from_unixtime: (args) => `make_timestamp(CAST(CAST(${args[0]} AS DOUBLE) * 1000000 AS BIGINT))`,
  to_unixtime: renamed('epoch', 1),
  date_format: (args, name) => {
    const f = literal(args[1] ?? '');
    if (f === undefined) return unsupported('the format must be a string literal')(args, name);
    return `strftime(${args[0]},${sqlString(mysqlToStrftime(f))})`;
  },
  date_parse: (args, name) => {
    const f = literal(args[1] ?? '');
    if (f === undefined) return unsupported('the format must be a string literal')(args, name);
    return `strptime(${args[0]},${sqlString(mysqlToStrftime(f))})`;
  },
  format_datetime: (args, name) => {
    const f = literal(args[1] ?? '');
    if (f === undefined) return unsupported('the format must be a string literal')(args, name);
    return `strftime(${args[0]},${sqlString(javaToStrftime(f))})`;
  },
  parse_datetime: (args, name) => {
    const f = literal(args[1] ?? '');
    if (f === undefined) return unsupported('the format must be a string literal')(args, name);
    return `strptime(${args[0]},${sqlString(javaToStrftime(f))})`;
  },
  day_of_week: renamed('isodow', 1),
  dow: renamed('isodow', 1),
  day_of_year: renamed('dayofyear', 1),
  doy: renamed('dayofyear', 1),
  day_of_month: renamed('day', 1),
  year_of_week: renamed('isoyear', 1),
  yow: renamed('isoyear', 1),
  week_of_year: renamed('week', 1),
  json_extract_scalar: renamed('json_extract_string', 2),
  json_parse: (args) => `CAST(${args[0]} AS JSON)`,
  json_format: (args) => `CAST(${args[0]} AS VARCHAR)`,
};

/** Index of the `)` closing the `(` at `open`, in code tokens. */
function closingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i;
  }
  throw new QueryFailure('SYNTAX_ERROR', "mismatched input: a '(' is never closed");
}

function render(tokens: Token[], from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word') {
      let next = i + 1;
      while (next < to && (tokens[next]!.kind === 'space' || tokens[next]!.kind === 'comment')) next++;
      const previous = out.trimEnd().slice(-1);
      const rule = RULES[t.text.toLowerCase()];
      if (rule && next < to && tokens[next]!.text === '(' && previous !== '.') {
        const close = closingParen(tokens, next);
        const args: string[] = [];
        let start = next + 1;
        let depth = 0;
        for (let j = next + 1; j < close; j++) {
          const a = tokens[j]!;
          if (a.kind === 'punct' && (a.text === '(' || a.text === '[')) depth++;
          else if (a.kind === 'punct' && (a.text === ')' || a.text === ']')) depth--;
          else if (a.kind === 'punct' && a.text === ',' && depth === 0) {
            args.push(render(tokens, start, j));
            start = j + 1;
          }
        }
        if (close > next + 1) args.push(render(tokens, start, close));
        out += rule(args.map((a) => a.trim()), t.text.toLowerCase());
        i = close;
        continue;
      }
    }
    out += t.text;
  }
  return out;
}

/** Rewrites a Trino query for DuckDB. */
export function translateSql(sql: string): string {
  const tokens = tokenizeSql(sql);
  return render(tokens, 0, tokens.length);
}

/** The statement's first keyword (upper case), skipping comments and parentheses. */
export function leadingKeyword(sql: string): string {
  const first = tokenizeSql(sql).find((t) => t.kind === 'word');
  return first ? first.text.toUpperCase() : '';
}

/** Every identifier chain in the query (`a`, `db.t`, `"c"."db"."t"`), lower-cased unless quoted. */
export function identifierChains(sql: string): string[][] {
  const tokens = tokenizeSql(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const chains: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' && t.kind !== 'quoted') continue;
    if (i > 0 && tokens[i - 1]!.text === '.') continue;
    const chain: string[] = [];
    let j = i;
    while (j < tokens.length && (tokens[j]!.kind === 'word' || tokens[j]!.kind === 'quoted')) {
      const part = tokens[j]!;
      chain.push(part.kind === 'quoted' ? part.text.slice(1, -1).replace(/""/g, '"') : part.text.toLowerCase());
      if (tokens[j + 1]?.text !== '.') break;
      j += 2;
    }
    chains.push(chain);
  }
  return chains;
}
