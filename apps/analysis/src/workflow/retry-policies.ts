import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS } from '../download/policy';

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
 * Attempts and timeouts are chosen so that even the worst case (every call
 * timing out on every attempt, every wait at its longest) ends inside
 * Express's 5 minutes: see `worstCaseExecutionSeconds` (duration.ts).
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
  maxAttempts: 4,
};

export const REKOGNITION_RETRY: sfn.RetryProps = {
  ...backoff,
  errors: [
    'Rekognition.ThrottlingException',
    'Rekognition.ProvisionedThroughputExceededException',
    'Rekognition.InternalServerErrorException',
    sfn.Errors.TIMEOUT,
  ],
  maxAttempts: 3,
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
  maxAttempts: 3,
};

/** Publishing is the one step with no fallback result: anything that fails is tried again. */
export const PUBLISH_RETRY: sfn.RetryProps = {
  ...backoff,
  errors: [sfn.Errors.ALL],
  maxAttempts: 3,
};

/** Every AWS service call of the workflow gets this long before it counts as timed out (and is retried). */
export const SERVICE_CALL_TIMEOUT = Duration.seconds(10);

/** The downloader function's timeout: the transfers' deadline, plus time to store and report. */
export const DOWNLOAD_FUNCTION_TIMEOUT = Duration.millis(DEFAULT_DOWNLOAD_TIMEOUT_MS).plus(Duration.seconds(10));

/** How long each Lambda step may take (its function's timeout plus a margin for the invocation itself). */
export const LAMBDA_STEP_TIMEOUTS = {
  prepare: Duration.seconds(15),
  download: DOWNLOAD_FUNCTION_TIMEOUT.plus(Duration.seconds(5)),
  assemble: Duration.seconds(15),
} as const;
