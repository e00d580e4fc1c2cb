import { createHash } from 'node:crypto';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '@sma/cdk';
import { ALERTS, ALERT_TYPES, type AlertType } from '../alerts/alert-types';
import { alertTypesOf, type AlertSubscription } from '../config';

export interface AlertTopicsProps {
  /** Who receives which alert types. @default [] (topics without subscribers) */
  readonly subscriptions?: readonly AlertSubscription[];
}

/** A construct id from the subscriber, not its position: reordering the list never replaces (and re-confirms) a subscription. */
const subscriptionId = (type: AlertType, s: AlertSubscription): string =>
  `${type}${s.protocol === 'email' ? 'Email' : 'Https'}${createHash('sha256').update(s.endpoint).digest('hex').slice(0, 10)}`;

/**
 * One encrypted SNS topic per alert type, and the configured subscribers on the
 * topics of the types they take.
 *
 * Why a topic per type: EventBridge's SNS target cannot set message attributes,
 * so an `alertType` attribute for subscription filter policies cannot exist
 * without a Lambda in between; a topic per type gives each subscriber exactly
 * its types with no code and keeps the message plain text for e-mail readers.
 */
export class AlertTopics extends Construct {
  readonly key: kms.Key;
  readonly topics: Readonly<Record<AlertType, sns.Topic>>;
  /** Alerts SNS could not deliver to a subscriber (endpoint down past SNS's retries). */
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: AlertTopicsProps = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the alert topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // EventBridge publishes to the topics as the events service principal, and SNS
    // needs that publisher to be allowed to use the topic's key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowEventBridgeToPublishToEncryptedTopics',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      purpose: 'alerts SNS could not deliver to a subscriber',
    });
    this.topics = Object.fromEntries(
      ALERT_TYPES.map((type) => [
        type,
        new sns.Topic(this, type, { displayName: ALERTS[type].displayName, masterKey: this.key, enforceSSL: true }),
      ]),
    ) as Record<AlertType, sns.Topic>;

    for (const subscription of props.subscriptions ?? []) {
      for (const type of alertTypesOf(subscription)) {
        new sns.Subscription(this, subscriptionId(type, subscription), {
          topic: this.topics[type],
          protocol: subscription.protocol === 'email' ? sns.SubscriptionProtocol.EMAIL : sns.SubscriptionProtocol.HTTPS,
          endpoint: subscription.endpoint,
          deadLetterQueue: this.undelivered.queue,
        });
      }
    }
  }
}
