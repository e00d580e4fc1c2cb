import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

/**
 * Powertools for every handler of the service (each handler is its own bundle,
 * so each Lambda gets its own instances). Service name and namespace come from
 * the environment `HandlerFunction` sets.
 */
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();

/**
 * Runs one invocation with the request's context in every log line and the
 * metrics flushed at the end, also when the work throws (the error then
 * propagates, so Lambda retries and dead-letters it).
 */
export async function observed<T>(context: Context, work: () => Promise<T>): Promise<T> {
  logger.addContext(context);
  try {
    return await work();
  } catch (error) {
    logger.error('Invocation failed', { error: error as Error });
    throw error;
  } finally {
    metrics.publishStoredMetrics();
  }
}
