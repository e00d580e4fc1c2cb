import { RateLimitedError } from '../errors';

export interface RateLimitPolicy {
  /** Attempts in all, counting the first. */
  readonly maxAttempts: number;
  /** The wait when a 429 names none. */
  readonly defaultWaitMs: number;
  /** Time kept back after a wait for the retried call itself and for publishing the outcome. */
  readonly reserveMs: number;
  /** What is left of the invocation (Lambda's `getRemainingTimeInMillis`). */
  readonly remainingMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Runs `attempt`, and after a rate limit waits as long as the platform asked
 * and tries again, as long as the wait fits in this invocation with
 * `reserveMs` to spare. A wait that does not fit (X's windows are 15 minutes)
 * rethrows the `RateLimitedError`: the invocation fails and Lambda retries it
 * later, so a Lambda never sleeps past its timeout.
 */
export async function withRateLimitRetries<T>(attempt: () => Promise<T>, policy: RateLimitPolicy): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RateLimitedError) || n >= policy.maxAttempts) throw error;
      const wait = error.retryAfterMs ?? policy.defaultWaitMs;
      if (wait + policy.reserveMs > policy.remainingMs()) throw error;
      await policy.sleep(wait);
    }
  }
}
