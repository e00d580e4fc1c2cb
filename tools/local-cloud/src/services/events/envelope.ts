/**
 * `PutEvents` entry validation and the event envelope, as EventBridge builds them.
 * Pure. Sizes use EventBridge's documented formula (`entrySize` from the contracts,
 * the one implementation of it in the repository).
 */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { entrySize, MAX_ENTRIES_PER_PUT, MAX_PUT_EVENTS_BYTES } from '@sma/contracts';
import type { BusEvent } from './model';

export { entrySize, MAX_ENTRIES_PER_PUT, MAX_PUT_EVENTS_BYTES };

/** Why an entry was refused: `PutEventsResultEntry.ErrorCode` / `ErrorMessage`. */
export interface EntryError {
  readonly code: string;
  readonly message: string;
}

/** Checks one entry; returns the error EventBridge reports for it, if any. */
export function validateEntry(entry: PutEventsRequestEntry): EntryError | undefined {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (entry[field] === undefined || entry[field] === '') {
      return { code: 'InvalidArgument', message: `Parameter ${field} is not valid. Reason: ${field} is a required argument.` };
    }
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail!);
  } catch {
    return { code: 'MalformedDetail', message: 'Detail is malformed.' };
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return { code: 'MalformedDetail', message: 'Detail is malformed.' };
  if (entrySize(entry) > MAX_PUT_EVENTS_BYTES) {
    return { code: 'InvalidArgument', message: `Event size exceeds the ${MAX_PUT_EVENTS_BYTES} bytes limit.` };
  }
  return undefined;
}

/** `2024-05-01T10:00:00Z`: EventBridge's `time` has second precision. */
export function eventTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The envelope rules match and targets receive. */
export function envelope(entry: PutEventsRequestEntry, id: string, env: { region: string; accountId: string }, now: Date): BusEvent {
  return {
    version: '0',
    id,
    'detail-type': entry.DetailType!,
    source: entry.Source!,
    account: env.accountId,
    time: eventTime(entry.Time ?? now),
    region: env.region,
    resources: entry.Resources ?? [],
    detail: JSON.parse(entry.Detail!) as unknown,
  };
}
