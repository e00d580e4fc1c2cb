/**
 * Delivering a message to a resource by its ARN — what AWS services do for their
 * targets and destinations (EventBridge targets, Lambda destinations and dead-letter
 * queues, SNS subscriptions): an SQS queue, an SNS topic, a Lambda function
 * (asynchronously) or an event bus. In process, through the services' own operations.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PublishCommand, type MessageAttributeValue as SnsAttribute } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, SendMessageCommand, type MessageAttributeValue as SqsAttribute } from '@aws-sdk/client-sqs';
import { parseArn } from './arn';
import type { Cloud } from './cloud';
import { AwsError } from './errors';

export interface DeliveryOptions {
  /** String message attributes (SQS / SNS). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** SQS FIFO queues. */
  readonly messageGroupId?: string;
  readonly deduplicationId?: string;
  /** For an event bus: the entry's source, detail-type and resources. */
  readonly event?: { readonly source: string; readonly detailType: string; readonly resources?: readonly string[] };
}

/** The URL of an SQS queue from its ARN (the queue's `Ref` in the registry, else `GetQueueUrl`). */
export async function queueUrlOf(cloud: Cloud, queueArn: string): Promise<string> {
  const registered = cloud.resources.byArn(queueArn);
  if (registered && registered.type === 'AWS::SQS::Queue') return registered.ref;
  const arn = parseArn(queueArn);
  if (!arn) throw new AwsError('InvalidParameterValue', `Not an SQS queue ARN: ${queueArn}`);
  const out = await cloud.send(new GetQueueUrlCommand({ QueueName: arn.resource, QueueOwnerAWSAccountId: arn.account }));
  return out.QueueUrl!;
}

/** Delivers `body` (a string, usually JSON) to the resource the ARN names. */
export async function deliverToArn(cloud: Cloud, targetArn: string, body: string, options: DeliveryOptions = {}): Promise<void> {
  const arn = parseArn(targetArn);
  if (!arn) throw new AwsError('InvalidParameterValue', `Not an ARN: ${targetArn}`);
  switch (arn.service) {
    case 'sqs': {
      const attributes: Record<string, SqsAttribute> = {};
      for (const [k, v] of Object.entries(options.attributes ?? {})) attributes[k] = { DataType: 'String', StringValue: v };
      await cloud.send(
        new SendMessageCommand({
          QueueUrl: await queueUrlOf(cloud, targetArn),
          MessageBody: body,
          ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
          ...(options.messageGroupId ? { MessageGroupId: options.messageGroupId } : {}),
          ...(options.deduplicationId ? { MessageDeduplicationId: options.deduplicationId } : {}),
        }),
      );
      return;
    }
    case 'sns': {
      const attributes: Record<string, SnsAttribute> = {};
      for (const [k, v] of Object.entries(options.attributes ?? {})) attributes[k] = { DataType: 'String', StringValue: v };
      await cloud.send(
        new PublishCommand({
          TopicArn: targetArn,
          Message: body,
          ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
          ...(options.messageGroupId ? { MessageGroupId: options.messageGroupId } : {}),
          ...(options.deduplicationId ? { MessageDeduplicationId: options.deduplicationId } : {}),
        }),
      );
      return;
    }
    case 'lambda': {
      const out = await cloud.send(new InvokeCommand({ FunctionName: targetArn, InvocationType: 'Event', Payload: Buffer.from(body) }));
      if (out.StatusCode !== 202) throw new AwsError('ServiceException', `Asynchronous invoke of ${targetArn} answered ${out.StatusCode}`, { fault: 'server' });
      return;
    }
    case 'events': {
      if (!options.event) throw new AwsError('InvalidParameterValue', `Delivering to the event bus ${targetArn} needs a source and detail-type`);
      const out = await cloud.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: targetArn,
              Source: options.event.source,
              DetailType: options.event.detailType,
              Detail: body,
              ...(options.event.resources ? { Resources: [...options.event.resources] } : {}),
            },
          ],
        }),
      );
      if ((out.FailedEntryCount ?? 0) > 0) {
        const e = out.Entries?.[0];
        throw new AwsError(e?.ErrorCode ?? 'InternalException', e?.ErrorMessage ?? `PutEvents to ${targetArn} failed`);
      }
      return;
    }
    default:
      throw new AwsError('InvalidParameterValue', `The local cloud cannot deliver to ${arn.service} resources (${targetArn})`);
  }
}
