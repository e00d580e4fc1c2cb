/** A JSON value as a collapsible tree (objects and arrays fold; the first levels start open). */
import { useState } from 'preact/hooks';

interface NodeProps {
  readonly name?: string;
  readonly value: unknown;
  readonly depth: number;
  readonly openDepth: number;
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span class="j-null">null</span>;
  if (typeof value === 'string') return <span class="j-str">"{value}"</span>;
  if (typeof value === 'number') return <span class="j-num">{String(value)}</span>;
  if (typeof value === 'boolean') return <span class="j-bool">{String(value)}</span>;
  return <span class="j-null">undefined</span>;
}

function JsonNode({ name, value, depth, openDepth }: NodeProps) {
  const [open, setOpen] = useState(depth < openDepth);
  const label = name !== undefined ? <span class="j-key">{name}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return (
      <div class="j-row">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  const [lb, rb] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div class="j-row">
        {label}
        {lb + rb}
      </div>
    );
  }
  return (
    <div class="j-row">
      <button type="button" class="j-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      {open ? (
        <>
          {lb}
          <div class="j-children">
            {entries.map(([k, v]) => (
              <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
            ))}
          </div>
          {rb}
        </>
      ) : (
        <button type="button" class="j-summary" onClick={() => setOpen(true)}>
          {lb} {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {rb}
        </button>
      )}
    </div>
  );
}

export function JsonView({ value, openDepth = 2 }: { value: unknown; openDepth?: number }) {
  return (
    <div class="json">
      <JsonNode value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
