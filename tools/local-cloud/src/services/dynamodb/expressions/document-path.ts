import type { AttributeValue, Item } from '../attribute-value';
import { ValidationException } from '../errors';
import type { Path } from './ast';

/** The value at a document path, or `undefined` when any step is missing or of the wrong type. */
export function resolvePath(item: Item, path: Path): AttributeValue | undefined {
  let current: AttributeValue | undefined;
  for (const [i, step] of path.entries()) {
    if (i === 0) {
      current = 'name' in step ? item[step.name] : undefined;
    } else if ('name' in step) {
      current = current && 'M' in current ? current.M[step.name] : undefined;
    } else {
      current = current && 'L' in current ? current.L[step.index] : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

function invalidForUpdate(): ValidationException {
  return new ValidationException('The document path provided in the update expression is invalid for update');
}

/**
 * Writes `value` at `path` in place. The parent must exist and be a map (for a
 * name) or a list (for an index); an index past the end appends, as DynamoDB does.
 */
export function setPath(item: Item, path: Path, value: AttributeValue): void {
  const last = path[path.length - 1]!;
  if (path.length === 1) {
    if (!('name' in last)) throw invalidForUpdate();
    item[last.name] = value;
    return;
  }
  const parent = resolvePath(item, path.slice(0, -1));
  if ('name' in last) {
    if (!parent || !('M' in parent)) throw invalidForUpdate();
    parent.M[last.name] = value;
  } else {
    if (!parent || !('L' in parent)) throw invalidForUpdate();
    if (last.index >= parent.L.length) parent.L.push(value);
    else parent.L[last.index] = value;
  }
}

/** Removes the value at `path` in place; a missing path is not an error. List elements after it shift down. */
export function removePath(item: Item, path: Path): void {
  const last = path[path.length - 1]!;
  if (path.length === 1) {
    if ('name' in last) delete item[last.name];
    return;
  }
  const parent = resolvePath(item, path.slice(0, -1));
  if (!parent) return;
  if ('name' in last) {
    if ('M' in parent) delete parent.M[last.name];
  } else if ('L' in parent && last.index < parent.L.length) {
    parent.L.splice(last.index, 1);
  }
}

/** True when one path is a prefix of (or equal to) the other. */
export function pathsOverlap(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if ('name' in x !== 'name' in y) return false;
    if ('name' in x ? x.name !== (y as { name: string }).name : x.index !== (y as { index: number }).index) return false;
  }
  return true;
}

export function assertNoOverlap(paths: readonly Path[]): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      if (pathsOverlap(paths[i]!, paths[j]!)) {
        throw new ValidationException(
          `Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [${describe(paths[i]!)}], path two: [${describe(paths[j]!)}]`,
        );
      }
    }
  }
}

function describe(path: Path): string {
  return path.map((e) => ('name' in e ? e.name : `[${e.index}]`)).join(', ');
}

interface Selection {
  whole: boolean;
  children: Map<string | number, Selection>;
}

/**
 * The item cut down to `paths`, as ProjectionExpression and the UPDATED_*
 * return values give it: nested maps keep only the selected keys, lists only
 * the selected elements (in their order, compacted).
 */
export function project(item: Item, paths: readonly Path[]): Item {
  const root: Selection = { whole: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const step of path) {
      const key = 'name' in step ? step.name : step.index;
      let child = node.children.get(key);
      if (!child) {
        child = { whole: false, children: new Map() };
        node.children.set(key, child);
      }
      node = child;
    }
    node.whole = true;
  }
  const out: Item = {};
  for (const [key, selection] of root.children) {
    if (typeof key !== 'string') continue;
    const value = item[key];
    const picked = value && pick(value, selection);
    if (picked) out[key] = picked;
  }
  return out;
}

function pick(value: AttributeValue, selection: Selection): AttributeValue | undefined {
  if (selection.whole) return value;
  if ('M' in value) {
    const M: Record<string, AttributeValue> = {};
    for (const [key, child] of selection.children) {
      const inner = typeof key === 'string' ? value.M[key] : undefined;
      const picked = inner && pick(inner, child);
      if (picked) M[key as string] = picked;
    }
    return Object.keys(M).length > 0 ? { M } : undefined;
  }
  if ('L' in value) {
    const indexes = [...selection.children.keys()].filter((k): k is number => typeof k === 'number').sort((a, b) => a - b);
    const L = indexes.flatMap((i) => {
      const inner = value.L[i];
      const picked = inner && pick(inner, selection.children.get(i)!);
      return picked ? [picked] : [];
    });
    return L.length > 0 ? { L } : undefined;
  }
  return undefined;
}
