import { CONTRACTS, EventEnvelopeSchema, isDetailType } from '@sma/contracts';
import { redactDetail, type RedactionReport } from '../redaction/redact-event';
import { isPartitionSafe, partitionDate, type PartitionKeys } from './partition';

/** Why a record could not become a lake line (it then goes to Firehose's error prefix, untouched). */
export const FAILURE_REASONS = ['NotBase64', 'NotUtf8', 'NotJson', 'NotAnEvent', 'UnsafeDetailType'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export type LakeRecord =
  | {
      readonly result: 'Ok';
      readonly eventId: string;
      readonly detailType: string;
      /** One JSON object and a newline: the event as EventBridge delivered it, personal data redacted. */
      readonly line: string;
      readonly partitionKeys: PartitionKeys;
      readonly redaction: RedactionReport;
      /** The detail-type is in the contracts registry (the `events` table's projection lists only those). */
      readonly knownDetailType: boolean;
      /** A known detail-type whose detail breaks its contract: kept, and counted. */
      readonly contractViolation: boolean;
    }
  | { readonly result: 'ProcessingFailed'; readonly reason: FailureReason; readonly message: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const failed = (reason: FailureReason, message: string): LakeRecord => ({ result: 'ProcessingFailed', reason, message });

/** The JSON text of a Firehose record, or why there is none. */
export function decodeRecordData(data: string): { json: string } | LakeRecord {
  if (!BASE64.test(data)) return failed('NotBase64', 'data is not base64');
  try {
    return { json: utf8.decode(Buffer.from(data, 'base64')) };
  } catch {
    return failed('NotUtf8', 'data is not UTF-8 text');
  }
}

/**
 * Turns one delivered event (the JSON EventBridge put on the stream) into its
 * lake line and partition. Pure: no I/O, no clock (the arrival time is given).
 */
export function toLakeRecord(json: string, arrivalMs: number): LakeRecord {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return failed('NotJson', `data is not JSON: ${(error as Error).message}`);
  }
  const envelope = EventEnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    const where = envelope.error.issues.slice(0, 3).map((i) => i.path.map(String).join('.') || '(root)');
    return failed('NotAnEvent', `not an EventBridge event (${where.join(', ')})`);
  }
  const detailType = envelope.data['detail-type'];
  if (!isPartitionSafe(detailType)) {
    return failed('UnsafeDetailType', `detail-type ${JSON.stringify(detailType.slice(0, 64))} cannot name a partition`);
  }
  const knownDetailType = isDetailType(detailType);
  const contractViolation = knownDetailType && !CONTRACTS[detailType].schema.safeParse(envelope.data.detail).success;
  const { detail, report } = redactDetail(detailType, envelope.data.detail, knownDetailType ? !contractViolation : undefined);
  // The original object, not zod's output, so fields the envelope schema does not list are kept.
  const event = { ...(value as Record<string, unknown>), detail };
  return {
    result: 'Ok',
    eventId: envelope.data.id,
    detailType,
    line: `${JSON.stringify(event)}\n`,
    partitionKeys: { detail_type: detailType, dt: partitionDate(envelope.data.time, arrivalMs) },
    redaction: report,
    knownDetailType,
    contractViolation,
  };
}
