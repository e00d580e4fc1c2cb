/**
 * Analytics: SQL on the local Athena over the data lake, the named queries one click
 * away, results as a table and (for two columns) a bar chart; and sentiment over
 * time from the lake.
 */
import { useState } from 'preact/hooks';
import type { NamedQueryView, QueryResultView } from '../../../src/console/api-types';
import { BarChart, StackedColumnChart } from '../components/charts';
import { Empty, ErrorNote } from '../components/common';
import { bytes } from '../format';
import { barsOf, stackedColumnsOf } from '../lib/chart-data';
import { postJson, qs } from '../api';
import { useFetch } from '../use-fetch';

function ResultTable({ result }: { result: QueryResultView }) {
  return (
    <div class="table-scroll">
      <table class="results">
        <thead>
          <tr>
            {result.columns.map((c) => (
              <th key={c.name} title={c.type}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.slice(0, 500).map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => (
                <td key={j} class={v === null ? 'null' : ''}>
                  {v ?? 'null'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SentimentOverTime() {
  const [bucket, setBucket] = useState<'minute' | 'hour' | 'day'>('hour');
  const [nonce, setNonce] = useState(0);
  const { data, error, loading } = useFetch<QueryResultView>(`/sentiment-over-time${qs({ bucket })}`, [nonce]);
  const stacked = data && data.state === 'SUCCEEDED' ? stackedColumnsOf(data.rows, ['POSITIVE', 'NEUTRAL', 'MIXED', 'NEGATIVE']) : undefined;
  return (
    <section class="card" aria-labelledby="sot-title">
      <header class="card-head">
        <h3 id="sot-title">Sentiment over time</h3>
        <select aria-label="Period" value={bucket} onChange={(e) => setBucket((e.target as HTMLSelectElement).value as typeof bucket)}>
          <option value="minute">per minute</option>
          <option value="hour">per hour</option>
          <option value="day">per day</option>
        </select>
        <button type="button" class="secondary small" onClick={() => setNonce(nonce + 1)} disabled={loading}>
          {loading ? 'Running…' : 'Refresh'}
        </button>
      </header>
      <ErrorNote error={error} />
      {data && data.state !== 'SUCCEEDED' ? <p class="bad small">{data.stateReason}</p> : null}
      {stacked && stacked.periods.length > 0 ? (
        <StackedColumnChart data={stacked} title="Analysed messages by sentiment" />
      ) : stacked ? (
        <p class="muted small">No analysed message in the lake yet. Firehose writes to the lake every 60 seconds, so a new message shows here about a minute after it is analysed.</p>
      ) : null}
    </section>
  );
}

export function AnalyticsView() {
  const queries = useFetch<NamedQueryView[]>('/queries');
  const [sql, setSql] = useState('');
  const [active, setActive] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<QueryResultView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [running, setRunning] = useState(false);

  const run = async (text = sql) => {
    setRunning(true);
    setError(undefined);
    try {
      setResult(await postJson<QueryResultView>('/queries/run', { sql: text }));
    } catch (e) {
      setError(e);
      setResult(undefined);
    } finally {
      setRunning(false);
    }
  };
  const bars = result && result.state === 'SUCCEEDED' ? barsOf(result) : undefined;

  return (
    <section class="view analytics" aria-labelledby="analytics-title">
      <header class="view-head">
        <h2 id="analytics-title">Analytics</h2>
        <span class="muted small">SQL on the local Athena, over the data lake</span>
      </header>
      <div class="analytics-grid">
        <nav class="named-queries" aria-label="Named queries">
          <h3>Named queries</h3>
          <ErrorNote error={queries.error} />
          {queries.data && queries.data.length === 0 ? <p class="muted small">The loaded stacks define no named query.</p> : null}
          {(queries.data ?? []).map((q) => (
            <button
              key={q.id}
              type="button"
              class={`named-query${active === q.id ? ' selected' : ''}`}
              title={q.description}
              onClick={() => {
                setActive(q.id);
                setSql(q.sql);
                void run(q.sql);
              }}
            >
              {q.name}
              {q.description ? <span class="muted small">{q.description}</span> : null}
            </button>
          ))}
        </nav>
        <div class="query-main">
          <form
            class="sql-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            <label for="sql" class="sr-only">
              SQL
            </label>
            <textarea
              id="sql"
              spellcheck={false}
              rows={9}
              value={sql}
              placeholder="SELECT detail_type, count(*) FROM events GROUP BY detail_type"
              onInput={(e) => setSql((e.target as HTMLTextAreaElement).value)}
              onKeyDown={(e) => {
                if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
                  e.preventDefault();
                  void run();
                }
              }}
            />
            <div class="form-row">
              <button type="submit" disabled={running || sql.trim() === ''}>
                {running ? 'Running…' : 'Run'}
              </button>
              <span class="muted small">Ctrl+Enter runs. Tables: events, analysed_messages.</span>
              {result ? (
                <span class="muted small result-stats">
                  {result.state}
                  {result.elapsedMs !== undefined ? ` · ${result.elapsedMs} ms` : ''}
                  {result.scannedBytes !== undefined ? ` · ${bytes(result.scannedBytes)} scanned` : ''}
                  {result.state === 'SUCCEEDED' ? ` · ${result.rows.length}${result.truncated ? '+' : ''} rows` : ''}
                </span>
              ) : null}
            </div>
          </form>
          <ErrorNote error={error} />
          {result && result.state !== 'SUCCEEDED' ? (
            <p class="bad" role="alert">
              {result.state}: {result.stateReason}
            </p>
          ) : null}
          {result && result.state === 'SUCCEEDED' ? (
            result.rows.length === 0 ? (
              <Empty title="The query returned no rows">
                <p>The lake fills as events flow: Firehose delivers a batch every 60 seconds. Send a message, wait a minute and run it again.</p>
              </Empty>
            ) : (
              <>
                {bars ? <BarChart bars={bars} title={result.columns[1]?.name ?? ''} valueName={result.columns[1]?.name ?? ''} /> : null}
                <ResultTable result={result} />
              </>
            )
          ) : null}
          {!result && !error ? <p class="muted">Choose a named query or write SQL, then run it.</p> : null}
          <SentimentOverTime />
        </div>
      </div>
    </section>
  );
}
