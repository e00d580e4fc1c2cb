/**
 * Step Functions executions as the console shows them: summaries for the list and,
 * for one execution, its definition and per-state runs (the states service keeps
 * them: status, timing, input, output, error, retries). Pure mapping.
 */
import type { ExecutionDetail, ExecutionSummary, StateRunView } from '../api-types';
import { messageIdOf } from '../feed/event-record';

/** The parts of the states service's execution record the views read. */
export interface ExecutionLike {
  readonly arn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly status: string;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly startDate: number;
  readonly stopDate?: number;
}

/** A state's run as the states service keeps it: the view's fields, with times in milliseconds. */
export type StateRunLike = Omit<StateRunView, 'enteredAt' | 'exitedAt'> & { readonly enteredAt: number; readonly exitedAt?: number };

const iso = (ms: number) => new Date(ms).toISOString();

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The `MessageId` of the input: an EventBridge event (rule target) or a detail itself. */
export function inputMessageId(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  return messageIdOf((input as { detail?: unknown }).detail) ?? messageIdOf(input);
}

export function executionSummary(e: ExecutionLike): ExecutionSummary {
  const messageId = inputMessageId(parse(e.input));
  return {
    arn: e.arn,
    name: e.name,
    stateMachineArn: e.stateMachineArn,
    stateMachine: e.stateMachineArn.split(':').pop() ?? e.stateMachineArn,
    status: e.status,
    startDate: iso(e.startDate),
    ...(e.stopDate !== undefined ? { stopDate: iso(e.stopDate) } : {}),
    ...(messageId ? { messageId } : {}),
  };
}

export function stateRunView(r: StateRunLike): StateRunView {
  return {
    name: r.name,
    type: r.type,
    status: r.status,
    enteredAt: iso(r.enteredAt),
    ...(r.exitedAt !== undefined ? { exitedAt: iso(r.exitedAt) } : {}),
    input: r.input,
    ...(r.output !== undefined ? { output: r.output } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.cause !== undefined ? { cause: r.cause } : {}),
    retries: r.retries,
    ...(r.index !== undefined ? { index: r.index } : {}),
  };
}

export function executionDetail(e: ExecutionLike, definition: string, states: readonly StateRunLike[]): ExecutionDetail {
  return {
    ...executionSummary(e),
    definition,
    input: parse(e.input),
    ...(e.output !== undefined ? { output: parse(e.output) } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
    states: states.map(stateRunView),
  };
}

/** Newest first, optionally of one state machine or one message, `limit` at most. */
export function listExecutions(
  all: Iterable<ExecutionLike>,
  options: { stateMachineArn?: string; messageId?: string; status?: string; limit?: number } = {},
): ExecutionSummary[] {
  const out: ExecutionSummary[] = [];
  const sorted = [...all].sort((a, b) => b.startDate - a.startDate);
  for (const e of sorted) {
    if (options.stateMachineArn && e.stateMachineArn !== options.stateMachineArn) continue;
    if (options.status && e.status !== options.status) continue;
    const summary = executionSummary(e);
    if (options.messageId && summary.messageId !== options.messageId) continue;
    out.push(summary);
    if (out.length >= (options.limit ?? 100)) break;
  }
  return out;
}
