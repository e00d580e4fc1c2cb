/**
 * Executions: what runs, what ran, and their histories. A start is journaled (fsynced)
 * before `StartExecution` answers and an end when the execution stops, so a restart
 * re-runs what was running (at-least-once: Express's asynchronous semantics; for
 * Standard workflows the history notes the restart). Histories of finished executions
 * are kept on disk, the most recent in memory.
 */
import type { ExecutionStatus, HistoryEvent } from '@aws-sdk/client-sfn';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, Journal, writeJsonAtomic } from '../../core/persistence';
import type { StateRun } from './history';

export interface Execution {
  readonly arn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  status: ExecutionStatus;
  readonly input: string;
  output?: string;
  error?: string;
  cause?: string;
  readonly startDate: number;
  stopDate?: number;
  /** Filled while running and for recent executions; older ones are read from disk. */
  events?: HistoryEvent[];
  states?: StateRun[];
  abort?: () => void;
}

type Record_ =
  | { t: 'start'; arn: string; name: string; sm: string; type: Execution['type']; input: string; at: number }
  | { t: 'end'; arn: string; status: ExecutionStatus; output?: string; error?: string; cause?: string; at: number };

/** How many finished executions keep their history in memory. */
const RECENT = 500;
/** How many executions the journal keeps after compaction. */
const KEEP = 10_000;

export class ExecutionStore {
  readonly all = new Map<string, Execution>();
  private journal!: Journal<Record_>;
  private readonly historyDir: string;
  private finished: string[] = [];
  private ended = 0;

  constructor(private readonly dir: string) {
    this.historyDir = ensureDir(join(dir, 'history'));
  }

  /** Loads the journal; returns the executions that were running when the process stopped. */
  async open(): Promise<Execution[]> {
    const { journal, records } = await Journal.open<Record_>(join(this.dir, 'executions.ndjson'));
    this.journal = journal;
    for (const r of records) {
      if (r.t === 'start') {
        this.all.set(r.arn, { arn: r.arn, name: r.name, stateMachineArn: r.sm, type: r.type, status: 'RUNNING', input: r.input, startDate: r.at });
      } else {
        const e = this.all.get(r.arn);
        if (!e) continue;
        e.status = r.status;
        e.stopDate = r.at;
        if (r.output !== undefined) e.output = r.output;
        if (r.error !== undefined) e.error = r.error;
        if (r.cause !== undefined) e.cause = r.cause;
        this.finished.push(r.arn);
      }
    }
    await this.compact();
    return [...this.all.values()].filter((e) => e.status === 'RUNNING');
  }

  async started(e: Execution): Promise<void> {
    this.all.set(e.arn, e);
    await this.journal.append({ t: 'start', arn: e.arn, name: e.name, sm: e.stateMachineArn, type: e.type, input: e.input, at: e.startDate });
  }

  async stopped(e: Execution): Promise<void> {
    writeJsonAtomic(this.historyFile(e.arn), { events: e.events ?? [], states: e.states ?? [] });
    await this.journal.append({
      t: 'end',
      arn: e.arn,
      status: e.status,
      ...(e.output !== undefined ? { output: e.output } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
      at: e.stopDate ?? Date.now(),
    });
    this.finished.push(e.arn);
    // Only the most recent histories stay in memory.
    if (this.finished.length > RECENT) {
      const old = this.all.get(this.finished[this.finished.length - RECENT - 1]!);
      if (old) {
        delete old.events;
        delete old.states;
      }
    }
    if (++this.ended % KEEP === 0) await this.compact();
  }

  /** The history of an execution (memory, else disk). */
  history(e: Execution): { events: HistoryEvent[]; states: StateRun[] } {
    if (e.events) return { events: e.events, states: e.states ?? [] };
    const file = this.historyFile(e.arn);
    if (!existsSync(file)) return { events: [], states: [] };
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { events: Array<HistoryEvent & { timestamp: string }>; states: StateRun[] };
    return { events: stored.events.map((ev) => ({ ...ev, timestamp: new Date(ev.timestamp) })), states: stored.states };
  }

  private historyFile(arn: string): string {
    return join(this.historyDir, `${encodeURIComponent(arn.split(':').slice(-2).join(':'))}.json`);
  }

  /** Keeps the most recent executions in the journal (running ones always). */
  private async compact(): Promise<void> {
    const keep = [...this.all.values()].sort((a, b) => a.startDate - b.startDate);
    const drop = Math.max(0, keep.length - KEEP);
    for (const e of keep.slice(0, drop)) if (e.status !== 'RUNNING') this.all.delete(e.arn);
    this.finished = this.finished.filter((arn) => this.all.has(arn));
    await this.journal.rewrite(() =>
      [...this.all.values()].flatMap((e): Record_[] => [
        { t: 'start', arn: e.arn, name: e.name, sm: e.stateMachineArn, type: e.type, input: e.input, at: e.startDate },
        ...(e.status === 'RUNNING'
          ? []
          : [
              {
                t: 'end' as const,
                arn: e.arn,
                status: e.status,
                ...(e.output !== undefined ? { output: e.output } : {}),
                ...(e.error !== undefined ? { error: e.error } : {}),
                ...(e.cause !== undefined ? { cause: e.cause } : {}),
                at: e.stopDate ?? e.startDate,
              },
            ]),
      ]),
    );
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }
}
