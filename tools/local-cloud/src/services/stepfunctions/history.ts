/**
 * Execution history in Step Functions' own event shape (`GetExecutionHistory`),
 * built from the interpreter's event log plus the Task dispatches, and the
 * per-state view the console shows (status, timing, input, output). Pure.
 */
import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';

/** What the interpreter reports (aws-local-stepfunctions' event log, narrowed to what is used). */
export interface InterpreterEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: { readonly name: string; readonly type: string; readonly input: unknown; readonly output?: unknown };
  readonly input?: unknown;
  readonly output?: unknown;
  readonly Error?: string;
  readonly Cause?: unknown;
  readonly index?: number;
  readonly parentState?: { readonly name: string; readonly type: string };
  readonly retry?: { readonly attempt: number };
}

/** A state's run, for the console. */
export interface StateRun {
  readonly name: string;
  readonly type: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CAUGHT';
  readonly enteredAt: number;
  exitedAt?: number;
  readonly input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  retries: number;
  /** Map iteration index, when inside a Map. */
  readonly index?: number;
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];
  readonly states: StateRun[] = [];
  private readonly open = new Map<string, StateRun>();

  private push(type: HistoryEventType, timestamp: number, details: Partial<HistoryEvent>): void {
    const id = this.events.length + 1;
    this.events.push({ timestamp: new Date(timestamp), type, id, previousEventId: id - 1, ...details });
  }

  started(input: unknown, roleArn: string | undefined, at: number): void {
    this.push('ExecutionStarted', at, { executionStartedEventDetails: { input: text(input), ...(roleArn ? { roleArn } : {}) } });
  }

  /** A Task state's resource is called (the dispatch sees it; the interpreter does not report it). */
  taskScheduled(state: string, resource: string, parameters: unknown, at: number): void {
    const [resourceType, name] = resourceParts(resource);
    this.push('TaskScheduled', at, { taskScheduledEventDetails: { resourceType, resource: name, region: '', parameters: text(parameters) } });
    this.push('TaskStarted', at, { taskStartedEventDetails: { resourceType, resource: name } });
    void state;
  }

  taskSucceeded(resource: string, output: unknown, at: number): void {
    const [resourceType, name] = resourceParts(resource);
    this.push('TaskSucceeded', at, { taskSucceededEventDetails: { resourceType, resource: name, output: text(output) } });
  }

  taskFailed(resource: string, error: string, cause: string, at: number): void {
    const [resourceType, name] = resourceParts(resource);
    this.push('TaskFailed', at, { taskFailedEventDetails: { resourceType, resource: name, error, cause } });
  }

  /** Translates one interpreter event. */
  record(e: InterpreterEvent): void {
    const key = (name: string, index?: number) => `${name}#${index ?? ''}`;
    switch (e.type) {
      case 'StateEntered': {
        const run: StateRun = { name: e.state!.name, type: e.state!.type, status: 'RUNNING', enteredAt: e.timestamp, input: e.state!.input, retries: 0, ...(e.index !== undefined ? { index: e.index } : {}) };
        this.states.push(run);
        this.open.set(key(run.name, e.index), run);
        this.push(`${e.state!.type}StateEntered` as HistoryEventType, e.timestamp, { stateEnteredEventDetails: { name: e.state!.name, input: text(e.state!.input) } });
        return;
      }
      case 'StateExited': {
        const run = this.open.get(key(e.state!.name, e.index));
        if (run) {
          run.status = 'SUCCEEDED';
          run.exitedAt = e.timestamp;
          run.output = e.state!.output;
          this.open.delete(key(e.state!.name, e.index));
        }
        this.push(`${e.state!.type}StateExited` as HistoryEventType, e.timestamp, { stateExitedEventDetails: { name: e.state!.name, output: text(e.state!.output) } });
        return;
      }
      case 'StateFailed': {
        const run = this.open.get(key(e.state!.name, e.index));
        if (run) {
          run.status = 'FAILED';
          run.exitedAt = e.timestamp;
          run.error = e.Error;
          run.cause = text(e.Cause);
        }
        return;
      }
      case 'StateRetried': {
        const run = this.open.get(key(e.state!.name, e.index));
        if (run) {
          run.retries++;
          run.status = 'RUNNING';
        }
        return;
      }
      case 'StateCaught': {
        const run = this.open.get(key(e.state!.name, e.index));
        if (run) {
          run.status = 'CAUGHT';
          run.exitedAt = e.timestamp;
          this.open.delete(key(e.state!.name, e.index));
        }
        return;
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        this.push(e.type as HistoryEventType, e.timestamp, { mapIterationStartedEventDetails: { name: e.parentState?.name ?? '', index: e.index ?? 0 } });
        return;
      case 'ParallelBranchStarted':
        this.push('ParallelStateStarted', e.timestamp, {});
        return;
      case 'ParallelBranchSucceeded':
        this.push('ParallelStateSucceeded', e.timestamp, {});
        return;
      case 'ParallelBranchFailed':
        this.push('ParallelStateFailed', e.timestamp, {});
        return;
      default:
        return;
    }
  }

  succeeded(output: unknown, at: number): void {
    this.push('ExecutionSucceeded', at, { executionSucceededEventDetails: { output: text(output) } });
  }

  failed(error: string, cause: string, at: number): void {
    this.push('ExecutionFailed', at, { executionFailedEventDetails: { error, cause } });
  }

  aborted(at: number): void {
    this.push('ExecutionAborted', at, { executionAbortedEventDetails: {} });
  }

  timedOut(at: number): void {
    this.push('ExecutionTimedOut', at, { executionTimedOutEventDetails: { error: 'States.Timeout' } });
  }
}

/** `arn:aws:states:::lambda:invoke` → [`lambda`, `invoke`]; a function ARN → [`lambda`, its ARN]. */
function resourceParts(resource: string): [string, string] {
  const m = /^arn:[^:]+:states:::(?:aws-sdk:)?([^:]+):(.+)$/.exec(resource);
  if (m) return [m[1]!, m[2]!];
  return ['lambda', resource];
}
