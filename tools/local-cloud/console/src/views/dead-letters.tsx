/** Dead-letter queues: a red banner when any holds messages, each message's error attributes and body. */
import { useState } from 'preact/hooks';
import type { DeadLetterQueueView } from '../../../src/console/api-types';
import { JsonView } from '../components/json-view';
import { dateTime } from '../format';
import { useLive } from '../live';
import { useFetch, useThrottled } from '../use-fetch';

function parsed(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

export function DeadLetters() {
  const tick = useThrottled(
    useLive((s) => s.ticks.events),
    2000,
  );
  const { data } = useFetch<DeadLetterQueueView[]>('/dead-letters', [tick]);
  const [open, setOpen] = useState(false);
  const full = (data ?? []).filter((q) => q.count > 0);
  if (!data) return null;
  if (full.length === 0) {
    return (
      <p class="dlq-ok" title={data.map((q) => q.name).join('\n')}>
        ✓ {data.length} dead-letter queue{data.length === 1 ? '' : 's'}, all empty
      </p>
    );
  }
  const total = full.reduce((n, q) => n + q.count, 0);
  return (
    <div class="dlq" role="alert">
      <button type="button" class="dlq-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        ✗ {total} message{total === 1 ? '' : 's'} in {full.length} dead-letter queue{full.length === 1 ? '' : 's'} — {open ? 'hide' : 'show'}
      </button>
      {open
        ? full.map((q) => (
            <div key={q.queueArn} class="dlq-queue">
              <h4>
                {q.name} <span class="muted">({q.count})</span>
              </h4>
              <p class="muted">fed by {q.feeds.join(', ')}</p>
              {q.error ? <p class="bad">{q.error}</p> : null}
              {q.messages.map((m) => (
                <div key={m.messageId} class="dlq-message">
                  <div class="dlq-attrs">
                    {m.sentAt ? <span>{dateTime(m.sentAt)}</span> : null}
                    {Object.entries(m.attributes).map(([k, v]) => (
                      <span key={k}>
                        <strong>{k}</strong> {v}
                      </span>
                    ))}
                  </div>
                  <JsonView value={parsed(m.body)} openDepth={1} />
                </div>
              ))}
            </div>
          ))
        : null}
    </div>
  );
}
