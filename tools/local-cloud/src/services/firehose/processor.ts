/**
 * The Firehose data-transformation protocol with a Lambda processor: the
 * event it is invoked with, and the rules its answer must keep (every input
 * record answered exactly once, by id, with a result of Ok, Dropped or
 * ProcessingFailed, base64 data for Ok, partition keys as string maps). An
 * answer that breaks them fails the whole invocation, which Firehose retries.
 * Pure.
 */

export interface BufferedRecord {
  readonly id: string;
  /** Approximate arrival, epoch ms. */
  readonly arrival: number;
  readonly data: Buffer;
}

export interface TransformationEvent {
  readonly invocationId: string;
  readonly deliveryStreamArn: string;
  readonly region: string;
  readonly records: ReadonlyArray<{ recordId: string; approximateArrivalTimestamp: number; data: string }>;
}

export type RecordOutcome =
  | { readonly result: 'Ok'; readonly record: BufferedRecord; readonly data: Buffer; readonly partitionKeys?: Readonly<Record<string, string>> }
  | { readonly result: 'Dropped'; readonly record: BufferedRecord }
  | { readonly result: 'ProcessingFailed'; readonly record: BufferedRecord; readonly errorCode: string; readonly errorMessage: string };

/** An invocation whose answer cannot be used: every record of it is retried, then failed with this code. */
export class InvocationFailure extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvocationFailure';
  }
}

export function transformationEvent(invocationId: string, streamArn: string, region: string, records: readonly BufferedRecord[]): TransformationEvent {
  return {
    invocationId,
    deliveryStreamArn: streamArn,
    region,
    records: records.map((r) => ({ recordId: r.id, approximateArrivalTimestamp: r.arrival, data: r.data.toString('base64') })),
  };
}

const RESULTS = new Set(['Ok', 'Dropped', 'ProcessingFailed']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Reads a processor's answer into one outcome per input record, or throws InvocationFailure. */
export function readTransformationResult(payload: unknown, records: readonly BufferedRecord[]): RecordOutcome[] {
  if (payload === null || typeof payload !== 'object' || !Array.isArray((payload as { records?: unknown }).records)) {
    throw new InvocationFailure('Lambda.JsonProcessingException', 'The Lambda function returned a response that is not {"records": [...]}');
  }
  const answered = (payload as { records: unknown[] }).records;
  if (answered.length !== records.length) {
    throw new InvocationFailure('Lambda.InvalidReturnRecordCount', `The Lambda function returned ${answered.length} records for ${records.length} input records`);
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  const seen = new Set<string>();
  return answered.map((raw) => {
    const r = raw as { recordId?: unknown; result?: unknown; data?: unknown; metadata?: { partitionKeys?: unknown } };
    if (typeof r.recordId !== 'string' || !byId.has(r.recordId)) {
      throw new InvocationFailure('Lambda.MissingRecordId', `The Lambda function returned a record id that was not sent: ${String(r.recordId)}`);
    }
    if (seen.has(r.recordId)) throw new InvocationFailure('Lambda.DuplicatedRecordId', `The Lambda function returned record id ${r.recordId} twice`);
    seen.add(r.recordId);
    if (typeof r.result !== 'string' || !RESULTS.has(r.result)) {
      throw new InvocationFailure('Lambda.InvalidRecordResult', `The Lambda function returned result ${String(r.result)} for record ${r.recordId}: it must be Ok, Dropped or ProcessingFailed`);
    }
    const record = byId.get(r.recordId)!;
    if (r.result === 'Dropped') return { result: 'Dropped', record };
    if (r.result === 'ProcessingFailed') {
      return { result: 'ProcessingFailed', record, errorCode: 'Lambda.ProcessingFailed', errorMessage: 'The Lambda function was successfully invoked but it returned an error result.' };
    }
    if (typeof r.data !== 'string' || !BASE64.test(r.data)) {
      throw new InvocationFailure('Lambda.InvalidRecordData', `The Lambda function returned data for record ${r.recordId} that is not base64`);
    }
    const keys = r.metadata?.partitionKeys;
    if (keys !== undefined && (keys === null || typeof keys !== 'object' || Object.values(keys).some((v) => typeof v !== 'string'))) {
      throw new InvocationFailure('Lambda.InvalidPartitionKeys', `The Lambda function returned partition keys for record ${r.recordId} that are not a map of strings`);
    }
    return { result: 'Ok', record, data: Buffer.from(r.data, 'base64'), ...(keys ? { partitionKeys: keys as Record<string, string> } : {}) };
  });
}

/** One line of the error output (what Firehose writes under the error prefix for a record it could not process). */
export function errorRecord(record: BufferedRecord, errorCode: string, errorMessage: string, attempts: number, lambdaArn?: string): string {
  return `${JSON.stringify({
    attemptsMade: attempts,
    arrivalTimestamp: record.arrival,
    errorCode,
    errorMessage,
    attemptEndingTimestamp: Date.now(),
    rawData: record.data.toString('base64'),
    ...(lambdaArn ? { lambdaArn } : {}),
  })}\n`;
}
