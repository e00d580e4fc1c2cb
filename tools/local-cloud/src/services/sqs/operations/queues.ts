import type {
  CreateQueueRequest,
  CreateQueueResult,
  DeleteQueueRequest,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  GetQueueUrlRequest,
  GetQueueUrlResult,
  ListDeadLetterSourceQueuesRequest,
  ListDeadLetterSourceQueuesResult,
  ListQueueTagsRequest,
  ListQueueTagsResult,
  ListQueuesRequest,
  ListQueuesResult,
  PurgeQueueRequest,
  SetQueueAttributesRequest,
  TagQueueRequest,
  UntagQueueRequest,
} from '@aws-sdk/client-sqs';
import { applyAttributes, DEFAULT_SETTINGS, SETTABLE_ATTRIBUTES, settingsAsAttributes } from '../attributes';
import { InvalidAttributeName, InvalidParameterValue, PurgeQueueInProgress, QueueDoesNotExist, QueueNameExists, SqsError } from '../errors';
import type { Queue } from '../queue';
import type { QueueStore } from '../store';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** PurgeQueue may run once every 60 seconds per queue. */
const PURGE_INTERVAL_MS = 60_000;

export function checkQueueName(name: string | undefined, fifo: boolean): string {
  const bare = name?.endsWith('.fifo') ? name.slice(0, -5) : name;
  if (!name || !bare || !QUEUE_NAME.test(bare) || name.length > 80) {
    throw new InvalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
  if (fifo !== name.endsWith('.fifo')) {
    throw new InvalidParameterValue(fifo ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.' : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
  return name;
}

/** Creates a queue; a second CreateQueue with the same name and attributes answers the same URL. */
export async function createQueue(store: QueueStore, input: CreateQueueRequest, now = Date.now()): Promise<CreateQueueResult> {
  const attributes = (input.Attributes ?? {}) as Record<string, string>;
  const fifo = attributes['FifoQueue'] === 'true';
  const name = checkQueueName(input.QueueName, fifo);
  const settings = applyAttributes(DEFAULT_SETTINGS, attributes, { creating: true });
  if (settings.RedrivePolicy && !store.byArn(settings.RedrivePolicy.deadLetterTargetArn)) {
    throw new InvalidParameterValue(`Value ${JSON.stringify(settings.RedrivePolicy)} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`);
  }
  if (store.has(name)) {
    const current = settingsAsAttributes(store.byName(name).settings);
    const asked = settingsAsAttributes(settings);
    const differs = Object.keys(attributes).filter((k) => current[k] !== asked[k]);
    if (differs.length > 0) throw new QueueNameExists(name);
    return { QueueUrl: store.urlOf(name) };
  }
  if (store.recentlyDeleted(name, now)) {
    throw new SqsError('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.', 'AWS.SimpleQueueService.QueueDeletedRecently');
  }
  await store.create(name, settings, { ...(input.tags ?? {}) }, now);
  return { QueueUrl: store.urlOf(name) };
}

export async function deleteQueue(store: QueueStore, input: DeleteQueueRequest): Promise<Record<string, never>> {
  await store.delete(store.byUrl(input.QueueUrl));
  return {};
}

export async function getQueueUrl(store: QueueStore, input: GetQueueUrlRequest): Promise<GetQueueUrlResult> {
  if (!input.QueueName || !store.has(input.QueueName)) throw new QueueDoesNotExist();
  return { QueueUrl: store.urlOf(input.QueueName) };
}

export async function listQueues(store: QueueStore, input: ListQueuesRequest): Promise<ListQueuesResult> {
  const names = store.list().map((q) => q.name).filter((n) => !input.QueueNamePrefix || n.startsWith(input.QueueNamePrefix));
  const max = input.MaxResults;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000)) {
    throw new InvalidParameterValue(`Value ${max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.`);
  }
  const after = input.NextToken ? Buffer.from(input.NextToken, 'base64').toString('utf8') : undefined;
  const rest = after === undefined ? names : names.filter((n) => n > after);
  const page = rest.slice(0, max ?? 1000);
  return {
    QueueUrls: page.map((n) => store.urlOf(n)),
    ...(max !== undefined && rest.length > max ? { NextToken: Buffer.from(page[page.length - 1]!).toString('base64') } : {}),
  };
}

const COMPUTED = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
];
const NAMED = [...COMPUTED, ...SETTABLE_ATTRIBUTES];

export function queueAttributes(queue: Queue, now = Date.now()): Record<string, string> {
  const counts = queue.counts(now);
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.modifiedAt / 1000)),
    ...settingsAsAttributes(queue.settings),
  };
}

export async function getQueueAttributes(store: QueueStore, input: GetQueueAttributesRequest): Promise<GetQueueAttributesResult> {
  const queue = store.byUrl(input.QueueUrl);
  const names = (input.AttributeNames as string[] | undefined) ?? [];
  for (const n of names) if (n !== 'All' && !NAMED.includes(n)) throw new InvalidAttributeName(n);
  const all = queueAttributes(queue);
  const picked = names.includes('All') ? all : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
  return Object.keys(picked).length > 0 ? { Attributes: picked } : {};
}

export async function setQueueAttributes(store: QueueStore, input: SetQueueAttributesRequest): Promise<Record<string, never>> {
  const queue = store.byUrl(input.QueueUrl);
  const attributes = (input.Attributes ?? {}) as Record<string, string>;
  for (const n of Object.keys(attributes)) if (COMPUTED.includes(n)) throw new InvalidAttributeName(n);
  const settings = applyAttributes(queue.settings, attributes, { creating: false });
  if (settings.RedrivePolicy && settings.RedrivePolicy.deadLetterTargetArn !== queue.settings.RedrivePolicy?.deadLetterTargetArn && !store.byArn(settings.RedrivePolicy.deadLetterTargetArn)) {
    throw new InvalidParameterValue('Value for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.');
  }
  queue.settings = settings;
  store.save(queue);
  return {};
}

export async function purgeQueue(store: QueueStore, input: PurgeQueueRequest, now = Date.now()): Promise<Record<string, never>> {
  const queue = store.byUrl(input.QueueUrl);
  if (now - queue.lastPurge < PURGE_INTERVAL_MS) throw new PurgeQueueInProgress(store.urlOf(queue.name));
  queue.lastPurge = now;
  await store.commit(queue, queue.purge());
  return {};
}

export async function listDeadLetterSourceQueues(store: QueueStore, input: ListDeadLetterSourceQueuesRequest): Promise<ListDeadLetterSourceQueuesResult> {
  const dlq = store.byUrl(input.QueueUrl);
  return { queueUrls: store.list().filter((q) => q.settings.RedrivePolicy?.deadLetterTargetArn === dlq.arn).map((q) => store.urlOf(q.name)) };
}

export async function tagQueue(store: QueueStore, input: TagQueueRequest): Promise<Record<string, never>> {
  const queue = store.byUrl(input.QueueUrl);
  queue.tags = { ...queue.tags, ...(input.Tags ?? {}) };
  if (Object.keys(queue.tags).length > 50) throw new InvalidParameterValue('Too many tags added for queue (at most 50).');
  store.save(queue);
  return {};
}

export async function untagQueue(store: QueueStore, input: UntagQueueRequest): Promise<Record<string, never>> {
  const queue = store.byUrl(input.QueueUrl);
  queue.tags = Object.fromEntries(Object.entries(queue.tags).filter(([k]) => !(input.TagKeys ?? []).includes(k)));
  store.save(queue);
  return {};
}

export async function listQueueTags(store: QueueStore, input: ListQueueTagsRequest): Promise<ListQueueTagsResult> {
  const queue = store.byUrl(input.QueueUrl);
  return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
}
