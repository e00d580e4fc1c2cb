/**
 * Replay: choose an archive and a time window, replay it onto its bus; the replays
 * with their state and how many events each re-sent, and the replayed events
 * themselves, marked.
 */
import { useMemo, useState } from 'preact/hooks';
import type { ArchiveView, ReplayView as Replay } from '../../../src/console/api-types';
import { Empty, ErrorNote, ReplayTag, StatusBadge, TypeTag } from '../components/common';
import { bytes, clock, dateTime } from '../format';
import { fromLocalInput, PRESETS, presetWindow } from '../lib/time-window';
import { useLive } from '../live';
import { href } from '../router';
import { postJson } from '../api';
import { useFetch, useThrottled } from '../use-fetch';

export function ReplayView() {
  const tick = useThrottled(
    useLive((s) => s.ticks.replays),
    500,
  );
  const events = useLive((s) => s.events);
  const archives = useFetch<ArchiveView[]>('/archives', [tick]);
  const replays = useFetch<Replay[]>('/replays', [tick]);
  const [archive, setArchive] = useState('');
  const [window, setWindow] = useState(() => presetWindow(15 * 60_000, Date.now()));
  const [error, setError] = useState<unknown>(undefined);
  const [started, setStarted] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const replayed = useMemo(() => events.filter((e) => e.replayName !== undefined), [events]);
  const chosen = archive || archives.data?.[0]?.name || '';

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const out = await postJson<{ name: string }>('/replays', { archive: chosen, start: fromLocalInput(window.start), end: fromLocalInput(window.end) });
      setStarted(out.name);
      replays.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="view replay" aria-labelledby="replay-title">
      <header class="view-head">
        <h2 id="replay-title">Replay</h2>
        <span class="muted small">Re-send archived events to their bus's rules; replayed copies carry the replay's name</span>
      </header>
      <ErrorNote error={archives.error} />
      {archives.data && archives.data.length === 0 ? (
        <Empty title="No archive">
          <p>The loaded stacks define no EventBridge archive. The plumbing stack archives every event of the Plumbing bus.</p>
        </Empty>
      ) : (
        <form
          class="card replay-form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <label>
            Archive
            <select value={chosen} onChange={(e) => setArchive((e.target as HTMLSelectElement).value)}>
              {(archives.data ?? []).map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name} — {a.bus}, {a.eventCount} events, {bytes(a.sizeBytes)}
                </option>
              ))}
            </select>
          </label>
          <div class="form-row presets" role="group" aria-label="Window presets">
            {PRESETS.map(([key, label, span]) => (
              <button key={key} type="button" class="secondary small" onClick={() => setWindow(presetWindow(span, Date.now()))}>
                {label}
              </button>
            ))}
          </div>
          <div class="form-row">
            <label>
              From
              <input type="datetime-local" step={1} value={window.start} onInput={(e) => setWindow({ ...window, start: (e.target as HTMLInputElement).value })} required />
            </label>
            <label>
              To
              <input type="datetime-local" step={1} value={window.end} onInput={(e) => setWindow({ ...window, end: (e.target as HTMLInputElement).value })} required />
            </label>
            <button type="submit" disabled={busy || !chosen}>
              {busy ? 'Starting…' : 'Replay this window'}
            </button>
          </div>
          <ErrorNote error={error} />
          {started ? (
            <p class="ok" role="status">
              Replay {started} started. Its events are marked below and in <a href={href('events')}>Live events</a>.
            </p>
          ) : null}
        </form>
      )}
      <section class="card">
        <h3>Replays</h3>
        {replays.data && replays.data.length === 0 ? <p class="muted">No replay yet.</p> : null}
        {replays.data && replays.data.length > 0 ? (
          <table class="replays">
            <thead>
              <tr>
                <th>Name</th>
                <th>State</th>
                <th>Window</th>
                <th>Started</th>
                <th>Events re-sent</th>
              </tr>
            </thead>
            <tbody>
              {replays.data.map((r) => (
                <tr key={r.name} data-replay={r.name}>
                  <td>{r.name}</td>
                  <td>
                    <StatusBadge status={r.state} />
                    {r.stateReason ? <span class="small bad"> {r.stateReason}</span> : null}
                  </td>
                  <td class="small">
                    {dateTime(r.eventStartTime)} → {clock(r.eventEndTime)}
                  </td>
                  <td class="small">{clock(r.replayStartTime)}</td>
                  <td>{r.replayedEvents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section class="card">
        <h3>Replayed events</h3>
        {replayed.length === 0 ? (
          <p class="muted">Replayed events appear here as they are re-sent.</p>
        ) : (
          <ol class="replayed-list">
            {replayed.slice(0, 200).map((e) => (
              <li key={e.key} class="replayed" data-replay={e.replayName}>
                <span class="time">{clock(e.ingested)}</span> <TypeTag detailType={e.detailType} source={e.source} /> <ReplayTag name={e.replayName} />{' '}
                <span class="muted small">
                  originally {e.time} · {e.rules.length} rule(s)
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
