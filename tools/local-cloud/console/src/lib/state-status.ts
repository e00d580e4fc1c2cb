/**
 * Per-state status of an execution (pure): a state may run many times (Map
 * iterations, retries after a loop), so its runs fold into one status for the graph
 * — failed beats running beats caught beats succeeded — and a count.
 */

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CAUGHT';

export interface RunLike {
  readonly name: string;
  readonly status: RunStatus;
}

export interface StateStatus {
  readonly status: RunStatus;
  readonly runs: number;
}

const RANK: Record<RunStatus, number> = { FAILED: 3, RUNNING: 2, CAUGHT: 1, SUCCEEDED: 0 };

export function stateStatuses(runs: readonly RunLike[]): Map<string, StateStatus> {
  const out = new Map<string, StateStatus>();
  for (const r of runs) {
    const prev = out.get(r.name);
    const status = !prev || RANK[r.status] > RANK[prev.status] ? r.status : prev.status;
    out.set(r.name, { status, runs: (prev?.runs ?? 0) + 1 });
  }
  return out;
}
