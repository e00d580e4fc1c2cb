import type {
  ConfirmSubscriptionInput,
  ConfirmSubscriptionResponse,
  CreateTopicInput,
  CreateTopicResponse,
  DeleteTopicInput,
  GetSubscriptionAttributesInput,
  GetSubscriptionAttributesResponse,
  GetTopicAttributesInput,
  GetTopicAttributesResponse,
  ListSubscriptionsByTopicInput,
  ListSubscriptionsByTopicResponse,
  ListSubscriptionsInput,
  ListSubscriptionsResponse,
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  ListTopicsInput,
  ListTopicsResponse,
  SetSubscriptionAttributesInput,
  SetTopicAttributesInput,
  SubscribeInput,
  SubscribeResponse,
  TagResourceRequest,
  UnsubscribeInput,
  UntagResourceRequest,
} from '@aws-sdk/client-sns';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { InvalidParameterException, NotFoundException } from './errors';
import { checkScope, compileFilterPolicy } from './filter-policy';
import { PROTOCOLS, type Protocol, type SubscriptionRecord, type TopicRecord } from './model';
import type { SnsStore } from './store';

export interface SnsContext {
  readonly store: SnsStore;
  readonly region: string;
  readonly account: string;
  /** Sends the SubscriptionConfirmation to a new pending http(s) subscription. */
  readonly requestConfirmation: (sub: SubscriptionRecord, topic: TopicRecord) => void;
  /** Records that an e-mail subscription was confirmed locally (no mail is sent). */
  readonly noteEmailConfirmed: (sub: SubscriptionRecord) => void;
}

const TOPIC_ATTRIBUTES = ['DisplayName', 'Policy', 'DeliveryPolicy', 'KmsMasterKeyId', 'FifoTopic', 'ContentBasedDeduplication', 'SignatureVersion', 'TracingConfig', 'ArchivePolicy', 'FifoThroughputScope', 'DataProtectionPolicy'];
const SUBSCRIPTION_ATTRIBUTES = ['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy', 'DeliveryPolicy', 'SubscriptionRoleArn', 'ReplayPolicy'];
const PAGE = 100;

function checkTopicAttributes(attributes: Record<string, string>, creating: boolean): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (!TOPIC_ATTRIBUTES.includes(name) || (!creating && name === 'FifoTopic')) throw new InvalidParameterException(`Invalid parameter: AttributeName`);
    if ((name === 'FifoTopic' || name === 'ContentBasedDeduplication') && value !== 'true' && value !== 'false') {
      throw new InvalidParameterException(`Invalid parameter: Attributes Reason: ${name} must be true or false`);
    }
    if (name === 'SignatureVersion' && value !== '1' && value !== '2') throw new InvalidParameterException('Invalid parameter: Attributes Reason: SignatureVersion must be 1 or 2');
    if ((name === 'DeliveryPolicy' || name === 'Policy') && value !== '') jsonAttribute(name, value);
  }
}

function jsonAttribute(name: string, value: string): void {
  try {
    JSON.parse(value);
  } catch {
    throw new InvalidParameterException(`Invalid parameter: Attributes Reason: ${name}: failed to parse JSON`);
  }
}

function checkSubscriptionAttribute(name: string, value: string, protocol: Protocol): void {
  if (!SUBSCRIPTION_ATTRIBUTES.includes(name)) throw new InvalidParameterException('Invalid parameter: AttributeName');
  if (name === 'RawMessageDelivery') {
    if (value !== 'true' && value !== 'false') throw new InvalidParameterException('Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value');
    if (value === 'true' && !['sqs', 'http', 'https', 'firehose'].includes(protocol)) {
      throw new InvalidParameterException(`Invalid parameter: Attributes Reason: Delivery protocol [${protocol}] does not support raw message delivery.`);
    }
  }
  if (name === 'FilterPolicyScope') checkScope(value);
  if (name === 'RedrivePolicy' && value !== '') {
    jsonAttribute(name, value);
    const target = (JSON.parse(value) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    if (typeof target !== 'string' || !target.startsWith('arn:')) {
      throw new InvalidParameterException('Invalid parameter: RedrivePolicy: deadLetterTargetArn is missing or not an ARN');
    }
  }
  if (name === 'DeliveryPolicy' && value !== '') jsonAttribute(name, value);
}

function checkFilterPolicy(attributes: Record<string, string>): void {
  if (attributes['FilterPolicy']) compileFilterPolicy(attributes['FilterPolicy'], checkScope(attributes['FilterPolicyScope']));
}

export function topicArnOf(ctx: SnsContext, name: string): string {
  return `arn:aws:sns:${ctx.region}:${ctx.account}:${name}`;
}

export async function createTopic(ctx: SnsContext, input: CreateTopicInput): Promise<CreateTopicResponse> {
  const attributes = { ...(input.Attributes ?? {}) };
  const fifo = attributes['FifoTopic'] === 'true';
  const name = input.Name ?? '';
  const bare = fifo ? name.replace(/\.fifo$/, '') : name;
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(bare) || fifo !== name.endsWith('.fifo') || name.length > 256) {
    throw new InvalidParameterException(
      fifo ? 'Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.' : 'Invalid parameter: Topic Name',
    );
  }
  checkTopicAttributes(attributes, true);
  const arn = topicArnOf(ctx, name);
  const existing = ctx.store.topics.get(arn);
  if (existing) {
    // CreateTopic is idempotent for the same name and attributes.
    const differs = Object.entries(attributes).some(([k, v]) => (existing.attributes[k] ?? '') !== v);
    if (differs) throw new InvalidParameterException('Invalid parameter: Attributes Reason: Topic already exists with different attributes');
    return { TopicArn: arn };
  }
  ctx.store.topics.set(arn, { name, arn, attributes, tags: Object.fromEntries((input.Tags ?? []).map((t) => [t.Key!, t.Value!])), createdAt: Date.now() });
  ctx.store.save();
  return { TopicArn: arn };
}

export async function deleteTopic(ctx: SnsContext, input: DeleteTopicInput): Promise<Record<string, never>> {
  const topic = ctx.store.topics.get(input.TopicArn ?? '');
  if (!topic) return {}; // SNS answers success for a topic that is already gone
  for (const sub of ctx.store.subscriptionsOf(topic.arn)) ctx.store.subscriptions.delete(sub.arn);
  ctx.store.topics.delete(topic.arn);
  ctx.store.save();
  return {};
}

export async function listTopics(ctx: SnsContext, input: ListTopicsInput): Promise<ListTopicsResponse> {
  const arns = [...ctx.store.topics.keys()].sort();
  const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString('utf8')) : 0;
  const page = arns.slice(start, start + PAGE);
  return { Topics: page.map((TopicArn) => ({ TopicArn })), ...(start + PAGE < arns.length ? { NextToken: Buffer.from(String(start + PAGE)).toString('base64') } : {}) };
}

export async function getTopicAttributes(ctx: SnsContext, input: GetTopicAttributesInput): Promise<GetTopicAttributesResponse> {
  const topic = ctx.store.topic(input.TopicArn);
  const subs = ctx.store.subscriptionsOf(topic.arn);
  const policy = JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: topic.arn, Condition: { StringEquals: { 'AWS:SourceOwner': ctx.account } } }],
  });
  return {
    Attributes: {
      TopicArn: topic.arn,
      Owner: ctx.account,
      Policy: policy,
      DisplayName: '',
      SubscriptionsPending: String(subs.filter((s) => s.pendingConfirmation).length),
      SubscriptionsConfirmed: String(subs.filter((s) => !s.pendingConfirmation).length),
      SubscriptionsDeleted: '0',
      EffectiveDeliveryPolicy: JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' }, disableSubscriptionOverrides: false } }),
      ...topic.attributes,
    },
  };
}

export async function setTopicAttributes(ctx: SnsContext, input: SetTopicAttributesInput): Promise<Record<string, never>> {
  const topic = ctx.store.topic(input.TopicArn);
  const name = input.AttributeName ?? '';
  checkTopicAttributes({ [name]: input.AttributeValue ?? '' }, false);
  topic.attributes = { ...topic.attributes, [name]: input.AttributeValue ?? '' };
  ctx.store.save();
  return {};
}

function checkEndpoint(protocol: Protocol, endpoint: string): void {
  const ok =
    protocol === 'email' || protocol === 'email-json'
      ? /^[^@\s]+@[^@\s]+$/.test(endpoint)
      : protocol === 'http' || protocol === 'https'
        ? endpoint.startsWith(`${protocol}://`)
        : endpoint.startsWith(`arn:aws:${protocol === 'lambda' ? 'lambda' : protocol}:`);
  if (!ok) throw new InvalidParameterException(`Invalid parameter: ${protocol === 'email' || protocol === 'email-json' ? 'Email address' : 'Endpoint'}`);
}

/** Subscribes an endpoint. SQS, Lambda, Firehose and (locally) e-mail are confirmed at once; http(s) get a SubscriptionConfirmation. */
export async function subscribe(ctx: SnsContext, input: SubscribeInput, fixedArn?: string): Promise<SubscribeResponse> {
  const topic = ctx.store.topic(input.TopicArn);
  const protocol = input.Protocol as Protocol;
  if (!PROTOCOLS.includes(protocol)) throw new InvalidParameterException(`Invalid parameter: Amazon SNS does not support this protocol string: ${input.Protocol ?? ''}`);
  const endpoint = input.Endpoint ?? '';
  checkEndpoint(protocol, endpoint);
  const attributes = { ...(input.Attributes ?? {}) };
  for (const [k, v] of Object.entries(attributes)) checkSubscriptionAttribute(k, v, protocol);
  checkFilterPolicy(attributes);
  const existing = ctx.store.subscriptionsOf(topic.arn).find((s) => s.protocol === protocol && s.endpoint === endpoint);
  if (existing) {
    const differs = Object.entries(attributes).some(([k, v]) => (existing.attributes[k] ?? '') !== v);
    if (differs && !fixedArn) throw new InvalidParameterException('Invalid parameter: Attributes Reason: Subscription already exists with different attributes');
    if (differs) {
      existing.attributes = attributes;
      ctx.store.save();
    }
    return { SubscriptionArn: existing.pendingConfirmation && !input.ReturnSubscriptionArn ? 'pending confirmation' : existing.arn };
  }
  const http = protocol === 'http' || protocol === 'https';
  const sub: SubscriptionRecord = {
    arn: fixedArn ?? `${topic.arn}:${randomUUID()}`,
    topicArn: topic.arn,
    protocol,
    endpoint,
    attributes,
    pendingConfirmation: http,
    ...(http ? { token: randomBytes(64).toString('hex') } : {}),
    confirmationWasAuthenticated: !http,
    createdAt: Date.now(),
  };
  ctx.store.subscriptions.set(sub.arn, sub);
  ctx.store.save();
  if (http) ctx.requestConfirmation(sub, topic);
  if (protocol === 'email' || protocol === 'email-json') ctx.noteEmailConfirmed(sub);
  return { SubscriptionArn: http && !input.ReturnSubscriptionArn ? 'pending confirmation' : sub.arn };
}

/** The ARN a template's subscription keeps across restarts. */
export function stableSubscriptionArn(topicArn: string, stack: string, logicalId: string): string {
  const h = createHash('sha256').update(`${stack}/${logicalId}`).digest('hex');
  return `${topicArn}:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export async function confirmSubscription(ctx: SnsContext, input: ConfirmSubscriptionInput): Promise<ConfirmSubscriptionResponse> {
  ctx.store.topic(input.TopicArn);
  const sub = ctx.store.subscriptionsOf(input.TopicArn!).find((s) => s.token !== undefined && s.token === input.Token);
  if (!sub) throw new InvalidParameterException('Invalid parameter: Token');
  sub.pendingConfirmation = false;
  sub.confirmationWasAuthenticated = input.AuthenticateOnUnsubscribe === 'true';
  ctx.store.save();
  return { SubscriptionArn: sub.arn };
}

export async function unsubscribe(ctx: SnsContext, input: UnsubscribeInput): Promise<Record<string, never>> {
  const sub = ctx.store.subscription(input.SubscriptionArn);
  ctx.store.subscriptions.delete(sub.arn);
  ctx.store.save();
  return {};
}

function listed(ctx: SnsContext, s: SubscriptionRecord) {
  return { SubscriptionArn: s.pendingConfirmation ? 'PendingConfirmation' : s.arn, Owner: ctx.account, Protocol: s.protocol, Endpoint: s.endpoint, TopicArn: s.topicArn };
}

function pageOf<T>(items: T[], token: string | undefined): { page: T[]; next?: string } {
  const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new InvalidParameterException('Invalid parameter: NextToken');
  return { page: items.slice(start, start + PAGE), ...(start + PAGE < items.length ? { next: Buffer.from(String(start + PAGE)).toString('base64') } : {}) };
}

export async function listSubscriptions(ctx: SnsContext, input: ListSubscriptionsInput): Promise<ListSubscriptionsResponse> {
  const { page, next } = pageOf([...ctx.store.subscriptions.values()], input.NextToken);
  return { Subscriptions: page.map((s) => listed(ctx, s)), ...(next ? { NextToken: next } : {}) };
}

export async function listSubscriptionsByTopic(ctx: SnsContext, input: ListSubscriptionsByTopicInput): Promise<ListSubscriptionsByTopicResponse> {
  const topic = ctx.store.topic(input.TopicArn);
  const { page, next } = pageOf(ctx.store.subscriptionsOf(topic.arn), input.NextToken);
  return { Subscriptions: page.map((s) => listed(ctx, s)), ...(next ? { NextToken: next } : {}) };
}

export async function getSubscriptionAttributes(ctx: SnsContext, input: GetSubscriptionAttributesInput): Promise<GetSubscriptionAttributesResponse> {
  const sub = ctx.store.subscription(input.SubscriptionArn);
  return {
    Attributes: {
      SubscriptionArn: sub.arn,
      TopicArn: sub.topicArn,
      Protocol: sub.protocol,
      Endpoint: sub.endpoint,
      Owner: ctx.account,
      PendingConfirmation: String(sub.pendingConfirmation),
      ConfirmationWasAuthenticated: String(sub.confirmationWasAuthenticated),
      RawMessageDelivery: 'false',
      ...(sub.attributes['FilterPolicy'] ? { FilterPolicyScope: 'MessageAttributes' } : {}),
      ...sub.attributes,
    },
  };
}

export async function setSubscriptionAttributes(ctx: SnsContext, input: SetSubscriptionAttributesInput): Promise<Record<string, never>> {
  const sub = ctx.store.subscription(input.SubscriptionArn);
  const name = input.AttributeName ?? '';
  const value = input.AttributeValue ?? '';
  checkSubscriptionAttribute(name, value, sub.protocol);
  const next = { ...sub.attributes, [name]: value };
  if (value === '') delete next[name];
  checkFilterPolicy(next);
  sub.attributes = next;
  ctx.store.save();
  return {};
}

export async function tagResource(ctx: SnsContext, input: TagResourceRequest): Promise<Record<string, never>> {
  const topic = ctx.store.topics.get(input.ResourceArn ?? '');
  if (!topic) throw new NotFoundException('Resource does not exist');
  topic.tags = { ...topic.tags, ...Object.fromEntries((input.Tags ?? []).map((t) => [t.Key!, t.Value!])) };
  ctx.store.save();
  return {};
}

export async function untagResource(ctx: SnsContext, input: UntagResourceRequest): Promise<Record<string, never>> {
  const topic = ctx.store.topics.get(input.ResourceArn ?? '');
  if (!topic) throw new NotFoundException('Resource does not exist');
  topic.tags = Object.fromEntries(Object.entries(topic.tags).filter(([k]) => !(input.TagKeys ?? []).includes(k)));
  ctx.store.save();
  return {};
}

export async function listTagsForResource(ctx: SnsContext, input: ListTagsForResourceRequest): Promise<ListTagsForResourceResponse> {
  const topic = ctx.store.topics.get(input.ResourceArn ?? '');
  if (!topic) throw new NotFoundException('Resource does not exist');
  return { Tags: Object.entries(topic.tags).map(([Key, Value]) => ({ Key, Value })) };
}
