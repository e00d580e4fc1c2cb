/**
 * SNS (awsQuery, XML answers): topics and subscriptions from the templates,
 * Publish/PublishBatch with message attributes, filter policies in both
 * scopes, deliveries to e-mail (the inbox), http(s) (signed envelope, with
 * the SubscriptionConfirmation handshake), SQS (raw or enveloped), Lambda and
 * Firehose, retries and subscription dead-letter queues. Accepted messages are
 * in a fsynced outbox before Publish answers; deliveries resume after a restart.
 *
 * Local routes: `/_sns/SimpleNotificationService.pem` (the signing certificate),
 * `/_sns/confirm?TopicArn=…&Token=…` (a SubscribeURL), `/_sns/unsubscribe?SubscriptionArn=…`,
 * `/_sns/deliveries?topicArn=…&subscriptionArn=…&protocol=…` (the inbox, JSON).
 */
import { randomUUID } from 'node:crypto';
import type { Cloud } from '../../core/cloud';
import { jsonResponse, queryParam, type HttpRequest } from '../../core/http/types';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { Dispatcher } from './delivery';
import type { Links } from './envelope';
import { InvalidParameterException } from './errors';
import type { DeliveryRecord, PublishedMessage } from './model';
import {
  confirmSubscription,
  createTopic,
  deleteTopic,
  getSubscriptionAttributes,
  getTopicAttributes,
  listSubscriptions,
  listSubscriptionsByTopic,
  listTagsForResource,
  listTopics,
  setSubscriptionAttributes,
  setTopicAttributes,
  stableSubscriptionArn,
  subscribe,
  tagResource,
  unsubscribe,
  untagResource,
  type SnsContext,
} from './operations';
import { FifoState, publish, publishBatch } from './publish';
import { Signer } from './signer';
import { SnsStore } from './store';

export * from './errors';
export { compileFilterPolicy } from './filter-policy';
export type { DeliveryRecord } from './model';

export interface SnsInstance extends ServiceInstance<'AWS::SNS::Topic' | 'AWS::SNS::Subscription'> {
  /** Deliveries, most recent last: the alerts inbox (e-mail deliveries carry the rendered mail). */
  deliveries(filter?: { topicArn?: string; subscriptionArn?: string; protocol?: string }, limit?: number): DeliveryRecord[];
  /** Resolves when every delivery started so far has finished (tests). */
  drain(): Promise<void>;
}

/** Template values that SNS takes as attribute strings. */
function attributeString(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const SUBSCRIPTION_PROPERTIES = ['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy', 'DeliveryPolicy', 'SubscriptionRoleArn', 'ReplayPolicy'];
const TOPIC_PROPERTIES = ['DisplayName', 'KmsMasterKeyId', 'FifoTopic', 'ContentBasedDeduplication', 'SignatureVersion', 'TracingConfig', 'ArchivePolicy', 'DeliveryPolicy', 'FifoThroughputScope', 'DataProtectionPolicy'];

export const snsService = defineService({
  name: 'sns',
  signingName: 'sns',
  protocol: 'awsQuery',
  xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  sdk: () => require('@aws-sdk/client-sns') as SdkModule,
  resourceTypes: ['AWS::SNS::Topic', 'AWS::SNS::Subscription'],
  create: async (cloud: Cloud): Promise<SnsInstance> => {
    const dir = cloud.dataDir('sns');
    const store = await SnsStore.open(dir);
    const signer = await Signer.open(cloud.dataDir('sns', 'signing'));
    const fifo = new FifoState();
    const log = cloud.log.child('sns');
    const links: Links = {
      get signingCertUrl() {
        return `${cloud.endpoint}/_sns/SimpleNotificationService.pem`;
      },
      unsubscribeUrl: (arn) => `${cloud.endpoint}/_sns/unsubscribe?SubscriptionArn=${encodeURIComponent(arn)}`,
      subscribeUrl: (topicArn, token) => `${cloud.endpoint}/_sns/confirm?TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
    };
    const dispatcher = new Dispatcher({ store, cloud, links, sign: (f, v) => signer.sign(f, v), log, delayScale: cloud.config.delayScale });
    const ctx: SnsContext = {
      store,
      region: cloud.config.region,
      account: cloud.config.accountId,
      requestConfirmation: (sub, topic) => dispatcher.confirm(sub, topic, randomUUID()),
      noteEmailConfirmed: (sub) =>
        cloud.activity.record('sns', 'confirmation', `e-mail subscription ${sub.endpoint} confirmed locally (no mail is sent)`, { subscription: sub.arn }),
    };
    const accept = async (batch: ReadonlyArray<{ message: PublishedMessage; subs: readonly string[] }>) => {
      await store.accept(batch);
      for (const { message, subs } of batch) for (const sub of subs) dispatcher.dispatch(message, sub);
    };
    const topicOf = (input: { TopicArn?: string | undefined; TargetArn?: string | undefined; PhoneNumber?: string | undefined }) => {
      if (input.PhoneNumber) throw new InvalidParameterException('Invalid parameter: PhoneNumber Reason: SMS is not delivered by the local cloud');
      const arn = input.TopicArn ?? input.TargetArn;
      if (!arn) throw new InvalidParameterException('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
      return store.topic(arn);
    };

    const page = (title: string, text: string) => ({
      statusCode: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `${title}\n\n${text}\n`,
    });

    return {
      deliveries: (filter = {}, limit = 200) =>
        store.recentDeliveries(
          (d) =>
            (!filter.topicArn || d.topicArn === filter.topicArn) &&
            (!filter.subscriptionArn || d.subscriptionArn === filter.subscriptionArn) &&
            (!filter.protocol || d.protocol === filter.protocol),
          limit,
        ),
      drain: () => dispatcher.drain(),
      operations: {
        CreateTopic: (input) => createTopic(ctx, input),
        DeleteTopic: (input) => deleteTopic(ctx, input),
        ListTopics: (input) => listTopics(ctx, input),
        GetTopicAttributes: (input) => getTopicAttributes(ctx, input),
        SetTopicAttributes: (input) => setTopicAttributes(ctx, input),
        Subscribe: (input) => subscribe(ctx, input),
        ConfirmSubscription: (input) => confirmSubscription(ctx, input),
        Unsubscribe: (input) => unsubscribe(ctx, input),
        ListSubscriptions: (input) => listSubscriptions(ctx, input),
        ListSubscriptionsByTopic: (input) => listSubscriptionsByTopic(ctx, input),
        GetSubscriptionAttributes: (input) => getSubscriptionAttributes(ctx, input),
        SetSubscriptionAttributes: (input) => setSubscriptionAttributes(ctx, input),
        TagResource: (input) => tagResource(ctx, input),
        UntagResource: (input) => untagResource(ctx, input),
        ListTagsForResource: (input) => listTagsForResource(ctx, input),
        Publish: (input) => {
          const topic = topicOf(input);
          return publish(topic, store.subscriptionsOf(topic.arn), input, fifo, accept);
        },
        PublishBatch: (input) => {
          const topic = topicOf(input);
          return publishBatch(topic, store.subscriptionsOf(topic.arn), input, fifo, accept);
        },
      },
      routes: {
        '/_sns/SimpleNotificationService.pem': async () => ({ statusCode: 200, headers: { 'content-type': 'application/x-pem-file' }, body: signer.certificate }),
        '/_sns/confirm': async (req: HttpRequest) => {
          try {
            const out = await confirmSubscription(ctx, { TopicArn: queryParam(req, 'TopicArn'), Token: queryParam(req, 'Token') });
            return page('Subscription confirmed!', `You have subscribed to ${queryParam(req, 'TopicArn')}.\nSubscriptionArn: ${out.SubscriptionArn}`);
          } catch (error) {
            return { ...page('Subscription not confirmed', (error as Error).message), statusCode: 400 };
          }
        },
        '/_sns/unsubscribe': async (req: HttpRequest) => {
          try {
            await unsubscribe(ctx, { SubscriptionArn: queryParam(req, 'SubscriptionArn') });
            return page('Subscription removed!', `You will no longer receive messages for ${queryParam(req, 'SubscriptionArn')}.`);
          } catch (error) {
            return { ...page('Not unsubscribed', (error as Error).message), statusCode: 400 };
          }
        },
        '/_sns/deliveries': async (req: HttpRequest) => {
          const filter = {
            ...(queryParam(req, 'topicArn') ? { topicArn: queryParam(req, 'topicArn')! } : {}),
            ...(queryParam(req, 'subscriptionArn') ? { subscriptionArn: queryParam(req, 'subscriptionArn')! } : {}),
            ...(queryParam(req, 'protocol') ? { protocol: queryParam(req, 'protocol')! } : {}),
          };
          return jsonResponse(200, store.recentDeliveries((d) => Object.entries(filter).every(([k, v]) => (d as unknown as Record<string, string>)[k] === v), Number(queryParam(req, 'limit') ?? 200)));
        },
      },
      resources: {
        'AWS::SNS::Topic': async (resource: ResolvedResource) => {
          const p = resource.properties as Record<string, unknown> & { TopicName?: string; Subscription?: Array<{ Protocol: string; Endpoint: string }>; Tags?: Array<{ Key: string; Value: string }> };
          const fifo = p['FifoTopic'] === true || p['FifoTopic'] === 'true';
          const name = p.TopicName ?? `${resource.physicalName({ maxLength: fifo ? 251 : 256 })}${fifo ? '.fifo' : ''}`;
          const attributes = Object.fromEntries(TOPIC_PROPERTIES.filter((k) => p[k] !== undefined).map((k) => [k, attributeString(p[k])]));
          const arn = `arn:aws:sns:${cloud.config.region}:${cloud.config.accountId}:${name}`;
          const existing = store.topics.get(arn);
          if (existing) {
            existing.attributes = attributes;
            store.save();
          } else {
            await createTopic(ctx, { Name: name, Attributes: attributes, Tags: p.Tags ?? [] });
          }
          for (const [i, s] of (p.Subscription ?? []).entries()) {
            await subscribe(ctx, { TopicArn: arn, Protocol: s.Protocol, Endpoint: s.Endpoint, ReturnSubscriptionArn: true }, stableSubscriptionArn(arn, resource.stack, `${resource.logicalId}#${i}`));
          }
          return { ref: arn, arn, attributes: { TopicArn: arn, TopicName: name } };
        },
        'AWS::SNS::Subscription': async (resource: ResolvedResource) => {
          const p = resource.properties as Record<string, unknown> & { TopicArn: string; Protocol: string; Endpoint: string };
          const attributes = Object.fromEntries(SUBSCRIPTION_PROPERTIES.filter((k) => p[k] !== undefined).map((k) => [k, attributeString(p[k])]));
          const { SubscriptionArn } = await subscribe(
            ctx,
            { TopicArn: p.TopicArn, Protocol: p.Protocol, Endpoint: p.Endpoint, Attributes: attributes, ReturnSubscriptionArn: true },
            stableSubscriptionArn(p.TopicArn, resource.stack, resource.logicalId),
          );
          return { ref: SubscriptionArn!, arn: SubscriptionArn! };
        },
      },
      start() {
        const pending = store.pendingDeliveries();
        if (pending.length > 0) log.info(`resuming ${pending.length} deliveries accepted before the restart`);
        for (const { message, subscriptionArn } of pending) dispatcher.dispatch(message, subscriptionArn);
      },
      async stop() {
        dispatcher.stop();
        await dispatcher.drain();
        await store.close();
      },
    };
  },
});
