import { MAX_IMAGES_PER_MESSAGE } from '@sma/contracts';
import type { Duration } from 'aws-cdk-lib';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  COMPREHEND_RETRY,
  LAMBDA_RETRY,
  LAMBDA_STEP_TIMEOUTS,
  PUBLISH_RETRY,
  REKOGNITION_RETRY,
  SERVICE_CALL_TIMEOUT,
} from './retry-policies';

/** Express workflows are stopped after five minutes: an execution cut off there publishes nothing. */
export const EXPRESS_MAX_SECONDS = 300;

/** The longest a task can take: every attempt running into its timeout, every wait at its longest. */
export function worstCaseTaskSeconds(retry: sfn.RetryProps, timeout: Duration): number {
  const retries = retry.maxAttempts ?? 3;
  const interval = retry.interval?.toSeconds() ?? 1;
  const rate = retry.backoffRate ?? 2;
  const cap = retry.maxDelay?.toSeconds() ?? Infinity;
  let waits = 0;
  for (let i = 0; i < retries; i++) waits += Math.min(interval * rate ** i, cap);
  return (retries + 1) * timeout.toSeconds() + waits;
}

/**
 * The longest an execution can run: PrepareText, then the slower of the
 * text branch (language detection, then the parallel analyses) and the
 * image branch (download, then the images in rounds of `imageConcurrency`),
 * then AssembleAnalysis and the publication, and, if that fails, the
 * fallback publication.
 */
export function worstCaseExecutionSeconds(imageConcurrency: number): number {
  const comprehend = worstCaseTaskSeconds(COMPREHEND_RETRY, SERVICE_CALL_TIMEOUT);
  const rekognition = worstCaseTaskSeconds(REKOGNITION_RETRY, SERVICE_CALL_TIMEOUT);
  const publish = worstCaseTaskSeconds(PUBLISH_RETRY, SERVICE_CALL_TIMEOUT);
  // Lambda steps are retried only on Lambda's own (fast) failures; their timeout is not retried.
  const lambda = (timeout: Duration) => worstCaseTaskSeconds(LAMBDA_RETRY, timeout) - (LAMBDA_RETRY.maxAttempts ?? 3) * timeout.toSeconds();
  const text = 2 * comprehend;
  const images = lambda(LAMBDA_STEP_TIMEOUTS.download) + Math.ceil(MAX_IMAGES_PER_MESSAGE / imageConcurrency) * rekognition;
  return lambda(LAMBDA_STEP_TIMEOUTS.prepare) + Math.max(text, images) + lambda(LAMBDA_STEP_TIMEOUTS.assemble) + 2 * publish;
}
