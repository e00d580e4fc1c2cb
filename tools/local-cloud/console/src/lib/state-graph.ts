/**
 * A state machine's graph from its Amazon States Language definition (pure): one
 * node per state, compound nodes for Parallel (one sub-graph per branch) and Map
 * (the item processor), and the transitions between them: `Next`, `Choices`,
 * `Default` and `Catch`. The top level gets Start and End nodes, as the AWS
 * console draws them.
 */

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface StateNode {
  /** Unique in the whole graph (state names are unique in a state machine; Start/End are reserved). */
  readonly id: string;
  readonly name: string;
  /** ASL type, or `Start` / `End` for the synthetic nodes. */
  readonly type: string;
  /** Parallel: one per branch; Map: the item processor. */
  readonly children: readonly StateGraph[];
}

export interface StateEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
}

export interface StateGraph {
  readonly start: string;
  readonly nodes: readonly StateNode[];
  readonly edges: readonly StateEdge[];
}

interface AslState {
  readonly Type?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: ReadonlyArray<{ readonly Next?: string }>;
  readonly Catch?: ReadonlyArray<{ readonly Next?: string }>;
  readonly Branches?: readonly AslDefinition[];
  readonly ItemProcessor?: AslDefinition;
  readonly Iterator?: AslDefinition;
}

export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
}

export const START = '__start';
export const END = '__end';

const TERMINAL = new Set(['Succeed', 'Fail']);

function graphOf(def: AslDefinition, top: boolean): StateGraph {
  const nodes: StateNode[] = [];
  const edges: StateEdge[] = [];
  const add = (from: string, to: string | undefined, kind: EdgeKind) => {
    if (to !== undefined && def.States[to] !== undefined && !edges.some((e) => e.from === from && e.to === to)) edges.push({ from, to, kind });
  };
  if (top) {
    nodes.push({ id: START, name: 'Start', type: 'Start', children: [] });
    edges.push({ from: START, to: def.StartAt, kind: 'next' });
  }
  for (const [name, state] of Object.entries(def.States)) {
    const processor = state.ItemProcessor ?? state.Iterator;
    const children = state.Type === 'Parallel' ? (state.Branches ?? []).map((b) => graphOf(b, false)) : processor ? [graphOf(processor, false)] : [];
    nodes.push({ id: name, name, type: state.Type ?? 'Pass', children });
    add(name, state.Next, 'next');
    for (const c of state.Choices ?? []) add(name, c.Next, 'choice');
    add(name, state.Default, 'default');
    for (const c of state.Catch ?? []) add(name, c.Next, 'catch');
    if (top && (state.End || TERMINAL.has(state.Type ?? ''))) edges.push({ from: name, to: END, kind: 'next' });
  }
  if (top) nodes.push({ id: END, name: 'End', type: 'End', children: [] });
  return { start: top ? START : def.StartAt, nodes, edges };
}

/** The graph of a definition (JSON text or object). Throws on text that is not a definition. */
export function buildStateGraph(definition: string | AslDefinition): StateGraph {
  const def = typeof definition === 'string' ? (JSON.parse(definition) as AslDefinition) : definition;
  if (!def || typeof def.StartAt !== 'string' || typeof def.States !== 'object') throw new Error('not a state machine definition (StartAt and States are required)');
  return graphOf(def, true);
}

/** Every state name of a graph, nested ones included. */
export function allStateNames(graph: StateGraph): string[] {
  return graph.nodes.flatMap((n) => [...(n.type === 'Start' || n.type === 'End' ? [] : [n.name]), ...n.children.flatMap(allStateNames)]);
}
