/**
 * A state machine drawn as its graph, each state coloured by what it did in the
 * execution (not run, running, succeeded, caught, failed). States are buttons:
 * choosing one shows its runs. Zoom fits the width or shows it at full size.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { layoutGraph, type PlacedGraph, type PlacedNode } from '../lib/graph-layout';
import { buildStateGraph } from '../lib/state-graph';
import type { StateStatus } from '../lib/state-status';

const measure = (text: string) => text.length * 6.7;

interface Props {
  readonly definition: string;
  readonly statuses: ReadonlyMap<string, StateStatus>;
  readonly selected: string | undefined;
  readonly onSelect: (name: string) => void;
}

function Node({ p, props }: { p: PlacedNode; props: Props }) {
  const { node } = p;
  const status = props.statuses.get(node.name);
  const cls = `sg-node t-${node.type.toLowerCase()} s-${status ? status.status.toLowerCase() : 'idle'}${props.selected === node.name ? ' selected' : ''}`;
  if (node.type === 'Start' || node.type === 'End') {
    return (
      <g class={cls}>
        <rect x={p.x} y={p.y} width={p.w} height={p.h} rx={p.h / 2} />
        <text x={p.x + p.w / 2} y={p.y + p.h / 2 + 4} text-anchor="middle">
          {node.name}
        </text>
      </g>
    );
  }
  const compound = p.children.length > 0;
  const label = `${node.name}, ${node.type}, ${status ? `${status.status.toLowerCase()}${status.runs > 1 ? `, ${status.runs} runs` : ''}` : 'not run'}`;
  return (
    <g class={`${cls}${compound ? ' compound' : ''}`} data-state={node.name} data-status={status?.status ?? 'NOT_RUN'}>
      <rect
        x={p.x}
        y={p.y}
        width={p.w}
        height={p.h}
        rx={compound ? 8 : 5}
        tabIndex={0}
        role="button"
        aria-label={label}
        onClick={() => props.onSelect(node.name)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            props.onSelect(node.name);
          }
        }}
      >
        <title>{label}</title>
      </rect>
      <text x={p.x + (compound ? 10 : p.w / 2)} y={p.y + (compound ? 15 : p.h / 2 + 4)} text-anchor={compound ? 'start' : 'middle'} pointer-events="none">
        {node.name}
        {compound ? <tspan class="sg-type"> · {node.type}</tspan> : null}
        {status && status.runs > 1 ? <tspan class="sg-runs"> ×{status.runs}</tspan> : null}
      </text>
      {p.children.map((g, i) => (
        <Graph key={i} g={g} props={props} />
      ))}
    </g>
  );
}

function Graph({ g, props }: { g: PlacedGraph; props: Props }) {
  return (
    <g>
      {g.edges.map((e) => {
        const [x0, y0, c1x, c1y, c2x, c2y, x1, y1] = e.path as [number, number, number, number, number, number, number, number];
        return <path key={`${e.from}>${e.to}`} class={`sg-edge k-${e.kind}`} d={`M${x0},${y0} C${c1x},${c1y} ${c2x},${c2y} ${x1},${y1}`} marker-end="url(#sg-arrow)" />;
      })}
      {g.nodes.map((n) => (
        <Node key={n.node.id} p={n} props={props} />
      ))}
    </g>
  );
}

export function StateGraphView(props: Props) {
  const [fit, setFit] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  // Bring the chosen state into view (the graph of a large workflow is wider than the page).
  useEffect(() => {
    const el = scroller.current?.querySelector<SVGGElement>(`[data-state="${CSS.escape(props.selected ?? '')}"] > rect`);
    el?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [props.selected, fit]);
  const placed = useMemo(() => {
    try {
      return layoutGraph(buildStateGraph(props.definition), { measure });
    } catch {
      return undefined;
    }
  }, [props.definition]);
  if (!placed) return <p class="bad">The definition could not be drawn.</p>;
  const pad = 12;
  const w = placed.w + 2 * pad + 40;
  const h = placed.h + 2 * pad;
  return (
    <div class="state-graph">
      <div class="sg-tools">
        <button type="button" class="secondary small" onClick={() => setFit(!fit)}>
          {fit ? 'Full size' : 'Fit to width'}
        </button>
        <span class="sg-legend small">
          <span class="s-succeeded">succeeded</span> <span class="s-running">running</span> <span class="s-caught">caught</span> <span class="s-failed">failed</span>{' '}
          <span class="s-idle">not run</span>
        </span>
      </div>
      <div class="sg-scroll" ref={scroller}>
        <svg viewBox={`${-pad} ${-pad} ${w} ${h}`} width={fit ? '100%' : w} height={fit ? undefined : h} role="group" aria-label="State machine graph">
          <defs>
            <marker id="sg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" class="sg-arrowhead" />
            </marker>
          </defs>
          <Graph g={placed} props={props} />
        </svg>
      </div>
    </div>
  );
}
