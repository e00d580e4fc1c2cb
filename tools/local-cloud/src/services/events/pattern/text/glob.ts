import { utf8Length } from './utf8';

/**
 * EventBridge's wildcard syntax: `*` matches any run of characters (including
 * none); `\*` is a literal star and `\\` a literal backslash; any other escape,
 * and two wildcards in a row, are refused.
 */
export interface Glob {
  /** The literal runs between wildcards; `segments.length === stars + 1`. */
  readonly segments: readonly string[];
  readonly stars: number;
}

/** A wildcard value EventBridge refuses, with its reason (positions count UTF-8 bytes of the quoted value, as AWS reports them). */
export class GlobSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlobSyntaxError';
  }
}

export function parseGlob(source: string): Glob {
  const segments: string[] = [];
  let literal = '';
  // AWS reports positions in the value with its JSON quote in front of it.
  const position = (index: number) => 1 + utf8Length(source.slice(0, index));
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '*') {
      if (source[i + 1] === '*') throw new GlobSyntaxError(`Consecutive wildcard characters at pos ${position(i)}`);
      segments.push(literal);
      literal = '';
    } else if (char === '\\') {
      const next = source[i + 1];
      if (next !== '*' && next !== '\\') throw new GlobSyntaxError(`Invalid escape character at pos ${position(i)}`);
      literal += next;
      i++;
    } else {
      literal += char;
    }
  }
  segments.push(literal);
  return { segments, stars: segments.length - 1 };
}

/** Does `value` match the glob? Greedy left-to-right placement is exact for `*`-only globs. */
export function matchGlob(glob: Glob, value: string): boolean {
  const { segments } = glob;
  const first = segments[0]!;
  if (glob.stars === 0) return value === first;
  const last = segments[segments.length - 1]!;
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const found = value.indexOf(segment, at);
    if (found < 0 || found + segment.length > end) return false;
    at = found + segment.length;
  }
  return true;
}
