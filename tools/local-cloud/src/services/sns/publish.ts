/**
 * Publish and PublishBatch: validation of a message as SNS makes it, FIFO
 * deduplication and sequence numbers, and the choice of subscribers by their
 * filter policies. Accepted messages are in the outbox (fsynced) before the
 * call answers; delivery happens after.
 */
import type { MessageAttributeValue, PublishBatchInput, PublishBatchResponse, PublishInput, PublishResponse } from '@aws-sdk/client-sns';
import { createHash, randomUUID } from 'node:crypto';
import {
  BatchEntryIdsNotDistinctException,
  BatchRequestTooLongException,
  EmptyBatchRequestException,
  InvalidBatchEntryIdException,
  InvalidParameterException,
  InvalidParameterValueException,
  SnsError,
  TooManyEntriesInBatchRequestException,
} from './errors';
import { checkScope, compileFilterPolicy, type PublishedAttribute } from './filter-policy';
import type { PublishedMessage, SubscriptionRecord, TopicRecord } from './model';

const MAX_MESSAGE_BYTES = 262_144;
const MAX_ATTRIBUTES = 10;
const DEDUP_MS = 5 * 60 * 1000;
const SUBJECT = /^[\x20-\x7E]{1,100}$/;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!aws\.|amazon\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$/i;

function checkAttributes(raw: Record<string, MessageAttributeValue> | undefined): Record<string, PublishedAttribute> {
  const out: Record<string, PublishedAttribute> = {};
  const names = Object.keys(raw ?? {});
  if (names.length > MAX_ATTRIBUTES) throw new InvalidParameterException(`Invalid parameter: MessageAttributes Reason: Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  for (const name of names) {
    const a = raw![name]!;
    if (!ATTRIBUTE_NAME.test(name)) throw new InvalidParameterValueException(`The message attribute '${name}' has an invalid message attribute name.`);
    const type = a.DataType ?? '';
    const base = type === 'String.Array' ? type : type.split('.')[0];
    if (base === 'Binary') {
      if (!(a.BinaryValue instanceof Uint8Array)) throw new InvalidParameterValueException(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type 'Binary'.`);
      out[name] = { DataType: type, BinaryValue: Buffer.from(a.BinaryValue).toString('base64') };
      continue;
    }
    if (base !== 'String' && base !== 'Number' && base !== 'String.Array') {
      throw new InvalidParameterValueException(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const value = a.StringValue;
    if (value === undefined || value === '') {
      throw new InvalidParameterValueException(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    }
    if (base === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
      throw new InvalidParameterValueException(`Could not cast message attribute '${name}' value to number.`);
    }
    if (base === 'String.Array') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || parsed.some((v) => v !== null && typeof v === 'object')) {
        throw new InvalidParameterValueException(`The message attribute '${name}' with type 'String.Array' must use a JSON array of strings, numbers, booleans or null.`);
      }
    }
    out[name] = { DataType: type, StringValue: value };
  }
  return out;
}

function attributesSize(attributes: Readonly<Record<string, PublishedAttribute>>): number {
  return Object.entries(attributes).reduce(
    (n, [name, a]) => n + Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + (a.BinaryValue ? Buffer.from(a.BinaryValue, 'base64').length : Buffer.byteLength(a.StringValue ?? '')),
    0,
  );
}

function perProtocol(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw new InvalidParameterException('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidParameterException('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  const entries = parsed as Record<string, unknown>;
  if (typeof entries['default'] !== 'string') throw new InvalidParameterException('Invalid parameter: Message Structure - No default entry in JSON message body');
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

type PublishFields = Omit<PublishInput, 'TopicArn' | 'TargetArn' | 'PhoneNumber'>;

/** Remembers FIFO deduplication ids per topic (five minutes) and hands out sequence numbers. */
export class FifoState {
  private readonly dedup = new Map<string, { expires: number; id: string; sequenceNumber: string }>();
  private sequence = 0n;

  seen(topicArn: string, dedupId: string, now: number) {
    const entry = this.dedup.get(`${topicArn}\u0000${dedupId}`);
    return entry && entry.expires > now ? entry : undefined;
  }

  remember(topicArn: string, dedupId: string, id: string, now: number): string {
    this.sequence += 1n;
    const sequenceNumber = this.sequence.toString().padStart(20, '0');
    this.dedup.set(`${topicArn}\u0000${dedupId}`, { expires: now + DEDUP_MS, id, sequenceNumber });
    return sequenceNumber;
  }
}

/** Validates one message for a topic; `duplicate` when a FIFO topic saw its deduplication id recently. */
export function prepareMessage(
  topic: TopicRecord,
  input: PublishFields,
  fifo: FifoState,
  now = Date.now(),
): { message: PublishedMessage; duplicate: boolean } {
  const text = input.Message;
  if (text === undefined || text === '') throw new InvalidParameterException('Invalid parameter: Empty message');
  if (input.Subject !== undefined && !SUBJECT.test(input.Subject)) {
    throw new InvalidParameterException('Invalid parameter: Subject');
  }
  const attributes = checkAttributes(input.MessageAttributes);
  if (Buffer.byteLength(text) + attributesSize(attributes) > MAX_MESSAGE_BYTES) throw new InvalidParameterException('Invalid parameter: Message too long');
  if (input.MessageStructure !== undefined && input.MessageStructure !== 'json') {
    throw new InvalidParameterException(`Invalid parameter: MessageStructure Reason: ${input.MessageStructure} is not a valid value`);
  }
  const structured = input.MessageStructure === 'json' ? perProtocol(text) : undefined;
  const isFifo = topic.attributes['FifoTopic'] === 'true';
  let dedupId = input.MessageDeduplicationId;
  if (isFifo) {
    if (!input.MessageGroupId) throw new InvalidParameterException('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
    if (!dedupId) {
      if (topic.attributes['ContentBasedDeduplication'] !== 'true') {
        throw new InvalidParameterException('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
      dedupId = createHash('sha256').update(text).digest('hex');
    }
    const seen = fifo.seen(topic.arn, dedupId, now);
    if (seen) return { message: { id: seen.id, topicArn: topic.arn, message: text, attributes, timestamp: new Date(now).toISOString(), sequenceNumber: seen.sequenceNumber }, duplicate: true };
  } else if (dedupId !== undefined) {
    throw new InvalidParameterException('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  }
  const id = randomUUID();
  const sequenceNumber = isFifo ? fifo.remember(topic.arn, dedupId!, id, now) : undefined;
  return {
    message: {
      id,
      topicArn: topic.arn,
      message: text,
      ...(input.Subject !== undefined ? { subject: input.Subject } : {}),
      attributes,
      ...(structured ? { perProtocol: structured } : {}),
      timestamp: new Date(now).toISOString(),
      ...(input.MessageGroupId ? { groupId: input.MessageGroupId } : {}),
      ...(dedupId ? { dedupId } : {}),
      ...(sequenceNumber ? { sequenceNumber } : {}),
    },
    duplicate: false,
  };
}

/** The confirmed subscriptions whose filter policy lets the message through. */
export function recipients(message: PublishedMessage, subscriptions: readonly SubscriptionRecord[]): string[] {
  return subscriptions
    .filter((s) => !s.pendingConfirmation)
    .filter((s) => {
      const policy = s.attributes['FilterPolicy'];
      if (!policy) return true;
      return compileFilterPolicy(policy, checkScope(s.attributes['FilterPolicyScope']))({ body: message.message, attributes: message.attributes });
    })
    .map((s) => s.arn);
}

export type Accept = (batch: ReadonlyArray<{ message: PublishedMessage; subs: readonly string[] }>) => Promise<void>;

export async function publish(topic: TopicRecord, subscriptions: readonly SubscriptionRecord[], input: PublishFields, fifo: FifoState, accept: Accept): Promise<PublishResponse> {
  const { message, duplicate } = prepareMessage(topic, input, fifo);
  if (!duplicate) await accept([{ message, subs: recipients(message, subscriptions) }]);
  return { MessageId: message.id, ...(message.sequenceNumber ? { SequenceNumber: message.sequenceNumber } : {}) };
}

export async function publishBatch(
  topic: TopicRecord,
  subscriptions: readonly SubscriptionRecord[],
  input: PublishBatchInput,
  fifo: FifoState,
  accept: Accept,
): Promise<PublishBatchResponse> {
  const entries = input.PublishBatchRequestEntries ?? [];
  if (entries.length === 0) throw new EmptyBatchRequestException();
  if (entries.length > 10) throw new TooManyEntriesInBatchRequestException();
  const ids = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (!e.Id || !/^[A-Za-z0-9_-]{1,80}$/.test(e.Id)) throw new InvalidBatchEntryIdException();
    if (ids.has(e.Id)) throw new BatchEntryIdsNotDistinctException();
    ids.add(e.Id);
    total += Buffer.byteLength(e.Message ?? '');
  }
  if (total > MAX_MESSAGE_BYTES) throw new BatchRequestTooLongException();
  const successful: NonNullable<PublishBatchResponse['Successful']> = [];
  const failed: NonNullable<PublishBatchResponse['Failed']> = [];
  const accepted: Array<{ message: PublishedMessage; subs: readonly string[] }> = [];
  for (const e of entries) {
    try {
      const { message, duplicate } = prepareMessage(topic, e, fifo);
      if (!duplicate) accepted.push({ message, subs: recipients(message, subscriptions) });
      successful.push({ Id: e.Id!, MessageId: message.id, ...(message.sequenceNumber ? { SequenceNumber: message.sequenceNumber } : {}) });
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      const code = error.name.replace(/Exception$/, '');
      failed.push({ Id: e.Id!, Code: code === 'InvalidParameterValue' ? 'ParameterValueInvalid' : code, Message: error.message, SenderFault: true });
    }
  }
  await accept(accepted);
  return { Successful: successful, Failed: failed };
}
