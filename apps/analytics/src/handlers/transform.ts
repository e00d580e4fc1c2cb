import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { FirehoseTransformationEvent, FirehoseTransformationResult } from 'aws-lambda';
import { publishTransformStats } from '../adapters/transform-metrics';
import { transformRecords } from '../lake/transform-records';

const logger = new Logger();
const metrics = new Metrics();
const tracer = new Tracer();

/**
 * Firehose data-transformation processor of the lake stream: each delivered
 * event becomes one redacted JSON line with its partition keys. Per-record
 * problems become `ProcessingFailed` / `Dropped` results (logged with their
 * reason, never their data, and counted); only a bug makes the invocation
 * fail, and Firehose then retries the batch and finally sends it to the error
 * prefix.
 */
export const handler = async (event: FirehoseTransformationEvent): Promise<FirehoseTransformationResult> => {
  // Lambda's own segment is a facade that takes no annotations: work in a subsegment.
  const segment = tracer.getSegment();
  const subsegment = segment?.addNewSubsegment('## transform');
  if (subsegment) tracer.setSegment(subsegment);
  try {
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    const { records, stats, problems } = transformRecords(event.records);
    for (const problem of problems) {
      logger.warn('Record not written to the lake', { invocationId: event.invocationId, ...problem });
    }
    publishTransformStats(metrics, stats);
    logger.info('Batch transformed', { invocationId: event.invocationId, records: event.records.length, ...stats });
    return { records };
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (segment) tracer.setSegment(segment);
  }
};
