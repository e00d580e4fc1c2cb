/**
 * Delivering published messages to subscribers, as SNS does: http(s) POSTs of
 * the signed envelope (or the raw message), SQS messages, asynchronous Lambda
 * invocations, Firehose records, e-mails written to the inbox. Failed attempts
 * are retried by the subscription's (or topic's) delivery policy; what still
 * fails goes to the subscription's dead-letter queue if it has one. Every
 * outcome is recorded in the delivery log.
 */
import { Agent, fetch } from 'undici';
import type { Cloud } from '../../core/cloud';
import { arnResourceName, parseArn } from '../../core/arn';
import type { Logger } from '../../core/logger';
import { confirmationEnvelope, emailOf, lambdaEvent, messageFor, notificationEnvelope, sqsAttributes, type Links, type Sign } from './envelope';
import type { PublishedMessage, SubscriptionRecord, TopicRecord } from './model';
import type { SnsStore } from './store';

/** SNS gives an http(s) endpoint 15 seconds to answer. */
const HTTP_TIMEOUT_MS = 15_000;
/** SNS's default http(s) policy: 3 retries, 20 s apart. */
const HTTP_POLICY = { numRetries: 3, minDelayTarget: 20, maxDelayTarget: 20, backoffFunction: 'linear' };
/** AWS-managed endpoints (SQS, Lambda, Firehose) are retried far longer on AWS; locally 8 attempts, 1 s doubling to 60 s. */
const MANAGED_POLICY = { numRetries: 7, minDelayTarget: 1, maxDelayTarget: 60, backoffFunction: 'exponential' };

interface RetryPolicy {
  numRetries: number;
  minDelayTarget: number;
  maxDelayTarget: number;
  backoffFunction: string;
}

function retryPolicy(sub: SubscriptionRecord, topic: TopicRecord): RetryPolicy {
  if (sub.protocol !== 'http' && sub.protocol !== 'https') return MANAGED_POLICY;
  for (const text of [sub.attributes['DeliveryPolicy'], topic.attributes['DeliveryPolicy']]) {
    if (!text) continue;
    try {
      const parsed = JSON.parse(text) as { healthyRetryPolicy?: Partial<RetryPolicy>; http?: { defaultHealthyRetryPolicy?: Partial<RetryPolicy> } };
      const policy = parsed.healthyRetryPolicy ?? parsed.http?.defaultHealthyRetryPolicy;
      if (policy) return { ...HTTP_POLICY, ...policy };
    } catch {
      // validated on the way in; an unreadable stored policy falls back to the default
    }
  }
  return HTTP_POLICY;
}

/** Seconds to wait before retry `n` (1-based) of a policy. */
export function retryDelay(policy: RetryPolicy, n: number): number {
  const { minDelayTarget: min, maxDelayTarget: max, numRetries } = policy;
  if (numRetries <= 1 || min === max) return min;
  const t = (n - 1) / (numRetries - 1);
  switch (policy.backoffFunction) {
    case 'exponential':
      return Math.min(max, min * 2 ** (n - 1));
    case 'geometric':
      return min + (max - min) * t * t;
    case 'arithmetic':
      return min + (max - min) * Math.sqrt(t);
    default:
      return min + (max - min) * t;
  }
}

const loopback = new Agent({ connect: { rejectUnauthorized: false } });

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost');
}

export interface DispatcherOptions {
  readonly store: SnsStore;
  readonly cloud: Cloud;
  readonly links: Links;
  readonly sign: Sign;
  readonly log: Logger;
  /** Multiplies retry delays (the cloud's `delayScale`). */
  readonly delayScale: number;
}

export class Dispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private stopped = false;

  constructor(private readonly o: DispatcherOptions) {}

  /** Starts delivering a message to a subscription; the outcome lands in the delivery log. */
  dispatch(message: PublishedMessage, subscriptionArn: string): void {
    const run = this.deliver(message, subscriptionArn).catch((error: unknown) => this.o.log.error('SNS delivery crashed', { error: error as Error }));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Resolves when every delivery started so far has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Stops retrying: deliveries waiting for a retry end now and stay in the outbox for the next start. */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.sleepers]) wake();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async deliver(message: PublishedMessage, subscriptionArn: string): Promise<void> {
    const sub = this.o.store.subscriptions.get(subscriptionArn);
    const topic = this.o.store.topics.get(message.topicArn);
    const base = { time: '', messageId: message.id, topicArn: message.topicArn, subscriptionArn };
    if (!sub || !topic) {
      await this.o.store.finish({ ...base, time: new Date().toISOString(), protocol: 'sqs', endpoint: '', status: 'failed', attempts: 0, error: 'The subscription or topic was deleted before delivery', payload: '' });
      return;
    }
    const envelope = notificationEnvelope(message, sub, topic, this.o.links, this.o.sign);
    const raw = sub.attributes['RawMessageDelivery'] === 'true';
    const payload = raw ? messageFor(message, sub.protocol) : JSON.stringify(envelope);
    const record = { ...base, protocol: sub.protocol, endpoint: sub.endpoint, payload };
    if (sub.protocol === 'email' || sub.protocol === 'email-json') {
      const email = emailOf(message, sub, topic, envelope, this.o.links);
      await this.o.store.finish({ ...record, time: new Date().toISOString(), status: 'delivered', attempts: 1, email, payload: email.body });
      return;
    }
    const policy = retryPolicy(sub, topic);
    let lastError = '';
    for (let attempt = 1; attempt <= policy.numRetries + 1; attempt++) {
      if (this.stopped) return; // left in the outbox: resumed at the next start
      try {
        await this.send(sub, message, envelope, payload, raw);
        await this.o.store.finish({ ...record, time: new Date().toISOString(), status: 'delivered', attempts: attempt });
        return;
      } catch (error) {
        lastError = (error as Error).message;
        if (attempt <= policy.numRetries) await this.sleep(retryDelay(policy, attempt) * 1000 * this.o.delayScale);
      }
    }
    if (this.stopped) return;
    const dlq = this.deadLetterArn(sub);
    if (dlq) {
      try {
        await this.toQueue(dlq, JSON.stringify(envelope), {
          ErrorCode: { DataType: 'String', StringValue: 'DeliveryFailed' },
          ErrorMessage: { DataType: 'String', StringValue: lastError.slice(0, 1000) || 'delivery failed' },
          TopicArn: { DataType: 'String', StringValue: message.topicArn },
        });
        await this.o.store.finish({ ...record, time: new Date().toISOString(), status: 'dead-lettered', attempts: policy.numRetries + 1, error: lastError });
        return;
      } catch (error) {
        lastError = `${lastError}; dead-letter queue: ${(error as Error).message}`;
      }
    }
    this.o.log.warn('SNS gave up a delivery', { subscription: sub.arn, endpoint: sub.endpoint, error: lastError });
    await this.o.store.finish({ ...record, time: new Date().toISOString(), status: 'failed', attempts: policy.numRetries + 1, error: lastError });
  }

  private deadLetterArn(sub: SubscriptionRecord): string | undefined {
    const text = sub.attributes['RedrivePolicy'];
    if (!text) return undefined;
    try {
      return (JSON.parse(text) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
    } catch {
      return undefined;
    }
  }

  private async send(sub: SubscriptionRecord, message: PublishedMessage, envelope: Record<string, unknown>, payload: string, raw: boolean): Promise<void> {
    switch (sub.protocol) {
      case 'http':
      case 'https':
        await this.post(sub.endpoint, payload, {
          'x-amz-sns-message-type': 'Notification',
          'x-amz-sns-message-id': message.id,
          'x-amz-sns-topic-arn': message.topicArn,
          'x-amz-sns-subscription-arn': sub.arn,
          ...(raw ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
        });
        return;
      case 'sqs':
        await this.toQueue(sub.endpoint, payload, raw ? sqsAttributes(message.attributes) : undefined, message);
        return;
      case 'lambda':
        await this.o.cloud.call('lambda', 'Invoke', {
          FunctionName: sub.endpoint,
          InvocationType: 'Event',
          Payload: new Uint8Array(Buffer.from(JSON.stringify(lambdaEvent(envelope, sub)))),
        });
        return;
      case 'firehose':
        await this.o.cloud.call('firehose', 'PutRecord', { DeliveryStreamName: arnResourceName(sub.endpoint), Record: { Data: new Uint8Array(Buffer.from(payload)) } });
        return;
      default:
        throw new Error(`protocol ${sub.protocol} is not delivered locally`);
    }
  }

  private async toQueue(queueArn: string, body: string, attributes?: Record<string, unknown>, message?: PublishedMessage): Promise<void> {
    const arn = parseArn(queueArn);
    if (!arn) throw new Error(`${queueArn} is not a queue ARN`);
    const { QueueUrl } = (await this.o.cloud.call('sqs', 'GetQueueUrl', { QueueName: arn.resource, QueueOwnerAWSAccountId: arn.account })) as { QueueUrl: string };
    const fifo = arn.resource.endsWith('.fifo');
    await this.o.cloud.call('sqs', 'SendMessage', {
      QueueUrl,
      MessageBody: body,
      ...(attributes && Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
      ...(fifo && message ? { MessageGroupId: message.groupId ?? 'default', MessageDeduplicationId: message.dedupId ?? message.id } : {}),
    });
  }

  private async post(endpoint: string, body: string, headers: Record<string, string>): Promise<void> {
    const url = new URL(endpoint);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'user-agent': 'Amazon Simple Notification Service Agent', ...headers },
      body,
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      ...(url.protocol === 'https:' && isLoopback(url) ? { dispatcher: loopback } : {}),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status} from ${endpoint}`);
  }

  /** Sends the SubscriptionConfirmation to a pending http(s) subscriber (once, retried like a notification). */
  confirm(sub: SubscriptionRecord, topic: TopicRecord, messageId: string): void {
    const envelope = confirmationEnvelope(sub, topic, messageId, this.o.links, this.o.sign);
    const policy = retryPolicy(sub, topic);
    const run = (async () => {
      for (let attempt = 1; attempt <= policy.numRetries + 1 && !this.stopped; attempt++) {
        try {
          await this.post(sub.endpoint, JSON.stringify(envelope), {
            'x-amz-sns-message-type': 'SubscriptionConfirmation',
            'x-amz-sns-message-id': messageId,
            'x-amz-sns-topic-arn': sub.topicArn,
          });
          this.o.cloud.activity.record('sns', 'confirmation', `SubscriptionConfirmation sent to ${sub.endpoint}`, { subscription: sub.arn });
          return;
        } catch (error) {
          this.o.log.warn('SNS subscription confirmation not delivered', { endpoint: sub.endpoint, attempt, error: (error as Error).message });
          if (attempt <= policy.numRetries) await this.sleep(retryDelay(policy, attempt) * 1000 * this.o.delayScale);
        }
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}

