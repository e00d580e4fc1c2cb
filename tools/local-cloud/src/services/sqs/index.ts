/**
 * SQS: the awsJson1.0 protocol of current SDKs and the awsQuery protocol of
 * older clients (the Debian `awscli` 2.9 speaks query). Queues from the
 * templates' `AWS::SQS::Queue` (redrive policy, visibility, retention, FIFO),
 * long polling, visibility timeouts, dead-letter redrive on maxReceiveCount,
 * StartMessageMoveTask to move dead letters back, every change journaled.
 */
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { attributesFromTemplate } from './attributes';
import {
  changeMessageVisibility,
  changeMessageVisibilityBatch,
  deleteMessage,
  deleteMessageBatch,
  receiveMessage,
  sendMessage,
  sendMessageBatch,
} from './operations/messages';
import { MoveTasks } from './operations/move-tasks';
import {
  createQueue,
  deleteQueue,
  getQueueAttributes,
  getQueueUrl,
  listDeadLetterSourceQueues,
  listQueues,
  listQueueTags,
  purgeQueue,
  setQueueAttributes,
  tagQueue,
  untagQueue,
} from './operations/queues';
import { QueueStore } from './store';

export { QueueStore } from './store';
export * from './errors';

const RETENTION_SWEEP_MS = 60_000;

export interface SqsInstance extends ServiceInstance<'AWS::SQS::Queue'> {
  readonly store: QueueStore;
  readonly moveTasks: MoveTasks;
}

export const sqsService = defineService({
  name: 'sqs',
  signingName: 'sqs',
  protocol: 'awsJson1_0',
  alternateProtocols: ['awsQuery'],
  targetPrefix: 'AmazonSQS',
  awsQueryCompatible: true,
  xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
  sdk: () => require('@aws-sdk/client-sqs') as SdkModule,
  resourceTypes: ['AWS::SQS::Queue'],
  create: async (cloud: Cloud): Promise<SqsInstance> => {
    const store = await QueueStore.open(cloud.dataDir('sqs'), cloud.config.region, cloud.config.accountId, () => cloud.endpoint);
    const moveTasks = new MoveTasks(store);
    let timer: NodeJS.Timeout | undefined;
    return {
      store,
      moveTasks,
      operations: {
        CreateQueue: (input) => createQueue(store, input),
        DeleteQueue: (input) => deleteQueue(store, input),
        GetQueueUrl: (input) => getQueueUrl(store, input),
        ListQueues: (input) => listQueues(store, input),
        GetQueueAttributes: (input) => getQueueAttributes(store, input),
        SetQueueAttributes: (input) => setQueueAttributes(store, input),
        PurgeQueue: (input) => purgeQueue(store, input),
        ListDeadLetterSourceQueues: (input) => listDeadLetterSourceQueues(store, input),
        TagQueue: (input) => tagQueue(store, input),
        UntagQueue: (input) => untagQueue(store, input),
        ListQueueTags: (input) => listQueueTags(store, input),
        SendMessage: (input) => sendMessage(store, input),
        SendMessageBatch: (input) => sendMessageBatch(store, input),
        ReceiveMessage: (input) => receiveMessage(store, input),
        DeleteMessage: (input) => deleteMessage(store, input),
        DeleteMessageBatch: (input) => deleteMessageBatch(store, input),
        ChangeMessageVisibility: (input) => changeMessageVisibility(store, input),
        ChangeMessageVisibilityBatch: (input) => changeMessageVisibilityBatch(store, input),
        StartMessageMoveTask: (input) => moveTasks.start(input),
        CancelMessageMoveTask: (input) => moveTasks.cancel(input),
        ListMessageMoveTasks: (input) => moveTasks.list(input),
      },
      resources: {
        'AWS::SQS::Queue': async (resource: ResolvedResource) => {
          const p = resource.properties as Record<string, unknown> & { QueueName?: string; FifoQueue?: unknown; Tags?: Array<{ Key: string; Value: string }> };
          const fifo = p.FifoQueue === true || p.FifoQueue === 'true';
          const name = p.QueueName ?? `${resource.physicalName({ maxLength: fifo ? 75 : 80 })}${fifo ? '.fifo' : ''}`;
          const attributes = attributesFromTemplate(p);
          const tags = Object.fromEntries((p.Tags ?? []).map((t) => [t.Key, t.Value]));
          if (store.has(name)) {
            // Restart: keep the messages, take the template's current settings.
            await setQueueAttributes(store, { QueueUrl: store.urlOf(name), Attributes: Object.fromEntries(Object.entries(attributes).filter(([k]) => k !== 'FifoQueue')) });
          } else {
            await createQueue(store, { QueueName: name, Attributes: attributes, tags });
          }
          const queue = store.byName(name);
          return { ref: store.urlOf(name), arn: queue.arn, attributes: { Arn: queue.arn, QueueName: name, QueueUrl: store.urlOf(name) } };
        },
      },
      start() {
        timer = setInterval(() => {
          for (const queue of store.list()) {
            store.commit(queue, queue.expire(Date.now())).catch((error: unknown) => cloud.log.error('SQS retention sweep failed', { error: error as Error }));
          }
        }, RETENTION_SWEEP_MS);
        timer.unref();
      },
      async stop() {
        if (timer) clearInterval(timer);
        for (const queue of store.list()) {
          const task = moveTasks.list({ SourceArn: queue.arn, MaxResults: 10 }).Results?.find((t) => t.Status === 'RUNNING');
          if (task?.TaskHandle) moveTasks.cancel({ TaskHandle: task.TaskHandle });
        }
        await moveTasks.settle();
        await store.close();
      },
    };
  },
});
