import type {
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  ChangeMessageVisibilityRequest,
  DeleteMessageBatchRequest,
  DeleteMessageBatchResult,
  DeleteMessageRequest,
  Message,
  ReceiveMessageRequest,
  ReceiveMessageResult,
  SendMessageBatchRequest,
  SendMessageBatchResult,
  SendMessageRequest,
  SendMessageResult,
} from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { md5Hex, md5OfAttributes } from '../checksums';
import {
  BatchEntryIdsNotDistinct,
  BatchRequestTooLong,
  EmptyBatchRequest,
  InvalidBatchEntryId,
  InvalidParameterValue,
  MissingParameter,
  SqsError,
  TooManyEntriesInBatchRequest,
} from '../errors';
import { checkAttributes, checkBody, checkSystemAttributes, messageSize, selectAttributes } from '../message-input';
import type { Queue, StoredMessage } from '../queue';
import type { QueueStore } from '../store';

const MAX_BATCH = 10;
const MAX_BATCH_BYTES = 1_048_576;
/** Who sent a message, as SenderId shows (an IAM identity on AWS). */
const SENDER = 'AIDALOCALCLOUDSENDER';

type SendInput = Omit<SendMessageRequest, 'QueueUrl'>;

/** Validates one message and enqueues it (nothing is written yet: the changes come back). */
export function enqueue(queue: Queue, input: SendInput, now: number) {
  const body = checkBody(input.MessageBody);
  const attributes = checkAttributes(input.MessageAttributes);
  const system = checkSystemAttributes(input.MessageSystemAttributes);
  const size = messageSize(body, attributes);
  if (size > queue.settings.MaximumMessageSize) {
    throw new InvalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${queue.settings.MaximumMessageSize} bytes.`);
  }
  const fifo = queue.settings.FifoQueue;
  if (input.DelaySeconds !== undefined) {
    if (fifo) throw new InvalidParameterValue(`Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`);
    if (!Number.isInteger(input.DelaySeconds) || input.DelaySeconds < 0 || input.DelaySeconds > 900) {
      throw new InvalidParameterValue(`Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`);
    }
  }
  let dedupId = input.MessageDeduplicationId;
  if (fifo) {
    if (!input.MessageGroupId) throw new MissingParameter('MessageGroupId');
    if (!dedupId) {
      if (!queue.settings.ContentBasedDeduplication) {
        throw new InvalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
      dedupId = createHash('sha256').update(body).digest('hex');
    }
  } else if (dedupId !== undefined) {
    throw new InvalidParameterValue('The request includes a parameter that is not valid for this queue type: MessageDeduplicationId');
  }
  return queue.send(
    {
      body,
      md5OfBody: md5Hex(body),
      ...(attributes ? { attributes, md5OfAttributes: md5OfAttributes(attributes) } : {}),
      ...(system ? { systemAttributes: system, md5OfSystemAttributes: md5OfAttributes(system) } : {}),
      senderId: SENDER,
      ...(input.MessageGroupId ? { groupId: input.MessageGroupId } : {}),
      ...(dedupId ? { dedupId } : {}),
      ...(input.DelaySeconds !== undefined ? { delaySeconds: input.DelaySeconds } : {}),
    },
    now,
  );
}

function sendResult(m: StoredMessage): SendMessageResult {
  return {
    MessageId: m.id,
    MD5OfMessageBody: m.md5OfBody,
    ...(m.md5OfAttributes ? { MD5OfMessageAttributes: m.md5OfAttributes } : {}),
    ...(m.md5OfSystemAttributes ? { MD5OfMessageSystemAttributes: m.md5OfSystemAttributes } : {}),
    ...(m.sequenceNumber ? { SequenceNumber: m.sequenceNumber } : {}),
  };
}

export async function sendMessage(store: QueueStore, input: SendMessageRequest): Promise<SendMessageResult> {
  const queue = store.byUrl(input.QueueUrl);
  const { message, changes } = enqueue(queue, input, Date.now());
  await store.commit(queue, changes);
  return sendResult(message);
}

function checkBatch(entries: ReadonlyArray<{ Id?: string | undefined }> | undefined): void {
  if (!entries || entries.length === 0) throw new EmptyBatchRequest();
  if (entries.length > MAX_BATCH) throw new TooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const e of entries) {
    if (!e.Id || !/^[A-Za-z0-9_-]{1,80}$/.test(e.Id)) throw new InvalidBatchEntryId(e.Id ?? '');
    if (seen.has(e.Id)) throw new BatchEntryIdsNotDistinct(e.Id);
    seen.add(e.Id);
  }
}

function failure(id: string, error: unknown) {
  const e = error as SqsError;
  return { Id: id, SenderFault: true, Code: e.queryErrorCode ?? e.name, Message: e.message };
}

export async function sendMessageBatch(store: QueueStore, input: SendMessageBatchRequest): Promise<SendMessageBatchResult> {
  const queue = store.byUrl(input.QueueUrl);
  checkBatch(input.Entries);
  const total = input.Entries!.reduce((n, e) => n + (e.MessageBody ? Buffer.byteLength(e.MessageBody) : 0), 0);
  if (total > MAX_BATCH_BYTES) throw new BatchRequestTooLong(total, MAX_BATCH_BYTES);
  const now = Date.now();
  const successful: NonNullable<SendMessageBatchResult['Successful']> = [];
  const failed: NonNullable<SendMessageBatchResult['Failed']> = [];
  const changes = [];
  for (const entry of input.Entries!) {
    try {
      const sent = enqueue(queue, entry, now);
      changes.push(...sent.changes);
      successful.push({ Id: entry.Id!, ...sendResult(sent.message) } as NonNullable<SendMessageBatchResult['Successful']>[number]);
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      failed.push(failure(entry.Id!, error));
    }
  }
  await store.commit(queue, changes);
  return { Successful: successful, Failed: failed };
}

const SYSTEM_NAMES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

function systemAttributes(m: StoredMessage, requested: readonly string[]): Message['Attributes'] {
  const all = requested.includes('All');
  const values: Record<(typeof SYSTEM_NAMES)[number], string | undefined> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: m.firstReceiveAt !== undefined ? String(m.firstReceiveAt) : undefined,
    SequenceNumber: m.sequenceNumber,
    MessageDeduplicationId: m.dedupId,
    MessageGroupId: m.groupId,
    AWSTraceHeader: m.systemAttributes?.['AWSTraceHeader']?.StringValue,
    DeadLetterQueueSourceArn: m.sourceArn,
  };
  const out: Record<string, string> = {};
  for (const name of SYSTEM_NAMES) {
    const value = values[name];
    if (value !== undefined && (all || requested.includes(name))) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Moves messages past maxReceiveCount to the queue's dead-letter queue (durable there before gone here). */
export async function redriveDeadLetters(store: QueueStore, queue: Queue, deadLetters: readonly StoredMessage[], now: number): Promise<void> {
  if (deadLetters.length === 0) return;
  const target = store.byArn(queue.settings.RedrivePolicy!.deadLetterTargetArn);
  if (!target) {
    // No dead-letter queue to move them to: they stay where they are (and are not delivered again).
    const kept = deadLetters.map((m) => ({ op: 'put' as const, m }));
    kept.forEach((c) => queue.apply(c));
    await store.commit(queue, kept);
    return;
  }
  await store.commit(target, deadLetters.flatMap((m) => target.adopt(m, now, queue.arn)));
}

export async function receiveMessage(store: QueueStore, input: ReceiveMessageRequest): Promise<ReceiveMessageResult> {
  const queue = store.byUrl(input.QueueUrl);
  const max = input.MaxNumberOfMessages ?? 1;
  if (!Number.isInteger(max) || max < 1 || max > 10) {
    throw new InvalidParameterValue(`Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`);
  }
  const wait = input.WaitTimeSeconds ?? queue.settings.ReceiveMessageWaitTimeSeconds;
  if (!Number.isInteger(wait) || wait < 0 || wait > 20) {
    throw new InvalidParameterValue(`Value ${wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`);
  }
  const visibility = input.VisibilityTimeout ?? queue.settings.VisibilityTimeout;
  if (!Number.isInteger(visibility) || visibility < 0 || visibility > 43_200) {
    throw new InvalidParameterValue(`Value ${visibility} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.`);
  }
  const requestedSystem = [...(input.MessageSystemAttributeNames ?? []), ...((input.AttributeNames as string[] | undefined) ?? [])];
  const deadline = Date.now() + wait * 1000;
  for (;;) {
    const now = Date.now();
    const { delivered, deadLetters, changes } = queue.receive(max, visibility, now);
    await store.commit(queue, changes);
    await redriveDeadLetters(store, queue, deadLetters, now);
    if (delivered.length > 0 || now >= deadline || !store.has(queue.name)) {
      return {
        Messages: delivered.map((m) => {
          const attributes = selectAttributes(m.attributes, input.MessageAttributeNames);
          return {
            MessageId: m.id,
            ReceiptHandle: m.handle!,
            MD5OfBody: m.md5OfBody,
            Body: m.body,
            ...(systemAttributes(m, requestedSystem) ? { Attributes: systemAttributes(m, requestedSystem) } : {}),
            ...(attributes ? { MessageAttributes: attributes, MD5OfMessageAttributes: md5OfAttributes(Object.fromEntries(Object.keys(attributes).map((k) => [k, m.attributes![k]!]))) } : {}),
          };
        }),
      };
    }
    const next = queue.nextVisibleAt(now);
    await store.waitForMessages(queue, Math.min(deadline, next ?? deadline) - now);
  }
}

export async function deleteMessage(store: QueueStore, input: DeleteMessageRequest): Promise<Record<string, never>> {
  const queue = store.byUrl(input.QueueUrl);
  if (!input.ReceiptHandle) throw new MissingParameter('ReceiptHandle');
  await store.commit(queue, queue.delete(input.ReceiptHandle));
  return {};
}

export async function deleteMessageBatch(store: QueueStore, input: DeleteMessageBatchRequest): Promise<DeleteMessageBatchResult> {
  const queue = store.byUrl(input.QueueUrl);
  checkBatch(input.Entries);
  const successful: NonNullable<DeleteMessageBatchResult['Successful']> = [];
  const failed: NonNullable<DeleteMessageBatchResult['Failed']> = [];
  const changes = [];
  for (const entry of input.Entries!) {
    try {
      changes.push(...queue.delete(entry.ReceiptHandle ?? ''));
      successful.push({ Id: entry.Id! });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      failed.push(failure(entry.Id!, error));
    }
  }
  await store.commit(queue, changes);
  return { Successful: successful, Failed: failed };
}

export async function changeMessageVisibility(store: QueueStore, input: ChangeMessageVisibilityRequest): Promise<Record<string, never>> {
  const queue = store.byUrl(input.QueueUrl);
  if (!input.ReceiptHandle) throw new MissingParameter('ReceiptHandle');
  if (input.VisibilityTimeout === undefined) throw new MissingParameter('VisibilityTimeout');
  const changes = queue.changeVisibility(input.ReceiptHandle, input.VisibilityTimeout, Date.now());
  await store.commit(queue, changes);
  if (input.VisibilityTimeout === 0) store.wake(queue);
  return {};
}

export async function changeMessageVisibilityBatch(store: QueueStore, input: ChangeMessageVisibilityBatchRequest): Promise<ChangeMessageVisibilityBatchResult> {
  const queue = store.byUrl(input.QueueUrl);
  checkBatch(input.Entries);
  const successful: NonNullable<ChangeMessageVisibilityBatchResult['Successful']> = [];
  const failed: NonNullable<ChangeMessageVisibilityBatchResult['Failed']> = [];
  const changes = [];
  const now = Date.now();
  for (const entry of input.Entries!) {
    try {
      changes.push(...queue.changeVisibility(entry.ReceiptHandle ?? '', entry.VisibilityTimeout ?? 0, now));
      successful.push({ Id: entry.Id! });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      failed.push(failure(entry.Id!, error));
    }
  }
  await store.commit(queue, changes);
  store.wake(queue);
  return { Successful: successful, Failed: failed };
}
