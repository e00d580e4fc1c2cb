/**
 * Lays a state graph out top to bottom (pure): layers by longest path from the start
 * (back edges of loops ignored), order within a layer by the barycentre of the
 * predecessors, compound nodes sized by laying out their sub-graphs first (Parallel
 * branches side by side). Coordinates are absolute, in pixels.
 */
import type { EdgeKind, StateGraph, StateNode } from './state-graph';

export interface LayoutOptions {
  /** Width of a leaf node's label. */
  readonly measure: (text: string) => number;
  readonly nodeHeight?: number;
  readonly layerGap?: number;
  readonly nodeGap?: number;
  readonly padding?: number;
  readonly header?: number;
}

export interface PlacedNode {
  readonly node: StateNode;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** The laid-out sub-graphs of a compound node. */
  readonly children: readonly PlacedGraph[];
}

export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Start, control points and end of a cubic curve: [x0,y0, c1x,c1y, c2x,c2y, x1,y1]. */
  readonly path: readonly number[];
  /** The edge goes back up (a loop). */
  readonly back: boolean;
}

export interface PlacedGraph {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

type Opts = Required<LayoutOptions>;

/** Layer of each node: longest path from the start over forward edges (DFS back edges dropped). */
export function layers(graph: StateGraph): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const to of out.get(id) ?? []) {
      if (state.get(to) === 'open') back.add(`${id}>${to}`);
      else if (!state.has(to)) visit(to);
    }
    state.set(id, 'done');
  };
  visit(graph.start);
  for (const n of graph.nodes) if (!state.has(n.id)) visit(n.id);
  const rank = new Map<string, number>(graph.nodes.map((n) => [n.id, 0]));
  // Longest path by relaxation in topological order of the forward edges.
  const indeg = new Map<string, number>(graph.nodes.map((n) => [n.id, 0]));
  const forward = graph.edges.filter((e) => !back.has(`${e.from}>${e.to}`) && e.from !== e.to);
  for (const e of forward) indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
  const queue = graph.nodes.filter((n) => indeg.get(n.id) === 0).map((n) => n.id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const e of forward.filter((f) => f.from === id)) {
      rank.set(e.to, Math.max(rank.get(e.to) ?? 0, (rank.get(id) ?? 0) + 1));
      indeg.set(e.to, indeg.get(e.to)! - 1);
      if (indeg.get(e.to) === 0) queue.push(e.to);
    }
  }
  return rank;
}

function size(node: StateNode, o: Opts): { w: number; h: number; children: PlacedGraph[] } {
  if (node.children.length === 0) {
    const round = node.type === 'Start' || node.type === 'End';
    return { w: round ? 64 : Math.max(110, o.measure(node.name) + 28), h: round ? 28 : o.nodeHeight, children: [] };
  }
  const inner = node.children.map((g) => place(g, o));
  const w = inner.reduce((s, g) => s + g.w, 0) + o.nodeGap * (inner.length - 1) + 2 * o.padding;
  const h = Math.max(...inner.map((g) => g.h)) + o.header + 2 * o.padding;
  return { w: Math.max(w, o.measure(node.name) + 40), h, children: inner };
}

/** Moves a placed graph by (dx, dy). */
function shift(g: PlacedGraph, dx: number, dy: number): PlacedGraph {
  return {
    x: g.x + dx,
    y: g.y + dy,
    w: g.w,
    h: g.h,
    nodes: g.nodes.map((n) => ({ ...n, x: n.x + dx, y: n.y + dy, children: n.children.map((c) => shift(c, dx, dy)) })),
    edges: g.edges.map((e) => ({ ...e, path: e.path.map((v, i) => v + (i % 2 === 0 ? dx : dy)) })),
  };
}

function place(graph: StateGraph, o: Opts): PlacedGraph {
  const rank = layers(graph);
  const sized = new Map(graph.nodes.map((n) => [n.id, size(n, o)]));
  const depth = Math.max(0, ...rank.values()) + 1;
  const rows: string[][] = Array.from({ length: depth }, () => []);
  for (const n of graph.nodes) rows[rank.get(n.id) ?? 0]!.push(n.id);
  const preds = (id: string) => graph.edges.filter((e) => e.to === id && (rank.get(e.from) ?? 0) < (rank.get(id) ?? 0)).map((e) => e.from);
  // Two barycentre sweeps: each node under the mean position of its predecessors.
  const position = new Map<string, number>();
  rows.forEach((row) => row.forEach((id, i) => position.set(id, i)));
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const row of rows.slice(1)) {
      const bary = (id: string) => {
        const p = preds(id).map((q) => position.get(q) ?? 0);
        return p.length > 0 ? p.reduce((a, b) => a + b, 0) / p.length : (position.get(id) ?? 0);
      };
      row.sort((a, b) => bary(a) - bary(b));
      row.forEach((id, i) => position.set(id, i));
    }
  }
  const rowWidths = rows.map((row) => row.reduce((s, id) => s + sized.get(id)!.w, 0) + o.nodeGap * Math.max(0, row.length - 1));
  const width = Math.max(...rowWidths, 0);
  const nodes: PlacedNode[] = [];
  let y = 0;
  rows.forEach((row, r) => {
    const rowHeight = Math.max(...row.map((id) => sized.get(id)!.h), 0);
    let x = (width - rowWidths[r]!) / 2;
    for (const id of row) {
      const s = sized.get(id)!;
      const node = graph.nodes.find((n) => n.id === id)!;
      const ny = y + (rowHeight - s.h) / 2;
      let cx = x + (s.w - (s.children.reduce((a, g) => a + g.w, 0) + o.nodeGap * Math.max(0, s.children.length - 1))) / 2;
      const children = s.children.map((g) => {
        const moved = shift(g, cx, ny + o.header + o.padding);
        cx += g.w + o.nodeGap;
        return moved;
      });
      nodes.push({ node, x, y: ny, w: s.w, h: s.h, children });
      x += s.w + o.nodeGap;
    }
    y += rowHeight + o.layerGap;
  });
  const at = new Map(nodes.map((n) => [n.node.id, n]));
  const edges: PlacedEdge[] = graph.edges.map((e) => {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    const back = (rank.get(e.to) ?? 0) <= (rank.get(e.from) ?? 0);
    if (back) {
      // Out of the right side, round and into the target's right side.
      const x0 = a.x + a.w;
      const y0 = a.y + a.h / 2;
      const x1 = b.x + b.w;
      const y1 = b.y + b.h / 2;
      const bulge = Math.max(x0, x1) + 40;
      return { ...e, back, path: [x0, y0, bulge, y0, bulge, y1, x1, y1] };
    }
    const x0 = a.x + a.w / 2;
    const y0 = a.y + a.h;
    const x1 = b.x + b.w / 2;
    const y1 = b.y;
    const mid = (y1 - y0) / 2;
    return { ...e, back, path: [x0, y0, x0, y0 + mid, x1, y1 - mid, x1, y1] };
  });
  return { x: 0, y: 0, w: width, h: Math.max(0, y - o.layerGap), nodes, edges };
}

/** Lays out a whole graph; the result's origin is (0, 0). */
export function layoutGraph(graph: StateGraph, options: LayoutOptions): PlacedGraph {
  const o: Opts = { nodeHeight: 32, layerGap: 34, nodeGap: 16, padding: 12, header: 20, ...options };
  return place(graph, o);
}
