/**
 * Checking a replay the page asks for (pure): a window inside the archive's life,
 * ending in the past, and a replay name EventBridge accepts.
 */
import { BadRequestError } from '../errors';

export interface ReplayInput {
  readonly archive?: unknown;
  readonly start?: unknown;
  readonly end?: unknown;
  readonly name?: unknown;
}

export interface ReplayRequest {
  readonly archive: string;
  readonly name: string;
  readonly start: Date;
  readonly end: Date;
}

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

function time(value: unknown, field: string): Date {
  const d = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!d || Number.isNaN(d.getTime())) throw new BadRequestError(`${field} must be an ISO 8601 time`);
  return d;
}

/** A default replay name: `console-<UTC time to the second>`. */
export function defaultReplayName(now: Date): string {
  return `console-${now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-')}`;
}

export function replayRequest(input: ReplayInput, now: Date): ReplayRequest {
  if (typeof input.archive !== 'string' || input.archive === '') throw new BadRequestError('archive is required');
  const start = time(input.start, 'start');
  // EventBridge wants the end in the past: "now" means a moment ago.
  let end = time(input.end ?? now.toISOString(), 'end');
  if (end.getTime() >= now.getTime()) end = new Date(now.getTime() - 1);
  if (start.getTime() >= end.getTime()) throw new BadRequestError('the window must start before it ends (and end in the past)');
  const name = input.name === undefined || input.name === '' ? defaultReplayName(now) : input.name;
  if (typeof name !== 'string' || !NAME.test(name)) throw new BadRequestError('name must be 1-64 characters of letters, digits, . - _');
  return { archive: input.archive, name, start, end };
}
