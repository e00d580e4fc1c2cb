import type * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { TargetDelivery } from '@sma/cdk';

/**
 * A Firehose stream as a rule target, with the retry policy and dead-letter
 * queue of `BusRule` (CDK's `FirehoseDeliveryStream` target takes neither,
 * though EventBridge supports both for every target type). EventBridge puts
 * records with a role allowed exactly `PutRecord(Batch)` on this stream.
 */
export class FirehoseTarget implements events.IRuleTarget {
  constructor(
    private readonly streamArn: string,
    private readonly delivery: TargetDelivery,
  ) {}

  bind(rule: events.IRuleRef, _id?: string): events.RuleTargetConfig {
    const role = targets.singletonEventRole(rule);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resources: [this.streamArn] }),
    );
    targets.addToDeadLetterQueueResourcePolicy(rule, this.delivery.deadLetterQueue);
    return { ...targets.bindBaseTargetConfig(this.delivery), arn: this.streamArn, role };
  }
}
