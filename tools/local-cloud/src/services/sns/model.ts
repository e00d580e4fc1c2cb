/** What the local SNS keeps: topics, subscriptions, published messages and deliveries. */
import type { PublishedAttribute } from './filter-policy';

export const PROTOCOLS = ['email', 'email-json', 'http', 'https', 'sqs', 'lambda', 'firehose'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface TopicRecord {
  readonly name: string;
  readonly arn: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  readonly createdAt: number;
}

export interface SubscriptionRecord {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: Protocol;
  readonly endpoint: string;
  attributes: Record<string, string>;
  pendingConfirmation: boolean;
  /** The token a pending http(s) subscription is confirmed with. */
  token?: string;
  confirmationWasAuthenticated: boolean;
  readonly createdAt: number;
}

/** A message accepted by Publish, as it is kept until every matching subscription has it. */
export interface PublishedMessage {
  readonly id: string;
  readonly topicArn: string;
  readonly message: string;
  readonly subject?: string;
  readonly attributes: Readonly<Record<string, PublishedAttribute>>;
  /** MessageStructure=json: the message for each protocol (with `default`). */
  readonly perProtocol?: Readonly<Record<string, string>>;
  readonly timestamp: string;
  readonly groupId?: string;
  readonly dedupId?: string;
  readonly sequenceNumber?: string;
}

export type DeliveryStatus = 'delivered' | 'failed' | 'dead-lettered';

/** One delivery to one subscriber: what the console's alerts inbox shows. */
export interface DeliveryRecord {
  readonly time: string;
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly protocol: Protocol;
  readonly endpoint: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly error?: string;
  /** For email: the message as the recipient would read it. */
  readonly email?: { readonly to: string; readonly from: string; readonly subject: string; readonly body: string };
  /** What was sent (the body of the HTTP POST, SQS message, Lambda event...). */
  readonly payload: string;
}

/** Confirmation messages sent to subscribers (http(s) SubscriptionConfirmation, email opt-in notices). */
export interface ConfirmationRecord {
  readonly time: string;
  readonly subscriptionArn: string;
  readonly topicArn: string;
  readonly protocol: Protocol;
  readonly endpoint: string;
  readonly payload: string;
}
