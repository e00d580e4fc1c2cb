import type { Scalar } from './json';

/** A test on one leaf value of the event. */
export type ValueTest = (value: Scalar) => boolean;

/**
 * What one element of a pattern's value array compiles to. Exactly one of
 * `test`, `absent` is set; `exactString` and `wildcards` are facts the
 * compiler keeps for indexing and for the complexity limit.
 */
export interface Condition {
  /** Matches when some leaf at the field's path passes it. */
  readonly test?: ValueTest;
  /** `{"exists": false}`: matches when the field has no leaf (array-consistently). */
  readonly absent?: true;
  /** Set for a plain string literal compared by equality (not an IP literal): the field can be indexed on it. */
  readonly exactString?: string;
  /** `wildcard` / `anything-but.wildcard` sources, for the complexity limit. */
  readonly wildcards?: readonly string[];
}

/** One field of a sub-rule: its dotted path and the OR of its conditions, compiled. */
export interface CompiledField {
  readonly path: string;
  /** OR of the value conditions; undefined when the field only has `{"exists": false}`. */
  readonly test: ValueTest | undefined;
  /** The field may also match by having no leaf. */
  readonly absentOk: boolean;
  /** When every condition is an exact string: those strings (an index can use them). */
  readonly exactStrings: ReadonlySet<string> | undefined;
}

/** One AND of fields, sorted by path the way EventBridge orders them. `$or` expands a pattern into several. */
export type SubRule = readonly CompiledField[];

/**
 * Membership of a leaf in enclosing arrays, as flat pairs `[arrayId, index, …]`.
 * Two leaves are array-consistent when they agree on every array they share.
 */
export type Membership = readonly number[];

export interface Leaf {
  readonly value: Scalar;
  readonly membership: Membership | undefined;
}

/** The leaves of an event by dotted path (only the paths some pattern reads). */
export interface FlatEvent {
  readonly leaves: ReadonlyMap<string, readonly Leaf[]>;
  /** Paths with a leaf inside an object or array that is itself an array element (array consistency applies). */
  readonly nestedPaths: ReadonlySet<string>;
}

/** A step of a path scope: the names below it, and the full path when a pattern reads this very path. */
export interface ScopeNode {
  readonly children: ReadonlyMap<string, ScopeNode>;
  readonly path: string | undefined;
}

/** The paths a set of patterns reads, as a tree of dot-separated names (flattening skips the rest). */
export interface PathScope {
  readonly paths: ReadonlySet<string>;
  readonly root: ScopeNode;
}
