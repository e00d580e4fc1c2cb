/**
 * Which events the stream shows: by detail-type, source, replayed or not, problems,
 * free text. Pure and free of the contracts' runtime, so the page uses it too.
 */
import type { DeliveryView, EventRecord } from '../api-types';

/** A delivery that failed for good (dead-lettered or dropped). */
export function isFailed(d: DeliveryView): boolean {
  return d.status === 'dead-lettered' || d.status === 'dropped';
}

/** What the stream view filters on. */
export interface EventFilter {
  readonly detailTypes?: readonly string[];
  readonly sources?: readonly string[];
  /** Only replayed events (true), only original ones (false). */
  readonly replayed?: boolean;
  /** Only events with a failed delivery or a contract problem. */
  readonly problems?: boolean;
  /** Case-insensitive text anywhere in the id, message id or detail. */
  readonly text?: string;
}

export function matchesFilter(record: EventRecord, filter: EventFilter): boolean {
  if (filter.detailTypes && filter.detailTypes.length > 0 && !filter.detailTypes.includes(record.detailType)) return false;
  if (filter.sources && filter.sources.length > 0 && !filter.sources.includes(record.source)) return false;
  if (filter.replayed !== undefined && (record.replayName !== undefined) !== filter.replayed) return false;
  if (filter.problems && !record.deliveries.some(isFailed) && !record.contractIssues) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    const hay = `${record.id} ${record.messageId ?? ''} ${JSON.stringify(record.detail)}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}
