/** Small shared pieces: empty states, error notes, badges, the loading line. */
import type { ComponentChildren } from 'preact';

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty" role="status">
      <p class="empty-title">{title}</p>
      {children ? <div class="empty-body">{children}</div> : null}
    </div>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="error-note" role="alert">
      {(error as Error).message ?? String(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return <p class="loading">Loading {what}…</p>;
}

const SENTIMENT_CLASS: Record<string, string> = { POSITIVE: 'pos', NEGATIVE: 'neg', NEUTRAL: 'neu', MIXED: 'mix' };

export function SentimentBadge({ sentiment }: { sentiment: string | undefined }) {
  if (!sentiment) return <span class="badge muted">no sentiment</span>;
  return (
    <span class={`badge sentiment ${SENTIMENT_CLASS[sentiment] ?? ''}`} data-sentiment={sentiment}>
      {sentiment}
    </span>
  );
}

const STATUS_CLASS: Record<string, string> = {
  SUCCEEDED: 'ok',
  delivered: 'ok',
  SENT: 'ok',
  COMPLETED: 'ok',
  RUNNING: 'run',
  STARTING: 'run',
  pending: 'run',
  FAILED: 'bad',
  'dead-lettered': 'bad',
  dropped: 'bad',
  TIMED_OUT: 'bad',
  ABORTED: 'bad',
  CANCELLED: 'warn',
  CAUGHT: 'warn',
};

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status ${STATUS_CLASS[status] ?? ''}`}>{status}</span>;
}

/** Where a detail-type comes from, for the colour of its tag. */
export function TypeTag({ detailType, source }: { detailType: string; source: string }) {
  return (
    <span class={`type-tag src-${source.toLowerCase().replace(/[^a-z]/g, '')}`} title={`source ${source}`}>
      {detailType}
    </span>
  );
}

export function ReplayTag({ name }: { name: string | undefined }) {
  if (!name) return null;
  return (
    <span class="badge replay" title={`re-sent by replay ${name}`}>
      replayed · {name}
    </span>
  );
}
