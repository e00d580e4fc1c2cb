/**
 * Live events: every event on every bus as it arrives, filterable by detail-type,
 * source, replay and problems; each row opens to its JSON, the rules it matched
 * and every delivery (failed ones and dead-letter queues highlighted).
 */
import { useMemo, useState } from 'preact/hooks';
import type { DeliveryView, EventRecord, OverviewView } from '../../../src/console/api-types';
import { isFailed, matchesFilter, type EventFilter } from '../../../src/console/feed/filter';
import { Empty, ReplayTag, StatusBadge, TypeTag } from '../components/common';
import { JsonView } from '../components/json-view';
import { clock } from '../format';
import { friendlyName } from '../lib/names';
import { useLive } from '../live';
import { href } from '../router';
import { useFetch } from '../use-fetch';
import { DeadLetters } from './dead-letters';

function deliverySummary(deliveries: readonly DeliveryView[]) {
  const failed = deliveries.filter(isFailed).length;
  const pending = deliveries.filter((d) => d.status === 'pending').length;
  const ok = deliveries.length - failed - pending;
  return (
    <span class="delivery-summary">
      {deliveries.length === 0 ? <span class="muted">no rule</span> : null}
      {ok > 0 ? <span class="ok" title="delivered">✓ {ok}</span> : null}
      {pending > 0 ? <span class="run" title="pending or retrying">… {pending}</span> : null}
      {failed > 0 ? <span class="bad" title="failed for good">✗ {failed}</span> : null}
    </span>
  );
}

function EventDetail({ record }: { record: EventRecord }) {
  return (
    <div class="event-detail">
      {record.contractIssues ? (
        <div class="problem" role="alert">
          <strong>Does not match its contract:</strong>
          <ul>
            {record.contractIssues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="event-meta">
        <span>
          id <code>{record.id}</code>
        </span>
        <span>bus {record.bus}</span>
        <span>event time {record.time}</span>
        <span>ingested {record.ingested}</span>
        {record.archives.length > 0 ? <span>archived in {record.archives.join(', ')}</span> : null}
      </div>
      <h4>Deliveries</h4>
      {record.deliveries.length === 0 ? (
        <p class="muted">No rule on the bus matched this event.</p>
      ) : (
        <table class="deliveries">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Target</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Error / dead-letter queue</th>
            </tr>
          </thead>
          <tbody>
            {record.deliveries.map((d) => (
              <tr key={`${d.ruleArn}/${d.target}`} class={isFailed(d) ? 'failed' : ''}>
                <td title={d.rule}>{friendlyName(d.rule)}</td>
                <td title={d.targetArn}>{d.targetArn ? d.targetArn.split(':').slice(2, 3).concat(d.targetArn.split(/[:/]/).pop() ?? '').join(' · ') : d.target}</td>
                <td>
                  <StatusBadge status={d.status} />
                </td>
                <td>{d.attempts}</td>
                <td>
                  {d.error ? (
                    <span class="bad">
                      {d.error.code}: {d.error.message}
                    </span>
                  ) : null}
                  {d.status === 'dead-lettered' && d.deadLetterArn ? <div>→ {d.deadLetterArn.split(':').pop()}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Event</h4>
      <JsonView value={{ 'detail-type': record.detailType, source: record.source, ...(record.replayName ? { 'replay-name': record.replayName } : {}), resources: record.resources, detail: record.detail }} />
    </div>
  );
}

function EventRow({ record, open, onToggle }: { record: EventRecord; open: boolean; onToggle: () => void }) {
  const failed = record.deliveries.some(isFailed) || record.contractIssues !== undefined;
  return (
    <li class={`event-row${failed ? ' has-problem' : ''}${record.replayName ? ' replayed' : ''}`} data-detail-type={record.detailType} data-replayed={record.replayName ? 'true' : 'false'}>
      <button type="button" class="event-line" aria-expanded={open} onClick={onToggle}>
        <span class="time">{clock(record.ingested)}</span>
        <TypeTag detailType={record.detailType} source={record.source} />
        <span class="source">{record.source}</span>
        <span class="mid">{record.messageId ?? ''}</span>
        <ReplayTag name={record.replayName} />
        <span class="rules">{record.rules.length} rule{record.rules.length === 1 ? '' : 's'}</span>
        {deliverySummary(record.deliveries)}
      </button>
      {record.messageId ? (
        <a class="row-link" href={href('messages', record.messageId)} title="Open the message">
          message →
        </a>
      ) : null}
      {open ? <EventDetail record={record} /> : null}
    </li>
  );
}

function toggle(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export function EventsView() {
  const events = useLive((s) => s.events);
  const connection = useLive((s) => s.connection);
  const overview = useFetch<OverviewView>('/overview');
  const [detailTypes, setDetailTypes] = useState<string[]>([]);
  const [sources, setSources] = useState<string[]>([]);
  const [replayed, setReplayed] = useState<'all' | 'only' | 'none'>('all');
  const [problems, setProblems] = useState(false);
  const [text, setText] = useState('');
  const [paused, setPaused] = useState<readonly EventRecord[] | undefined>(undefined);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const filter: EventFilter = {
    detailTypes,
    sources,
    ...(replayed === 'all' ? {} : { replayed: replayed === 'only' }),
    ...(problems ? { problems } : {}),
    ...(text ? { text } : {}),
  };
  const shown = useMemo(() => (paused ?? events).filter((r) => matchesFilter(r, filter)), [paused, events, detailTypes, sources, replayed, problems, text]);
  const seenTypes = useMemo(() => [...new Set([...(overview.data?.detailTypes ?? []), ...events.map((e) => e.detailType)])], [overview.data, events]);
  const seenSources = useMemo(() => [...new Set([...(overview.data?.sources ?? []), ...events.map((e) => e.source)])], [overview.data, events]);
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const e of events) c.set(e.detailType, (c.get(e.detailType) ?? 0) + 1);
    return c;
  }, [events]);

  return (
    <section class="view events-view" aria-labelledby="events-title">
      <header class="view-head">
        <h2 id="events-title">Live events</h2>
        <span class={`conn ${connection}`}>{connection === 'live' ? '● live' : connection === 'connecting' ? '○ connecting…' : '○ offline'}</span>
        <button type="button" class="secondary" onClick={() => setPaused(paused ? undefined : events)}>
          {paused ? `Resume (${events.length - paused.length} new)` : 'Pause'}
        </button>
      </header>
      <DeadLetters />
      <div class="filters" role="group" aria-label="Filters">
        <details class="picker">
          <summary>Detail-type{detailTypes.length > 0 ? ` (${detailTypes.length})` : ''}</summary>
          <div class="picker-list">
            {seenTypes.map((t) => (
              <label key={t}>
                <input type="checkbox" checked={detailTypes.includes(t)} onChange={() => setDetailTypes(toggle(detailTypes, t))} /> {t}
                <span class="muted"> {counts.get(t) ?? 0}</span>
              </label>
            ))}
          </div>
        </details>
        <details class="picker">
          <summary>Source{sources.length > 0 ? ` (${sources.length})` : ''}</summary>
          <div class="picker-list">
            {seenSources.map((s) => (
              <label key={s}>
                <input type="checkbox" checked={sources.includes(s)} onChange={() => setSources(toggle(sources, s))} /> {s}
              </label>
            ))}
          </div>
        </details>
        <label>
          Replays{' '}
          <select value={replayed} onChange={(e) => setReplayed((e.target as HTMLSelectElement).value as typeof replayed)}>
            <option value="all">all events</option>
            <option value="only">replayed only</option>
            <option value="none">originals only</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={problems} onChange={() => setProblems(!problems)} /> problems only
        </label>
        <input type="search" placeholder="Search id, message id, detail…" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} aria-label="Search events" />
        {detailTypes.length + sources.length > 0 || replayed !== 'all' || problems || text ? (
          <button
            type="button"
            class="link"
            onClick={() => {
              setDetailTypes([]);
              setSources([]);
              setReplayed('all');
              setProblems(false);
              setText('');
            }}
          >
            clear filters
          </button>
        ) : null}
      </div>
      {events.length === 0 ? (
        <Empty title="No events yet">
          <p>
            Events appear here the moment a bus accepts them. Send a test mention from <a href={href('compose')}>Compose</a>, run{' '}
            <code>npm run send -- "@bot hello"</code>, or put one with the AWS CLI (<code>aws --endpoint-url {overview.data?.endpoint ?? 'http://127.0.0.1:4566'} events put-events …</code>).
          </p>
        </Empty>
      ) : shown.length === 0 ? (
        <Empty title="No event matches these filters">
          <p>{events.length} events are hidden by the filters above.</p>
        </Empty>
      ) : (
        <ol class="event-list" aria-live="polite">
          {shown.slice(0, 300).map((r) => (
            <EventRow key={r.key} record={r} open={open === r.key} onToggle={() => setOpen(open === r.key ? undefined : r.key)} />
          ))}
        </ol>
      )}
    </section>
  );
}
