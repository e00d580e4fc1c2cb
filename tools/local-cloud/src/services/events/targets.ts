/**
 * Delivering one event to one rule target, by the target's ARN: Lambda (asynchronous
 * invoke), Step Functions (StartExecution), SNS, SQS (FIFO group from SqsParameters,
 * deduplicated by event id), Firehose (PutRecord), CloudWatch Logs (a stream per
 * event), and another event bus.
 */
import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutRecordCommand } from '@aws-sdk/client-firehose';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { parseArn } from '../../core/arn';
import type { Cloud } from '../../core/cloud';
import { deliverToArn } from '../../core/deliver';
import { AwsError } from '../../core/errors';
import type { BusEvent, RuleTarget } from './model';

/** The target services the local EventBridge delivers to. */
export const TARGET_SERVICES = ['lambda', 'states', 'sns', 'sqs', 'firehose', 'logs', 'events'] as const;

/** Can the local EventBridge deliver to this ARN? (Checked when rules are loaded.) */
export function supportedTarget(arn: string): boolean {
  const service = parseArn(arn)?.service;
  return (TARGET_SERVICES as readonly string[]).includes(service ?? '');
}

/** `arn:…:log-group:NAME` or `arn:…:log-group:NAME:*` → NAME. */
function logGroupName(arn: string): string {
  const resource = parseArn(arn)!.resource;
  return resource.replace(/^log-group:/, '').replace(/:\*$/, '');
}

export async function deliver(cloud: Cloud, target: RuleTarget, event: BusEvent, input: string): Promise<void> {
  const arn = parseArn(target.arn);
  switch (arn?.service) {
    case 'lambda':
    case 'sns':
      await deliverToArn(cloud, target.arn, input);
      return;
    case 'sqs':
      await deliverToArn(cloud, target.arn, input, {
        ...(target.messageGroupId ? { messageGroupId: target.messageGroupId, deduplicationId: event.id } : {}),
      });
      return;
    case 'events':
      // Bus to bus: the event itself travels (input settings do not apply).
      await deliverToArn(cloud, target.arn, JSON.stringify(event.detail), {
        event: { source: event.source, detailType: event['detail-type'], resources: event.resources },
      });
      return;
    case 'states':
      await cloud.send(new StartExecutionCommand({ stateMachineArn: target.arn, input }));
      return;
    case 'firehose':
      await cloud.send(new PutRecordCommand({ DeliveryStreamName: arn.resource.replace(/^deliverystream\//, ''), Record: { Data: Buffer.from(input) } }));
      return;
    case 'logs': {
      const group = logGroupName(target.arn);
      try {
        await cloud.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: event.id }));
      } catch (err) {
        if ((err as Error).name !== 'ResourceAlreadyExistsException') throw err;
      }
      await cloud.send(
        new PutLogEventsCommand({ logGroupName: group, logStreamName: event.id, logEvents: [{ timestamp: Date.parse(event.time), message: input }] }),
      );
      return;
    }
    default:
      throw new AwsError('InvalidParameterValue', `The local EventBridge cannot deliver to ${target.arn}`);
  }
}

/**
 * Errors EventBridge does not retry (the target is gone, the input is bad): the event
 * goes to the dead-letter queue at once.
 */
export function isRetryable(err: unknown): boolean {
  const name = (err as Error).name ?? '';
  return !/NotFound|NoSuch|NonExistent|Validation|InvalidParameter|InvalidArgument|InvalidTargetInput|DoesNotExist|NotImplemented|AccessDenied/.test(name);
}
