import { invalidPattern } from '../errors';
import { GlobSyntaxError, type Glob, matchGlob, parseGlob } from '../text/glob';
import type { Condition } from '../types';

/** Parses a wildcard operand, turning a syntax error into the pattern error AWS gives. */
export function compileGlob(source: string): Glob {
  try {
    return parseGlob(source);
  } catch (error) {
    if (error instanceof GlobSyntaxError) return invalidPattern(error.message);
    throw error;
  }
}

/** `{"wildcard": string}`: `*` matches any run of characters; only string leaves can match. */
export function wildcardOperator(operand: unknown): Condition {
  if (typeof operand !== 'string') return invalidPattern('wildcard match pattern must be a string');
  const glob = compileGlob(operand);
  return { test: (leaf) => typeof leaf === 'string' && matchGlob(glob, leaf), wildcards: [operand] };
}
