/**
 * Executions: every Step Functions execution, newest first; the selected one drawn
 * as its state graph with per-state status, and the chosen state's runs (timing,
 * input, output, error).
 */
import { useMemo, useState } from 'preact/hooks';
import type { ExecutionDetail, ExecutionSummary, StateMachineView } from '../../../src/console/api-types';
import { Empty, ErrorNote, Loading, StatusBadge } from '../components/common';
import { JsonView } from '../components/json-view';
import { StateGraphView } from '../components/state-graph-view';
import { ago, clock, dateTime, duration } from '../format';
import { friendlyName } from '../lib/names';
import { stateStatuses } from '../lib/state-status';
import { useLive } from '../live';
import { href } from '../router';
import { useFetch, useThrottled } from '../use-fetch';
import { qs } from '../api';

function InputOutput({ input, output }: { input: unknown; output: unknown }) {
  return (
    <div class="io">
      <div>
        <h5>Input</h5>
        <JsonView value={input} openDepth={1} />
      </div>
      <div>
        <h5>Output</h5>
        {output !== undefined ? <JsonView value={output} openDepth={1} /> : <p class="muted small">none</p>}
      </div>
    </div>
  );
}

function StatePanel({ detail, name }: { detail: ExecutionDetail; name: string }) {
  const runs = detail.states.filter((s) => s.name === name);
  return (
    <section class="card state-panel" aria-label={`State ${name}`}>
      <h4>{name}</h4>
      {runs.length === 0 ? <p class="muted">This state did not run in this execution.</p> : null}
      {runs.slice(0, 20).map((r, i) => (
        <div key={i} class="state-run">
          <p>
            <StatusBadge status={r.status} /> {r.type}
            {r.index !== undefined ? ` · item ${r.index}` : ''} · entered {clock(r.enteredAt)}
            {r.exitedAt ? ` · took ${duration(r.enteredAt, r.exitedAt)}` : ''}
            {r.retries > 0 ? ` · ${r.retries} retr${r.retries === 1 ? 'y' : 'ies'}` : ''}
          </p>
          {r.error ? (
            <p class="bad small">
              {r.error}: {r.cause}
            </p>
          ) : null}
          <InputOutput input={r.input} output={r.output} />
        </div>
      ))}
      {runs.length > 20 ? <p class="muted small">and {runs.length - 20} more runs</p> : null}
    </section>
  );
}

function ExecutionPanel({ arn, tick }: { arn: string; tick: number }) {
  const { data, error, loading } = useFetch<ExecutionDetail>(`/executions/${encodeURIComponent(arn)}`, [tick]);
  const [state, setState] = useState<string | undefined>(undefined);
  const statuses = useMemo(() => stateStatuses(data?.states ?? []), [data]);
  if (!data) return error ? <ErrorNote error={error} /> : loading ? <Loading what="the execution" /> : null;
  const failedState = data.states.find((s) => s.status === 'FAILED')?.name;
  const chosen = state ?? failedState;
  return (
    <article class="execution-detail">
      <header>
        <h3>
          <span title={data.stateMachine}>{friendlyName(data.stateMachine)}</span> <StatusBadge status={data.status} />
        </h3>
        <p class="muted small">
          <code>{data.name}</code> · started {dateTime(data.startDate)}
          {data.stopDate ? ` · took ${duration(data.startDate, data.stopDate)}` : ''}
          {data.messageId ? (
            <>
              {' '}
              · message <a href={href('messages', data.messageId)}>{data.messageId}</a>
            </>
          ) : null}
        </p>
        {data.error ? (
          <p class="bad">
            {data.error}: {data.cause}
          </p>
        ) : null}
      </header>
      <StateGraphView definition={data.definition} statuses={statuses} selected={chosen} onSelect={setState} />
      {chosen ? <StatePanel detail={data} name={chosen} /> : <p class="muted small">Choose a state to see its input, output and timing.</p>}
      <details class="card">
        <summary>Execution input and output</summary>
        <InputOutput input={data.input} output={data.output} />
      </details>
    </article>
  );
}

export function ExecutionsView({ id }: { id: string | undefined }) {
  const tick = useThrottled(
    useLive((s) => s.ticks.executions),
    500,
  );
  const [machine, setMachine] = useState('');
  const machines = useFetch<StateMachineView[]>('/state-machines');
  const { data, error } = useFetch<ExecutionSummary[]>(`/executions${qs({ stateMachine: machine, limit: 200 })}`, [tick]);
  const list = data ?? [];
  const selected = id ?? list[0]?.arn;
  return (
    <section class="view split" aria-labelledby="executions-title">
      <div class="split-list">
        <header class="view-head">
          <h2 id="executions-title">Executions</h2>
          {machines.data && machines.data.length > 1 ? (
            <select aria-label="State machine" value={machine} onChange={(e) => setMachine((e.target as HTMLSelectElement).value)}>
              <option value="">all state machines</option>
              {machines.data.map((m) => (
                <option key={m.arn} value={m.arn}>
                  {friendlyName(m.name)}
                </option>
              ))}
            </select>
          ) : null}
        </header>
        <ErrorNote error={error ?? machines.error} />
        {data && list.length === 0 ? (
          <Empty title="No executions yet">
            <p>
              {machines.data?.length ? `${machines.data.map((m) => friendlyName(m.name)).join(', ')} ${machines.data.length === 1 ? 'starts' : 'start'} when ` : 'A workflow starts when '}
              a MESSAGE_RECEIVED reaches the analysis rule. <a href={href('compose')}>Compose a mention</a> to start one.
            </p>
          </Empty>
        ) : (
          <ol class="exec-list">
            {list.map((x) => (
              <li key={x.arn} class={x.arn === selected ? 'selected' : ''}>
                <a href={href('executions', x.arn)}>
                  <span class="row-top">
                    <strong title={x.stateMachine}>{friendlyName(x.stateMachine)}</strong> <StatusBadge status={x.status} />
                  </span>
                  <span class="muted small">
                    {ago(x.startDate)}
                    {x.stopDate ? ` · ${duration(x.startDate, x.stopDate)}` : ''}
                    {x.messageId ? ` · ${x.messageId}` : ''}
                  </span>
                </a>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div class="split-detail">{selected ? <ExecutionPanel key={selected} arn={selected} tick={tick} /> : null}</div>
    </section>
  );
}
