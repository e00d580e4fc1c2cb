import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * Retries for every AWS call the workflow makes: only errors that a later
 * attempt can cure (throttling, the service's own failures, a timed-out
 * call), with exponential backoff and full jitter so that a burst of
 * executions throttled together does not retry together.
 *
 * Error names follow Step Functions' rule for AWS SDK integrations,
 * `<Service>.<ErrorCode>` with an `Exception` suffix always present (so
 * Rekognition's `InternalServerError` is `Rekognition.InternalServerErrorException`).
 * The local cloud raises the same names.
 *
 * Worst case per call: MaxAttempts x the 10 s task timeout plus the waits
 * (at most 1 + 2 + 4 + 8 s): about a minute for Comprehend, 47 s for
 * Rekognition, which keeps the whole execution inside Express's 5 minutes
 * (README "Retries and the 5-minute budget").
 */
const backoff = {
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxDelay: Duration.seconds(8),
  jitterStrategy: sfn.JitterType.FULL,
} as const;

export const COMPREHEND_RETRY: sfn.RetryProps = {
  ...backoff,
  errors: [
    'Comprehend.TooManyRequestsException',
    'Comprehend.ThrottlingException',
    'Comprehend.InternalServerException',
    sfn.Errors.TIMEOUT,
  ],
  maxAttempts: 5,
};

export const REKOGNITION_RETRY: sfn.RetryProps = {
  ...backoff,
  errors: [
    'Rekognition.ThrottlingException',
    'Rekognition.ProvisionedThroughputExceededException',
    'Rekognition.InternalServerErrorException',
    sfn.Errors.TIMEOUT,
  ],
  maxAttempts: 4,
};

/** Lambda's own failures to run a function; a function's errors are its answer and are not retried. */
export const LAMBDA_RETRY: sfn.RetryProps = {
  ...backoff,
  errors: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
    'Lambda.ClientExecutionTimeoutException',
  ],
  maxAttempts: 4,
};

/** Publishing is the one step with no fallback result: anything that fails is tried again. */
export const PUBLISH_RETRY: sfn.RetryProps = {
  ...backoff,
  errors: [sfn.Errors.ALL],
  maxAttempts: 4,
};

/** Every AWS call of the workflow gets this long before it counts as timed out (and is retried). */
export const SERVICE_CALL_TIMEOUT = Duration.seconds(10);
