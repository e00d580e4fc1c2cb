/**
 * How the lake is laid out: `events/detail_type=<detail-type>/dt=<YYYY-MM-DD>/`,
 * Hive-style, so Athena's partition projection (and DuckDB's hive
 * partitioning) read the partition values from the path. The transform Lambda
 * returns the values as Firehose dynamic-partitioning keys.
 */
export const LAKE_PREFIX = 'events/';
export const PARTITION_KEYS = ['detail_type', 'dt'] as const;
export type PartitionKey = (typeof PARTITION_KEYS)[number];
export type PartitionKeys = Readonly<Record<PartitionKey, string>>;

/** The Firehose S3 prefix filled from the Lambda's partition keys. */
export const FIREHOSE_DATA_PREFIX = `${LAKE_PREFIX}${PARTITION_KEYS.map((k) => `${k}=!{partitionKeyFromLambda:${k}}`).join('/')}/`;
/** Where Firehose writes records it could not process or deliver, by error type and arrival day. */
export const FIREHOSE_ERROR_PREFIX = 'errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/';

/** A detail-type usable as a path segment and partition value (every contract's is; a foreign one may not be). */
const DETAIL_TYPE_VALUE = /^[A-Za-z0-9_.-]{1,128}$/;

export function isPartitionSafe(detailType: string): boolean {
  return DETAIL_TYPE_VALUE.test(detailType) && detailType !== '.' && detailType !== '..';
}

/** `YYYY-MM-DD` in UTC, or undefined for an unusable time. */
function utcDate(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (year < 2000 || year > 9999) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * The day an event belongs to: its own `time` (so a replayed or late event
 * lands in the day it happened, where queries filtering on `dt` look for it),
 * else the time Firehose received it.
 */
export function partitionDate(eventTime: string, arrivalMs: number): string {
  return utcDate(Date.parse(eventTime)) ?? utcDate(arrivalMs) ?? '1970-01-01';
}

/** The S3 prefix of one partition, as Firehose writes it and the Glue tables' location templates read it. */
export function partitionPrefix(keys: PartitionKeys): string {
  return `${LAKE_PREFIX}${PARTITION_KEYS.map((k) => `${k}=${keys[k]}`).join('/')}/`;
}
