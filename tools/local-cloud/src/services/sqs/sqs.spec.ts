import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { sqsService, type SqsInstance } from './index';

let env: TestCloud;
let sqs: SQSClient;
let targetUrl: string;
let dlqUrl: string;
let dlqArn: string;

beforeAll(async () => {
  env = await startTestCloud([sqsService]);
  sqs = new SQSClient(env.client);
  // A rule target's dead-letter queue and a queue redriving into it, as the templates define them.
  const dlq = await env.provision('AWS::SQS::Queue', 'DeadLetters', { MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true }, 'Egress');
  dlqUrl = dlq.ref;
  dlqArn = dlq.arn!;
  const target = await env.provision('AWS::SQS::Queue', 'Work', { QueueName: 'work', VisibilityTimeout: 1, RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 } });
  targetUrl = target.ref;
});
afterAll(() => env.dispose());

describe('SQS over awsJson (SDK v3)', () => {
  it('provisions queues from the templates with their attributes and URL on the endpoint', async () => {
    expect(targetUrl).toBe(`${env.client.endpoint}/000000000000/work`);
    expect(dlqUrl).toMatch(/\/000000000000\/Egress-DeadLetters-[A-Z0-9]{13}$/);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: targetUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:eu-west-1:000000000000:work',
      VisibilityTimeout: '1',
      MaximumMessageSize: '1048576',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
      ApproximateNumberOfMessages: '0',
    });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'work' }));
    expect(QueueUrl).toBe(targetUrl);
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'wo' }))).QueueUrls).toEqual([targetUrl]);
  });

  it('sends with attributes (MD5s the SDK checks), receives, deletes', async () => {
    const queue = (await sqs.send(new CreateQueueCommand({ QueueName: 'plain' }))).QueueUrl!;
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue,
        MessageBody: '{"alert":"négatif 🙁"}',
        MessageAttributes: { alertType: { DataType: 'String', StringValue: 'NEGATIVE' }, score: { DataType: 'Number', StringValue: '0.95' } },
      }),
    );
    expect(sent.MD5OfMessageAttributes).toMatch(/^[a-f0-9]{32}$/);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'] }),
    );
    expect(Messages).toHaveLength(1);
    const m = Messages![0]!;
    expect(m).toMatchObject({
      MessageId: sent.MessageId,
      Body: '{"alert":"négatif 🙁"}',
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
      MessageAttributes: { alertType: { DataType: 'String', StringValue: 'NEGATIVE' }, score: { DataType: 'Number', StringValue: '0.95' } },
      Attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d{13}$/) },
    });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: m.ReceiptHandle }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('batches, with per-entry failures', async () => {
    const queue = (await sqs.send(new CreateQueueCommand({ QueueName: 'batch' }))).QueueUrl!;
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'bad \u0000 char' },
          { Id: 'c', MessageBody: 'three', DelaySeconds: 0 },
        ],
      }),
    );
    expect(out.Successful?.map((s) => s.Id)).toEqual(['a', 'c']);
    expect(out.Failed).toEqual([{ Id: 'b', SenderFault: true, Code: 'InvalidMessageContents', Message: expect.stringContaining('Invalid characters') }]);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 10 }));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queue, Entries: Messages!.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
    );
    expect(deleted.Successful).toHaveLength(2);
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: queue, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] }))).rejects.toMatchObject({
      name: 'BatchEntryIdsNotDistinct',
    });
  });

  it('long-polls: a waiting receive returns as soon as a message arrives', async () => {
    const queue = (await sqs.send(new CreateQueueCommand({ QueueName: 'poll' }))).QueueUrl!;
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, WaitTimeSeconds: 10 }));
    setTimeout(() => void sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'late' })), 300);
    const { Messages } = await waiting;
    expect(Messages![0]!.Body).toBe('late');
    expect(Date.now() - started).toBeLessThan(5000);
    const empty = Date.now();
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, WaitTimeSeconds: 1 }))).Messages ?? []).toEqual([]);
    expect(Date.now() - empty).toBeGreaterThanOrEqual(900);
  });

  it('lets visibility be changed, and answers bad handles with ReceiptHandleIsInvalid', async () => {
    const queue = (await sqs.send(new CreateQueueCommand({ QueueName: 'visibility', Attributes: { VisibilityTimeout: '60' } }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'x' }));
    const [m] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue }))).Messages!;
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue, ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 0 }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue }))).Messages).toHaveLength(1);
    await expect(sqs.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: 'not-a-handle' }))).rejects.toMatchObject({
      name: 'ReceiptHandleIsInvalid',
      $metadata: { httpStatusCode: 404 },
    });
    await sqs.send(new PurgeQueueCommand({ QueueUrl: queue }));
    await expect(sqs.send(new PurgeQueueCommand({ QueueUrl: queue }))).rejects.toMatchObject({ name: 'PurgeQueueInProgress' });
  });

  it('moves a message received maxReceiveCount times to the DLQ, then redrives it back with StartMessageMoveTask', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: targetUrl, MessageBody: 'reply that keeps failing' }));
    for (let i = 0; i < 2; i++) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: targetUrl, WaitTimeSeconds: 2 }));
      expect(Messages).toHaveLength(1);
    }
    await new Promise((r) => setTimeout(r, 1100));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: targetUrl }))).Messages ?? []).toEqual([]);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'], VisibilityTimeout: 0 }));
    expect(dead.Messages![0]).toMatchObject({ Body: 'reply that keeps failing', Attributes: { DeadLetterQueueSourceArn: 'arn:aws:sqs:eu-west-1:000000000000:work' } });

    await expect(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:eu-west-1:000000000000:work' }))).rejects.toMatchObject({
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    await (env.cloud.instance('sqs') as SqsInstance).moveTasks.settle();
    const tasks = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    expect(tasks.Results![0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1, ApproximateNumberOfMessagesToMove: 1 });
    const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: targetUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(back.Messages![0]).toMatchObject({ Body: 'reply that keeps failing', Attributes: { ApproximateReceiveCount: '1' } });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: targetUrl, ReceiptHandle: back.Messages![0]!.ReceiptHandle }));
  });

  it('keeps messages, receive counts and deletions across a restart', async () => {
    const queue = (await sqs.send(new CreateQueueCommand({ QueueName: 'durable' }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'kept' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'deleted' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: Messages!.find((m) => m.Body === 'deleted')!.ReceiptHandle }));
    env = await env.restart();
    sqs = new SQSClient(env.client);
    const after = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(after.Messages!.map((m) => [m.Body, m.Attributes!['ApproximateReceiveCount']])).toEqual([['kept', '2']]);
  });
});
