/** A message's text with its entities (underlined by type) and personal data (marked, with its type) highlighted. */
import type { Analysis } from '@sma/contracts';
import { segments, type Span } from '../lib/spans';

type Mark = { kind: 'entity'; type: string; score: number; text: string } | { kind: 'pii'; type: string; score: number };

export function HighlightedText({ text, analysis }: { text: string; analysis: Analysis | undefined }) {
  const spans: Array<Span<Mark>> = [
    ...(analysis?.TextEntities ?? []).map((e) => ({ begin: e.BeginOffset, end: e.EndOffset, data: { kind: 'entity' as const, type: e.Type, score: e.Score, text: e.Text } })),
    ...(analysis?.PiiEntities ?? []).map((p) => ({ begin: p.BeginOffset, end: p.EndOffset, data: { kind: 'pii' as const, type: p.Type, score: p.Score } })),
  ];
  return (
    <p class="message-text">
      {segments(text, spans).map((s) => {
        if (s.spans.length === 0) return <span key={s.begin}>{s.text}</span>;
        const entity = s.spans.find((x) => x.data.kind === 'entity')?.data;
        const pii = s.spans.find((x) => x.data.kind === 'pii')?.data;
        const title = s.spans.map((x) => `${x.data.kind === 'pii' ? 'PII' : 'entity'} ${x.data.type} (${Math.round(x.data.score * 100)}%)`).join(', ');
        const classes = [entity ? `entity ent-${entity.type.toLowerCase()}` : '', pii ? 'pii' : ''].join(' ').trim();
        return (
          <mark key={s.begin} class={classes} title={title} data-pii={pii ? pii.type : undefined} data-entity={entity ? entity.type : undefined}>
            {s.text}
          </mark>
        );
      })}
    </p>
  );
}

export function EntityLegend({ analysis }: { analysis: Analysis | undefined }) {
  const types = [...new Set((analysis?.TextEntities ?? []).map((e) => e.Type))];
  const pii = [...new Set((analysis?.PiiEntities ?? []).map((p) => p.Type))];
  if (types.length === 0 && pii.length === 0) return <p class="muted small">No entities or personal data found.</p>;
  return (
    <p class="legend small">
      {types.map((t) => (
        <mark key={t} class={`entity ent-${t.toLowerCase()}`}>
          {t}
        </mark>
      ))}
      {pii.map((t) => (
        <mark key={t} class="pii">
          PII {t}
        </mark>
      ))}
    </p>
  );
}
