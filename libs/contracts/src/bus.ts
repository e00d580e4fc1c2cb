/**
 * The one event bus every service publishes to and subscribes on.
 *
 * Stacks never pass the bus object to each other: each one looks the bus up by
 * this name, so any service can be deployed alone (`nx affected -t deploy`).
 */
export const PLUMBING_BUS_NAME = 'Plumbing';

/** CloudWatch namespace for the per-detail-type metrics and every service's Powertools metrics. */
export const METRIC_NAMESPACE = 'ServerlessMessageAnalyser';

/** EventBridge accepts at most this many entries in one PutEvents call. */
export const MAX_ENTRIES_PER_PUT = 10;

/**
 * EventBridge's size limit for one PutEvents entry, and for the sum of the
 * entries of one request, as EventBridge computes it (see `entrySize`).
 */
export const MAX_PUT_EVENTS_BYTES = 256 * 1024;
