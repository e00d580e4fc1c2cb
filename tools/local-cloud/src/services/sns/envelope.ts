/**
 * What each kind of subscriber receives: the signed JSON envelope SNS posts to
 * http(s) endpoints and puts in SQS messages (unless raw delivery is on), the
 * Lambda event, e-mail as a reader sees it, SQS message attributes for raw
 * delivery. Pure, given a signer.
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { PublishedAttribute } from './filter-policy';
import type { Protocol, PublishedMessage, SubscriptionRecord, TopicRecord } from './model';
import type { SignedFields } from './signer';

export interface Links {
  readonly signingCertUrl: string;
  unsubscribeUrl(subscriptionArn: string): string;
  subscribeUrl(topicArn: string, token: string): string;
}

export type Sign = (fields: SignedFields, version: '1' | '2') => string;

/** The message text a protocol gets (MessageStructure=json picks the protocol's entry, else `default`). */
export function messageFor(message: PublishedMessage, protocol: Protocol): string {
  return message.perProtocol ? (message.perProtocol[protocol] ?? message.perProtocol['default']!) : message.message;
}

function envelopeAttributes(attributes: Readonly<Record<string, PublishedAttribute>>): Record<string, { Type: string; Value: string }> | undefined {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([name, a]) => [name, { Type: a.DataType, Value: a.BinaryValue ?? a.StringValue ?? '' }]));
}

/** The JSON envelope of a notification, signed, with SNS's field order. */
export function notificationEnvelope(message: PublishedMessage, sub: SubscriptionRecord, topic: TopicRecord, links: Links, sign: Sign): Record<string, unknown> {
  const version = topic.attributes['SignatureVersion'] === '2' ? '2' : '1';
  const fields: SignedFields = {
    Type: 'Notification',
    MessageId: message.id,
    TopicArn: message.topicArn,
    ...(message.subject !== undefined ? { Subject: message.subject } : {}),
    Message: messageFor(message, sub.protocol),
    Timestamp: message.timestamp,
  };
  const attributes = envelopeAttributes(message.attributes);
  return {
    Type: fields.Type,
    MessageId: fields.MessageId,
    ...(message.sequenceNumber ? { SequenceNumber: message.sequenceNumber } : {}),
    TopicArn: fields.TopicArn,
    ...(fields.Subject !== undefined ? { Subject: fields.Subject } : {}),
    Message: fields.Message,
    Timestamp: fields.Timestamp,
    SignatureVersion: version,
    Signature: sign(fields, version),
    SigningCertURL: links.signingCertUrl,
    UnsubscribeURL: links.unsubscribeUrl(sub.arn),
    ...(attributes ? { MessageAttributes: attributes } : {}),
  };
}

/** The SubscriptionConfirmation an http(s) endpoint gets, with the URL that confirms it. */
export function confirmationEnvelope(sub: SubscriptionRecord, topic: TopicRecord, messageId: string, links: Links, sign: Sign): Record<string, unknown> {
  const version = topic.attributes['SignatureVersion'] === '2' ? '2' : '1';
  const fields: SignedFields = {
    Type: 'SubscriptionConfirmation',
    MessageId: messageId,
    Token: sub.token!,
    TopicArn: sub.topicArn,
    Message: `You have chosen to subscribe to the topic ${sub.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: links.subscribeUrl(sub.topicArn, sub.token!),
    Timestamp: new Date().toISOString(),
  };
  return { ...fields, SignatureVersion: version, Signature: sign(fields, version), SigningCertURL: links.signingCertUrl };
}

/** The event a Lambda subscriber is invoked with. */
export function lambdaEvent(envelope: Record<string, unknown>, sub: SubscriptionRecord): Record<string, unknown> {
  const { SigningCertURL, UnsubscribeURL, ...rest } = envelope;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: sub.arn,
        Sns: { ...rest, SigningCertUrl: SigningCertURL, UnsubscribeUrl: UnsubscribeURL, MessageAttributes: rest['MessageAttributes'] ?? {} },
      },
    ],
  };
}

/** Raw delivery to SQS: SNS message attributes become SQS message attributes (String.Array as String). */
export function sqsAttributes(attributes: Readonly<Record<string, PublishedAttribute>>): Record<string, MessageAttributeValue> | undefined {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, a]) => [
      name,
      a.BinaryValue !== undefined
        ? { DataType: 'Binary', BinaryValue: new Uint8Array(Buffer.from(a.BinaryValue, 'base64')) }
        : { DataType: a.DataType === 'String.Array' ? 'String' : a.DataType, StringValue: a.StringValue ?? '' },
    ]),
  );
}

/** An e-mail as its reader would see it. `email-json` carries the envelope; `email` the text and an unsubscribe footer. */
export function emailOf(
  message: PublishedMessage,
  sub: SubscriptionRecord,
  topic: TopicRecord,
  envelope: Record<string, unknown>,
  links: Links,
): { to: string; from: string; subject: string; body: string } {
  const display = topic.attributes['DisplayName'] || 'AWS Notifications';
  const subject = message.subject ?? 'AWS Notification Message';
  const body =
    sub.protocol === 'email-json'
      ? JSON.stringify(envelope, null, 2)
      : `${messageFor(message, sub.protocol)}\n\n--\nTo stop receiving notifications from this topic, open:\n${links.unsubscribeUrl(sub.arn)}\n`;
  return { to: sub.endpoint, from: `${display} <no-reply@sns.amazonaws.com>`, subject, body };
}
