import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { InvocationRequest } from '@aws-sdk/client-lambda';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVerify } from 'node:crypto';
import { lambdaStub, startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { sqsService } from '../sqs/index';
import { snsService, type SnsInstance } from './index';
import { stringToSign, type SignedFields } from './signer';

/** Lambda as SNS sees it: an asynchronous Invoke that is recorded. */
const invocations: InvocationRequest[] = [];
const lambda = lambdaStub((input: InvocationRequest) => (invocations.push(input), { StatusCode: 202 }));

interface Posted {
  headers: IncomingMessage['headers'];
  body: string;
}
const posted: Posted[] = [];
let failing = false;
let webhook: Server;
let webhookUrl: string;

let env: TestCloud;
let sns: SNSClient;
let sqs: SQSClient;
let topicArn: string;
let rawQueue: string;
let envelopeQueue: string;
let dlq: string;

const sns$ = () => env.cloud.instance('sns') as SnsInstance;

beforeAll(async () => {
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posted.push({ headers: req.headers, body });
      res.writeHead(failing ? 500 : 200).end();
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/alerts`;

  env = await startTestCloud([snsService, sqsService, lambda]);
  sns = new SNSClient(env.client);
  sqs = new SQSClient(env.client);
  const raw = await env.provision('AWS::SQS::Queue', 'Raw', { QueueName: 'raw' });
  const enveloped = await env.provision('AWS::SQS::Queue', 'Enveloped', { QueueName: 'enveloped' });
  const undelivered = await env.provision('AWS::SQS::Queue', 'Undelivered', { QueueName: 'undelivered' });
  rawQueue = raw.ref;
  envelopeQueue = enveloped.ref;
  dlq = undelivered.ref;
  // The alerting stack: a topic per alert type, subscribers from configuration.
  topicArn = (await env.provision('AWS::SNS::Topic', 'NegativeTopic', { DisplayName: 'Negative messages', KmsMasterKeyId: 'arn:aws:kms:eu-west-1:000000000000:key/k' }, 'Alerting')).ref;
  await env.provision('AWS::SNS::Subscription', 'RawSqs', {
    TopicArn: topicArn,
    Protocol: 'sqs',
    Endpoint: raw.arn,
    RawMessageDelivery: true,
    FilterPolicy: { alertType: ['NEGATIVE'] },
  });
  await env.provision('AWS::SNS::Subscription', 'BodySqs', {
    TopicArn: topicArn,
    Protocol: 'sqs',
    Endpoint: enveloped.arn,
    FilterPolicyScope: 'MessageBody',
    FilterPolicy: { channel: ['TWITTER'] },
  });
  await env.provision('AWS::SNS::Subscription', 'Email', { TopicArn: topicArn, Protocol: 'email', Endpoint: 'ops@example.com' });
  await env.provision('AWS::SNS::Subscription', 'Fn', { TopicArn: topicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:eu-west-1:000000000000:function:on-alert' });
  await env.provision('AWS::SNS::Subscription', 'Hook', {
    TopicArn: topicArn,
    Protocol: 'http',
    Endpoint: webhookUrl,
    RedrivePolicy: { deadLetterTargetArn: undelivered.arn },
  });
});
afterAll(async () => {
  await env.dispose();
  await new Promise((r) => webhook.close(r));
});

async function certificate(): Promise<string> {
  return (await fetch(`${env.client.endpoint}/_sns/SimpleNotificationService.pem`)).text();
}

function verify(envelope: Record<string, string>, cert: string): boolean {
  const v = createVerify(envelope['SignatureVersion'] === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  v.update(stringToSign(envelope as unknown as SignedFields));
  return v.verify(cert, envelope['Signature']!, 'base64');
}

describe('SNS', () => {
  it('confirms an http subscription through the SubscriptionConfirmation handshake', async () => {
    await sns$().drain();
    const confirmation = posted.find((p) => p.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation')!;
    const body = JSON.parse(confirmation.body) as Record<string, string>;
    expect(body).toMatchObject({ Type: 'SubscriptionConfirmation', TopicArn: topicArn, SubscribeURL: expect.stringContaining('/_sns/confirm?') });
    expect(verify(body, await certificate())).toBe(true);
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(Subscriptions!.filter((s) => s.SubscriptionArn === 'PendingConfirmation').map((s) => s.Protocol)).toEqual(['http']);
    expect((await fetch(body['SubscribeURL']!)).status).toBe(200);
    const after = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(after.Subscriptions!.every((s) => s.SubscriptionArn !== 'PendingConfirmation')).toBe(true);
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    expect(Attributes).toMatchObject({ DisplayName: 'Negative messages', SubscriptionsConfirmed: '5', SubscriptionsPending: '0' });
  });

  it('delivers a publish to every matching subscriber in its own form', async () => {
    posted.length = 0;
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: 'Negative message',
        Message: JSON.stringify({ channel: 'TWITTER', text: 'awful service' }),
        MessageAttributes: { alertType: { DataType: 'String', StringValue: 'NEGATIVE' }, score: { DataType: 'Number', StringValue: '0.95' } },
      }),
    );
    await sns$().drain();
    const raw = await sqs.send(new ReceiveMessageCommand({ QueueUrl: rawQueue, MessageAttributeNames: ['All'] }));
    expect(raw.Messages![0]).toMatchObject({
      Body: '{"channel":"TWITTER","text":"awful service"}',
      MessageAttributes: { alertType: { DataType: 'String', StringValue: 'NEGATIVE' }, score: { DataType: 'Number', StringValue: '0.95' } },
    });
    const enveloped = await sqs.send(new ReceiveMessageCommand({ QueueUrl: envelopeQueue }));
    const envelope = JSON.parse(enveloped.Messages![0]!.Body!) as Record<string, string>;
    expect(envelope).toMatchObject({ Type: 'Notification', MessageId, TopicArn: topicArn, Subject: 'Negative message', SignatureVersion: '1' });
    expect(verify(envelope, await certificate())).toBe(true);
    expect(JSON.parse(posted[0]!.body)).toMatchObject({ Type: 'Notification', MessageId });
    expect(posted[0]!.headers).toMatchObject({ 'x-amz-sns-message-type': 'Notification', 'x-amz-sns-message-id': MessageId, 'x-amz-sns-topic-arn': topicArn });
    const event = JSON.parse(Buffer.from(invocations.at(-1)!.Payload!).toString()) as { Records: Array<{ EventSource: string; Sns: Record<string, unknown> }> };
    expect(invocations.at(-1)!.InvocationType).toBe('Event');
    expect(event.Records[0]).toMatchObject({ EventSource: 'aws:sns', Sns: { MessageId, Subject: 'Negative message', MessageAttributes: { alertType: { Type: 'String', Value: 'NEGATIVE' } } } });
    const [mail] = sns$().deliveries({ protocol: 'email' });
    expect(mail!.email).toMatchObject({ to: 'ops@example.com', subject: 'Negative message', from: 'Negative messages <no-reply@sns.amazonaws.com>' });
    expect(mail!.email!.body).toContain('awful service');
  });

  it('filters: attribute scope and body scope leave non-matching messages out', async () => {
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ channel: 'SLACK' }), MessageAttributes: { alertType: { DataType: 'String', StringValue: 'MODERATION' } } }));
    await sns$().drain();
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: rawQueue }))).Messages ?? []).toEqual([]);
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: envelopeQueue }))).Messages ?? []).toEqual([]);
    expect(sns$().deliveries({ protocol: 'email' })).toHaveLength(2);
  });

  it('retries a failing http endpoint per the delivery policy, then dead-letters the message', async () => {
    failing = true;
    posted.length = 0;
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'endpoint down' }));
    await sns$().drain();
    failing = false;
    expect(posted.filter((p) => JSON.parse(p.body).Message === 'endpoint down')).toHaveLength(4);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MessageAttributeNames: ['All'] }));
    expect(JSON.parse(dead.Messages![0]!.Body!)).toMatchObject({ Message: 'endpoint down' });
    expect(dead.Messages![0]!.MessageAttributes!['ErrorMessage']!.StringValue).toContain('HTTP 500');
    expect(sns$().deliveries({ protocol: 'http' }).at(-1)).toMatchObject({ status: 'dead-lettered', attempts: 4 });
  });

  it('publishes batches and validates input as SNS does', async () => {
    const out = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: 'ok', Message: 'one' },
          { Id: 'bad', Message: 'two', Subject: 'line\nbreak' },
        ],
      }),
    );
    expect(out.Successful!.map((s) => s.Id)).toEqual(['ok']);
    expect(out.Failed).toEqual([{ Id: 'bad', Code: 'InvalidParameter', Message: 'Invalid parameter: Subject', SenderFault: true }]);
    await expect(sns.send(new PublishCommand({ TopicArn: `${topicArn}-missing`, Message: 'x' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(sns.send(new PublishCommand({ TopicArn: topicArn, Message: '' }))).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Empty message' });
    await expect(
      sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:eu-west-1:000000000000:raw', Attributes: { FilterPolicy: '{"a":[{"wildcard":"x*"}]}' } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: FilterPolicy: Unrecognized match type wildcard' });
    await sns$().drain();
  });

  it('keeps topics and subscriptions across a restart and resumes deliveries not finished', async () => {
    failing = true;
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'survives a restart' }));
    await new Promise((r) => setTimeout(r, 50));
    failing = false;
    env = await env.restart();
    sns = new SNSClient(env.client);
    await sns$().drain();
    expect(posted.filter((p) => JSON.parse(p.body).Message === 'survives a restart').length).toBeGreaterThanOrEqual(2);
    expect(sns$().deliveries({ protocol: 'http' }).at(-1)).toMatchObject({ status: 'delivered' });
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(Subscriptions).toHaveLength(5);
    const attrs = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: Subscriptions!.find((s) => s.Protocol === 'sqs' && s.Endpoint!.endsWith(':raw'))!.SubscriptionArn }));
    expect(attrs.Attributes).toMatchObject({ RawMessageDelivery: 'true', FilterPolicy: '{"alertType":["NEGATIVE"]}', PendingConfirmation: 'false' });
  });
});
