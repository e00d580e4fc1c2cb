import { type JsonObject, isScalar } from './json';
import type { FlatEvent, Leaf, Membership, PathScope, ScopeNode } from './types';

interface MutableNode {
  readonly children: Map<string, MutableNode>;
  path: string | undefined;
}

/**
 * The scope of a set of field paths, as a tree over their dot-separated names.
 * EventBridge joins names with dots, so a pattern's `{"a": {"b": …}}` and
 * `{"a.b": …}` read the same path, and so do an event's `{"a": {"b": …}}` and
 * `{"a.b": …}`: the tree splits names at dots on both sides.
 */
export function pathScope(paths: Iterable<string>): PathScope {
  const root: MutableNode = { children: new Map(), path: undefined };
  const all = new Set<string>();
  for (const path of paths) {
    all.add(path);
    let node = root;
    for (const name of path.split('.')) {
      let child = node.children.get(name);
      if (!child) {
        child = { children: new Map(), path: undefined };
        node.children.set(name, child);
      }
      node = child;
    }
    node.path = path;
  }
  return { paths: all, root };
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
  const builder = new Flattener();
  builder.visitObject(event, scope.root, undefined);
  return { leaves: builder.leaves, nestedPaths: builder.nestedPaths };
}

class Flattener {
  readonly leaves = new Map<string, Leaf[]>();
  readonly nestedPaths = new Set<string>();
  private arrays = 0;

  visitObject(object: JsonObject, node: ScopeNode, membership: Membership | undefined): void {
    for (const key in object) {
      if (!Object.hasOwn(object, key)) continue;
      const child = key.includes('.') ? descend(node, key) : node.children.get(key);
      if (child) this.visit(object[key], child, membership);
    }
  }

  private visit(value: unknown, node: ScopeNode, membership: Membership | undefined): void {
    if (isScalar(value)) {
      if (node.path !== undefined) this.add(node.path, value, membership);
    } else if (Array.isArray(value)) {
      const id = this.arrays++;
      for (let index = 0; index < value.length; index++) {
        const element: unknown = value[index];
        if (element !== null && typeof element === 'object') this.visit(element, node, [...(membership ?? []), id, index]);
        else this.visit(element, node, membership);
      }
    } else if (value !== null && typeof value === 'object') {
      this.visitObject(value as JsonObject, node, membership);
    }
    // undefined, functions, symbols, bigints: not JSON, not leaves.
  }

  private add(path: string, value: Leaf['value'], membership: Membership | undefined): void {
    if (membership) this.nestedPaths.add(path);
    const leaf: Leaf = { value, membership };
    const list = this.leaves.get(path);
    if (list) list.push(leaf);
    else this.leaves.set(path, [leaf]);
  }
}

function descend(node: ScopeNode, dottedKey: string): ScopeNode | undefined {
  let current: ScopeNode | undefined = node;
  for (const name of dottedKey.split('.')) {
    current = current.children.get(name);
    if (!current) return undefined;
  }
  return current;
}
