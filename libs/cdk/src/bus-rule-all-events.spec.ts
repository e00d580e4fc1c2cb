import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ALL_EVENTS, BusRule } from './bus-rule';

describe('BusRule with ALL_EVENTS', () => {
  it('matches every event of the bus, like its archive (any source, any detail-type), with retries and dead letters', () => {
    const stack = new Stack(new App(), 'CatchAll');
    const queue = new sqs.Queue(stack, 'Target');
    new BusRule(stack, 'Everything', {
      description: 'every event',
      detailTypes: ALL_EVENTS,
      target: (delivery) => new targets.SqsQueue(queue, delivery),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: [{ prefix: '' }] },
      Targets: [
        Match.objectLike({
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EverythingDeadLetters'), 'Arn'] } },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
        }),
      ],
    });
  });
});
