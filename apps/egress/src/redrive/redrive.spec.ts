import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { FakeIdempotencyTable } from '../__testing__/idempotency-table';
import { IDEMPOTENCY_KEY_PATH, IDEMPOTENCY_KEY_PREFIX } from '../reply-delivery';
import lambdaFailure from './__fixtures__/lambda-on-failure.json';
import eventDeadLetter from './__fixtures__/eventbridge-dead-letter.json';
import { readDeadLetter } from './dead-letter-record';
import { redriveDeadLetters, type RedriveDeps } from './redrive';

const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/Egress-RepliesDeadLetters';
const sqs = mockClient(SQSClient);
const eventBridge = mockClient(EventBridgeClient);
const dynamo = mockClient(DynamoDBClient);
let table: FakeIdempotencyTable;

const SLACK_COMMAND = 'REPLY-SLACK-C0123456-1700000000.000100';
const TWITTER_COMMAND = 'REPLY-TWITTER-1572570427880538999';
const garbage: Message = { MessageId: 'junk-1', ReceiptHandle: 'junk', Body: '{"hello":"world"}' };

/** The persistence layer as egress configures it, to store outcomes the way a delivery would. */
function persistence(): DynamoDBPersistenceLayer {
  const layer = new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: new DynamoDBClient({}) });
  layer.configure({ config: new IdempotencyConfig({ eventKeyJmesPath: IDEMPOTENCY_KEY_PATH }), keyPrefix: IDEMPOTENCY_KEY_PREFIX });
  return layer;
}
const deps = (overrides: Partial<RedriveDeps> = {}): RedriveDeps => ({
  sqs: new SQSClient({}),
  eventBridge: new EventBridgeClient({}),
  persistence: persistence(),
  queueUrl: QUEUE,
  maxMessages: 100,
  dryRun: false,
  ...overrides,
});
const queue = (...messages: Message[]) => {
  sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: messages }).resolves({ Messages: [] });
};
const redriven = () => eventBridge.commandCalls(PutEventsCommand).map((c) => JSON.parse(c.args[0].input.Entries![0]!.Detail!).CommandId as string);
const deleted = () => sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input.ReceiptHandle);

beforeEach(() => {
  for (const m of [sqs, eventBridge, dynamo]) m.reset();
  table = new FakeIdempotencyTable('idempotency', dynamo);
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  sqs.on(DeleteMessageCommand).resolves({});
});

describe('readDeadLetter', () => {
  it('reads a command EventBridge or egress dead-lettered (the event is the body)', () => {
    const letter = readDeadLetter(eventDeadLetter.Body, eventDeadLetter.MessageAttributes);
    expect(letter).toMatchObject({ origin: 'EVENT', error: 'PermanentDeliveryError: Slack not_in_channel' });
    expect(letter.event.detail.CommandId).toBe(SLACK_COMMAND);
  });

  it('reads Lambda’s on-failure record (the event is its requestPayload)', () => {
    const letter = readDeadLetter(lambdaFailure.Body, lambdaFailure.MessageAttributes);
    expect(letter).toMatchObject({ origin: 'LAMBDA_FAILURE', error: 'TransientDeliveryError: TWITTER: 503: Service Unavailable' });
    expect(letter.event.detail.CommandId).toBe(TWITTER_COMMAND);
  });

  it('refuses anything else with the contract’s words', () => {
    expect(() => readDeadLetter('{"hello":"world"}', undefined)).toThrow(/envelope/);
    expect(() => readDeadLetter('not json', undefined)).toThrow(SyntaxError);
  });
});

describe('redriveDeadLetters', () => {
  it('forgets a stored refusal, puts the command back on the bus, then deletes the dead letter', async () => {
    await persistence().saveSuccess({ command: { CommandId: SLACK_COMMAND } }, { Status: 'FAILED', Reason: 'Slack not_in_channel', FailedAt: '2024-03-01T09:30:05.000Z' });
    queue(eventDeadLetter, lambdaFailure);
    const report = await redriveDeadLetters(deps());
    expect(report.map((r) => [r.commandId, r.action])).toEqual([
      [SLACK_COMMAND, 'FORGOTTEN_AND_REDRIVEN'],
      [TWITTER_COMMAND, 'REDRIVEN'],
    ]);
    expect(table.records()).toEqual([]);
    expect(redriven()).toEqual([SLACK_COMMAND, TWITTER_COMMAND]);
    expect(eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]).toMatchObject({ Source: 'RESPONDING', DetailType: 'SEND_REPLY', EventBusName: 'Plumbing' });
    expect(deleted()).toEqual([eventDeadLetter.ReceiptHandle, lambdaFailure.ReceiptHandle]);
  });

  it('never sends again a command that was posted after all, but clears its dead letter', async () => {
    await persistence().saveSuccess({ command: { CommandId: TWITTER_COMMAND } }, { Status: 'SENT', PlatformMessageId: '1572570431234567890', SentAt: '2022-09-21T13:05:00.000Z' });
    queue(lambdaFailure);
    const [entry] = await redriveDeadLetters(deps());
    expect(entry).toMatchObject({ action: 'ALREADY_SENT', detail: 'posted as 1572570431234567890' });
    expect(redriven()).toEqual([]);
    expect(deleted()).toEqual([lambdaFailure.ReceiptHandle]);
    expect(table.records()).toHaveLength(1);
  });

  it('leaves in the queue what is not a command, and a command being delivered right now', async () => {
    await persistence().saveInProgress({ command: { CommandId: SLACK_COMMAND } }, 60_000);
    queue(garbage, eventDeadLetter);
    const report = await redriveDeadLetters(deps());
    expect(report.map((r) => r.action)).toEqual(['LEFT', 'LEFT']);
    expect(report[1]!.detail).toMatch(/in progress/);
    expect(redriven()).toEqual([]);
    expect(deleted()).toEqual([]);
  });

  it('changes nothing in a dry run', async () => {
    await persistence().saveSuccess({ command: { CommandId: SLACK_COMMAND } }, { Status: 'FAILED', Reason: 'x', FailedAt: '2024-03-01T09:30:05.000Z' });
    queue(eventDeadLetter);
    const [entry] = await redriveDeadLetters(deps({ dryRun: true }));
    expect(entry!.action).toBe('FORGOTTEN_AND_REDRIVEN');
    expect(table.records()).toHaveLength(1);
    expect(redriven()).toEqual([]);
    expect(deleted()).toEqual([]);
  });

  it('stops at the message limit and does not loop on messages it has seen', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [garbage] });
    const report = await redriveDeadLetters(deps({ maxMessages: 5 }));
    expect(report).toHaveLength(1);
  });
});
