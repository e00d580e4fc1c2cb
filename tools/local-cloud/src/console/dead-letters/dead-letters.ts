/**
 * The contents of every dead-letter queue, read through SQS's own operations.
 * Reading uses a zero visibility timeout, so the messages stay where they are and
 * stay visible (their receive count goes up, which a dead-letter queue has no use for).
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../core/cloud';
import { queueUrlOf } from '../../core/deliver';
import type { DeadLetterQueueView, DeadLetterView } from '../api-types';
import { deadLetterFeeds } from './feeds';

/** Messages shown per queue. */
const SHOWN = 10;

async function readQueue(cloud: Cloud, arn: string, feeds: string[]): Promise<DeadLetterQueueView> {
  const name = arn.split(':').pop() ?? arn;
  try {
    const url = await queueUrlOf(cloud, arn);
    const attrs = await cloud.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    const count = Number(attrs.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    let messages: DeadLetterView[] = [];
    if (count > 0) {
      const got = await cloud.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: SHOWN, VisibilityTimeout: 0, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }),
      );
      messages = (got.Messages ?? []).map((m) => {
        const sent = m.Attributes?.SentTimestamp;
        const receives = m.Attributes?.ApproximateReceiveCount;
        return {
          messageId: m.MessageId ?? '',
          body: m.Body ?? '',
          attributes: Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? ''])),
          ...(sent ? { sentAt: new Date(Number(sent)).toISOString() } : {}),
          ...(receives ? { receiveCount: Number(receives) } : {}),
        };
      });
    }
    return { queueArn: arn, queueUrl: url, name, feeds, count, messages };
  } catch (err) {
    return { queueArn: arn, name, feeds, count: 0, messages: [], error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

/** Every dead-letter queue of the loaded stacks, those holding messages first. */
export async function deadLetterQueues(cloud: Cloud): Promise<DeadLetterQueueView[]> {
  const feeds = deadLetterFeeds(cloud.resources.all());
  const views = await Promise.all([...feeds].map(([arn, f]) => readQueue(cloud, arn, f)));
  return views.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
