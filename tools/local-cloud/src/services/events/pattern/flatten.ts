import { type JsonObject, type Scalar, isScalar } from './json';
import type { FlatEvent, Leaf, Membership, PathScope } from './types';

/** The scope of a set of field paths: the paths and each of their dotted prefixes. */
export function pathScope(paths: Iterable<string>): PathScope {
  const all = new Set<string>();
  const prefixes = new Set<string>();
  for (const path of paths) {
    all.add(path);
    prefixes.add(path);
    for (let dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) prefixes.add(path.slice(0, dot));
  }
  return { paths: all, prefixes };
}

/**
 * An event's leaves by dotted path, the way EventBridge sees an event: objects
 * nest names with `.`, arrays disappear (each element stands at the array's
 * path), and a leaf remembers which element of which array it came from, so that
 * fields read together can be required to come from the same array element.
 * A scalar directly in an array carries only the arrays around that array.
 * Only paths in `scope` are read.
 */
export function flattenEvent(event: JsonObject, scope: PathScope): FlatEvent {
  const leaves = new Map<string, Leaf[]>();
  let arrays = 0;
  let nested = false;

  const add = (path: string, value: Scalar, membership: Membership | undefined) => {
    if (!scope.paths.has(path)) return;
    if (membership) nested = true;
    const list = leaves.get(path);
    const leaf: Leaf = { value, membership };
    if (list) list.push(leaf);
    else leaves.set(path, [leaf]);
  };

  const visit = (value: unknown, path: string, membership: Membership | undefined): void => {
    if (isScalar(value)) return add(path, value, membership);
    if (Array.isArray(value)) {
      const id = arrays++;
      (value as readonly unknown[]).forEach((element, index) => {
        if (element !== null && typeof element === 'object') visit(element, path, [...(membership ?? []), id, index]);
        else visit(element, path, membership);
      });
      return;
    }
    if (value !== null && typeof value === 'object') visitObject(value as JsonObject, path, membership);
    // undefined, functions, symbols, bigints: not JSON, not leaves.
  };

  const visitObject = (object: JsonObject, base: string | undefined, membership: Membership | undefined): void => {
    for (const key of Object.keys(object)) {
      const path = base === undefined ? key : `${base}.${key}`;
      if (scope.prefixes.has(path)) visit(object[key], path, membership);
    }
  };

  visitObject(event, undefined, undefined);
  return { leaves, nested };
}
