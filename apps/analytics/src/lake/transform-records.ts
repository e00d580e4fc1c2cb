import type {
  FirehoseTransformationEventRecord,
  FirehoseTransformationResultRecord,
} from 'aws-lambda';
import type { FailClosedReason } from '../redaction/redact-event';
import { decodeRecordData, toLakeRecord, type FailureReason } from './lake-record';

/**
 * Why a record is `Dropped` (delivered nowhere, on purpose). The only reason:
 * the very same event (same id, same bytes) twice in one batch, which
 * EventBridge's at-least-once delivery produces; queries deduplicate the
 * copies that arrive in different batches.
 */
export const DROP_REASONS = ['DuplicateInBatch'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Everything a batch did, for metrics and logs. */
export interface TransformStats {
  ok: number;
  dropped: Record<DropReason, number>;
  failed: Record<FailureReason, number>;
  piiSpans: number;
  piiRepeats: number;
  piiPatterns: number;
  piiWithheld: Record<FailClosedReason, number>;
  unknownDetailTypes: number;
  contractViolations: number;
}

/** A record that was not written as a lake line: what and why, for the logs (never its data). */
export interface RecordProblem {
  readonly recordId: string;
  readonly result: 'Dropped' | 'ProcessingFailed';
  readonly reason: DropReason | FailureReason;
  readonly message: string;
}

export interface TransformOutput {
  /** One result per input record, in the same order: Firehose fails the whole batch otherwise. */
  readonly records: FirehoseTransformationResultRecord[];
  readonly stats: TransformStats;
  readonly problems: RecordProblem[];
}

export const emptyStats = (): TransformStats => ({
  ok: 0,
  dropped: { DuplicateInBatch: 0 },
  failed: { NotBase64: 0, NotUtf8: 0, NotJson: 0, NotAnEvent: 0, UnsafeDetailType: 0 },
  piiSpans: 0,
  piiRepeats: 0,
  piiPatterns: 0,
  piiWithheld: { ContractViolation: 0, InvalidPiiSpans: 0 },
  unknownDetailTypes: 0,
  contractViolations: 0,
});

/**
 * The Firehose data-transformation protocol for a batch: every record gets
 * exactly one result. `Ok` carries the base64 lake line and the partition keys
 * for dynamic partitioning; `ProcessingFailed` sends the original record to the
 * error prefix; `Dropped` is only for an exact duplicate within the batch. A
 * `data` field is returned for every result, as Firehose requires.
 */
export function transformRecords(input: readonly FirehoseTransformationEventRecord[]): TransformOutput {
  const stats = emptyStats();
  const problems: RecordProblem[] = [];
  const seen = new Map<string, string>();
  const records = input.map((record): FirehoseTransformationResultRecord => {
    const decoded = decodeRecordData(record.data);
    const lake = 'json' in decoded ? toLakeRecord(decoded.json, record.approximateArrivalTimestamp) : decoded;
    if (lake.result === 'ProcessingFailed') {
      stats.failed[lake.reason]++;
      problems.push({ recordId: record.recordId, result: 'ProcessingFailed', reason: lake.reason, message: lake.message });
      return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data };
    }
    if (seen.get(lake.eventId) === record.data) {
      stats.dropped.DuplicateInBatch++;
      problems.push({
        recordId: record.recordId,
        result: 'Dropped',
        reason: 'DuplicateInBatch',
        message: `event ${lake.eventId} (${lake.detailType}) is an exact copy of an earlier record of this batch`,
      });
      return { recordId: record.recordId, result: 'Dropped', data: record.data };
    }
    seen.set(lake.eventId, record.data);
    stats.ok++;
    stats.piiSpans += lake.redaction.spans;
    stats.piiRepeats += lake.redaction.repeats;
    stats.piiPatterns += lake.redaction.patterns;
    if (lake.redaction.failClosed) stats.piiWithheld[lake.redaction.failClosed]++;
    if (!lake.knownDetailType) stats.unknownDetailTypes++;
    if (lake.contractViolation) stats.contractViolations++;
    return {
      recordId: record.recordId,
      result: 'Ok',
      data: Buffer.from(lake.line, 'utf8').toString('base64'),
      metadata: { partitionKeys: { ...lake.partitionKeys } },
    };
  });
  return { records, stats, problems };
}
