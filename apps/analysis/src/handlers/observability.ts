import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { InvalidStepInputError } from '../errors';
import type { StepName } from '../workflow/steps';

/**
 * One of each per function instance, created at init (the service name and
 * namespace come from HandlerFunction's environment). The Tracer lives with
 * the one handler that makes AWS calls, so the pure steps do not load the X-Ray SDK.
 */
export const logger = new Logger();
export const metrics = new Metrics();
export { MetricUnit };

/** Parses a step's input, turning a mismatch into a typed error that names the step and the fields. */
export function parseStepInput<S extends z.ZodType>(step: StepName, schema: S, event: unknown): z.infer<S> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidStepInputError(
      step,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * Wraps a workflow step's handler: Lambda context on every log line, the error
 * logged with its name (which is what the workflow's Catch records), metrics
 * flushed whatever happens (when there are any).
 */
export function stepHandler<I, O>(step: StepName, run: (event: I) => Promise<O>) {
  return async (event: I, context: Context): Promise<O> => {
    logger.addContext(context);
    logger.appendKeys({ step });
    try {
      return await run(event);
    } catch (error) {
      logger.error(`${step} failed`, error as Error);
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
