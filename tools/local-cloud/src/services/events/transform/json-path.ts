/**
 * The JSONPath subset EventBridge evaluates in `InputPathsMap` and `InputPath`:
 * `$`, then `.name` steps (letters, digits, `_`, `-`, `/`), each optionally
 * followed by `[index]` or `[*]`. A path with `[*]` selects every element and
 * always yields an array (empty when nothing is selected).
 */
export const JSON_PATH_SYNTAX = /^\$(\.[\w/-]+(\[(\d+|\*)\])*)*$/;

/** AWS's limit on a path's length. */
export const MAX_JSON_PATH_LENGTH = 256;

type Step = { readonly name: string } | { readonly index: number } | { readonly all: true };

export interface JsonPath {
  readonly source: string;
  readonly steps: readonly Step[];
  /** False when the path has `[*]`: it selects a list. */
  readonly definite: boolean;
}

export type PathResult = { readonly found: true; readonly value: unknown } | { readonly found: false };

const STEP = /\.([\w/-]+)|\[(\d+)\]|\[\*\]/g;

/** Parses a path, or returns undefined when it is not in the subset (or over the length limit). */
export function parseJsonPath(source: string): JsonPath | undefined {
  if (source.length > MAX_JSON_PATH_LENGTH || !JSON_PATH_SYNTAX.test(source)) return undefined;
  const steps: Step[] = [];
  for (const match of source.slice(1).matchAll(STEP)) {
    if (match[1] !== undefined) steps.push({ name: match[1] });
    else if (match[2] !== undefined) steps.push({ index: Number(match[2]) });
    else steps.push({ all: true });
  }
  return { source, steps, definite: !steps.some((step) => 'all' in step) };
}

function children(value: unknown, step: Step): unknown[] {
  if (value === null || typeof value !== 'object') return [];
  if ('name' in step) {
    return !Array.isArray(value) && Object.hasOwn(value, step.name) ? [(value as Record<string, unknown>)[step.name]] : [];
  }
  if ('index' in step) return Array.isArray(value) && step.index < value.length ? [value[step.index]] : [];
  return Array.isArray(value) ? [...(value as unknown[])] : Object.values(value);
}

/** Reads a path from a JSON value. A definite path that leads nowhere is not found. */
export function readJsonPath(path: JsonPath, root: unknown): PathResult {
  let current: unknown[] = [root];
  for (const step of path.steps) current = current.flatMap((value) => children(value, step));
  if (!path.definite) return { found: true, value: current };
  return current.length === 1 ? { found: true, value: current[0] } : { found: false };
}
