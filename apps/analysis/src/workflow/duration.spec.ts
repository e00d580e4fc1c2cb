import { Duration } from 'aws-cdk-lib';
import { COMPREHEND_RETRY, REKOGNITION_RETRY, SERVICE_CALL_TIMEOUT } from './retry-policies';
import { EXPRESS_MAX_SECONDS, worstCaseExecutionSeconds, worstCaseTaskSeconds } from './duration';

describe('the workflow’s time budget', () => {
  it('adds every attempt’s timeout and every capped wait', () => {
    expect(worstCaseTaskSeconds({ maxAttempts: 3, interval: Duration.seconds(1), backoffRate: 2 }, Duration.seconds(10))).toBe(40 + 1 + 2 + 4);
    expect(worstCaseTaskSeconds({ maxAttempts: 5, interval: Duration.seconds(1), backoffRate: 2, maxDelay: Duration.seconds(8) }, Duration.seconds(1))).toBe(
      6 + 1 + 2 + 4 + 8 + 8,
    );
    expect(worstCaseTaskSeconds(COMPREHEND_RETRY, SERVICE_CALL_TIMEOUT)).toBe(65);
    expect(worstCaseTaskSeconds(REKOGNITION_RETRY, SERVICE_CALL_TIMEOUT)).toBe(47);
  });

  it('ends inside Express’s five minutes for every image concurrency the stack accepts', () => {
    for (const concurrency of [2, 3, 4]) expect(worstCaseExecutionSeconds(concurrency)).toBeLessThan(EXPRESS_MAX_SECONDS);
    expect(worstCaseExecutionSeconds(2)).toBe(274);
    expect(worstCaseExecutionSeconds(1)).toBeGreaterThan(EXPRESS_MAX_SECONDS);
  });
});
