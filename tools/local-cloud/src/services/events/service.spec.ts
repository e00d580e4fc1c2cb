import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import type { GetQueueUrlRequest, SendMessageRequest } from '@aws-sdk/client-sqs';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogOf } from '../../core/catalog';
import { AwsError } from '../../core/errors';
import { LocalCloud } from '../../core/runtime';
import { defineService } from '../../core/service';
import { readAssembly, stackLoader } from '../../loader';
import { lambdaService } from '../lambda';
import { eventsService, type EventsApi } from './index';

/** What the stand-in SQS received, and how it misbehaves. */
const sqs = {
  sent: [] as SendMessageRequest[],
  flakyFailures: 0,
  /** While set, messages to "flaky" hang (a delivery in flight when the process dies). */
  hang: undefined as Promise<void> | undefined,
};

const sqsStandIn = defineService({
  name: 'sqs',
  signingName: 'sqs',
  protocol: 'awsJson1_0',
  targetPrefix: 'AmazonSQS',
  sdk: () => require('@aws-sdk/client-sqs'),
  resourceTypes: ['Test::Queue'],
  create: () => ({
    resources: {
      'Test::Queue': (r) => {
        const name = String(r.properties['QueueName']);
        return { ref: `http://queue/${name}`, arn: `arn:aws:sqs:eu-west-1:000000000000:${name}` };
      },
    },
    operations: {
      GetQueueUrl: (input: GetQueueUrlRequest) => ({ QueueUrl: `http://queue/${input.QueueName}` }),
      SendMessage: async (input: SendMessageRequest) => {
        if (input.QueueUrl === 'http://queue/flaky' && sqs.hang) await sqs.hang;
        if (input.QueueUrl === 'http://queue/gone') throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
        if (input.QueueUrl === 'http://queue/flaky' && sqs.flakyFailures > 0) {
          sqs.flakyFailures--;
          throw new AwsError('ServiceUnavailable', 'Try again', { statusCode: 503, fault: 'server' });
        }
        sqs.sent.push(input);
        return { MessageId: String(sqs.sent.length), MD5OfMessageBody: '' };
      },
    },
  }),
});

const catalog = catalogOf({ events: eventsService, lambda: lambdaService, sqs: sqsStandIn });
const fixture = readAssembly(join(__dirname, '__fixtures__', 'bus.out'));

let root: string;
let cloud: LocalCloud;
let eb: EventBridgeClient;

async function start() {
  cloud = await LocalCloud.start(
    { workspaceRoot: root, port: 0, quiet: true, delayScale: 0.001, overridesFile: join(root, 'overrides.json') },
    { catalog, loader: stackLoader(fixture) },
  );
  eb = new EventBridgeClient({ region: 'eu-west-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
}

const api = () => cloud.instance('events')!.api as EventsApi;
const recorded = () => {
  const file = join(root, '.local-cloud', 'recorded.ndjson');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown) : [];
};
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};
const put = (detailType: string, detail: object, bus = 'Plumbing') =>
  eb.send(new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'TEST', DetailType: detailType, Detail: JSON.stringify(detail) }] }));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lc-events-'));
  writeFileSync(join(root, 'overrides.json'), JSON.stringify({ functions: { recorder: { environment: { RECORD_FILE: '${dataDir}/recorded.ndjson' } } } }));
  await start();
});
afterAll(() => cloud.stop());

describe('PutEvents', () => {
  it('refuses more than 10 entries, and reports bad entries per entry', async () => {
    const eleven = Array.from({ length: 11 }, () => ({ Source: 'TEST', DetailType: 'PLAIN', Detail: '{}', EventBusName: 'Plumbing' }));
    await expect(eb.send(new PutEventsCommand({ Entries: eleven }))).rejects.toMatchObject({ name: 'ValidationException' });
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'TEST', DetailType: 'PLAIN', Detail: '{"ok":true}', EventBusName: 'Plumbing' },
          { Source: 'TEST', Detail: '{}', EventBusName: 'Plumbing' },
          { Source: 'TEST', DetailType: 'PLAIN', Detail: '[1,2]', EventBusName: 'Plumbing' },
          { Source: 'TEST', DetailType: 'PLAIN', Detail: '{}', EventBusName: 'Nope' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(3);
    expect(out.Entries![0]!.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries!.slice(1).map((e) => e.ErrorCode)).toEqual(['InvalidArgument', 'MalformedDetail', 'ResourceNotFoundException']);
    const big = 'x'.repeat(256 * 1024);
    await expect(eb.send(new PutEventsCommand({ Entries: [{ Source: 'TEST', DetailType: 'PLAIN', Detail: JSON.stringify({ big }), EventBusName: 'Plumbing' }] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('delivers the input transformer’s output to a Lambda target, only for matching events', async () => {
    await put('GREETING', { who: 'Ada', mood: 'happy' });
    await put('GREETING', { who: 'Bob', mood: 'grumpy' });
    await until(() => recorded().length >= 1, 'the recorder');
    await api().drained();
    await new Promise((r) => setTimeout(r, 200));
    expect(recorded()).toEqual([{ greeting: 'hello Ada', rule: 'to-lambda' }]);
  });

  it('retries a failing target with backoff and delivers once it recovers', async () => {
    sqs.flakyFailures = 2;
    const { Entries } = await put('FLAKY', { n: 1 });
    await api().drained();
    const trace = api().traces.get(Entries![0]!.EventId!)!;
    expect(trace.rules).toHaveLength(1);
    expect(trace.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(sqs.sent.filter((m) => m.QueueUrl === 'http://queue/flaky')).toHaveLength(1);
  });

  it('dead-letters at once on a non-retryable error, with EventBridge’s attributes', async () => {
    const { Entries } = await put('GONE', { n: 2 });
    await api().drained();
    const dead = sqs.sent.find((m) => m.QueueUrl === 'http://queue/dlq')!;
    expect(JSON.parse(dead.MessageBody!)).toMatchObject({ id: Entries![0]!.EventId, 'detail-type': 'GONE', detail: { n: 2 } });
    expect(dead.MessageAttributes).toMatchObject({
      ERROR_CODE: { StringValue: 'QueueDoesNotExist' },
      RULE_ARN: { StringValue: expect.stringMatching(/:rule\/Plumbing\/Bus-ToGone-/) },
      TARGET_ARN: { StringValue: 'arn:aws:sqs:eu-west-1:000000000000:gone' },
      RETRY_ATTEMPTS: { StringValue: '0' },
    });
    expect(api().traces.get(Entries![0]!.EventId!)!.deliveries[0]!.status).toBe('dead-lettered');
  });
});

describe('archive and replay', () => {
  it('archives events and replays a time window to the rules, marked with replay-name', async () => {
    const before = Date.now() - 5000;
    await new Promise((r) => setTimeout(r, 20));
    const archive = await eb.send(new DescribeArchiveCommand({ ArchiveName: 'Plumbing-all' }));
    expect(archive.EventCount).toBeGreaterThanOrEqual(5);
    const already = recorded().length;
    await eb.send(
      new StartReplayCommand({
        ReplayName: 'again',
        EventSourceArn: archive.ArchiveArn,
        EventStartTime: new Date(before),
        EventEndTime: new Date(),
        Destination: { Arn: 'arn:aws:events:eu-west-1:000000000000:event-bus/Plumbing' },
      }),
    );
    await until(() => recorded().length > already, 'the replayed greeting');
    for (let i = 0; i < 100; i++) {
      if ((await eb.send(new DescribeReplayCommand({ ReplayName: 'again' }))).State === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const replay = await eb.send(new DescribeReplayCommand({ ReplayName: 'again' }));
    expect(replay.State).toBe('COMPLETED');
    expect(recorded().slice(already)).toEqual([{ greeting: 'hello Ada', rule: 'to-lambda' }]);
    const replayed = api().traces.recent(50).filter((t) => t.event['replay-name'] === 'again');
    expect(replayed.length).toBeGreaterThanOrEqual(5);
  });
});

describe('durability', () => {
  it('resumes unacknowledged deliveries after a restart, exactly once each', async () => {
    let release!: () => void;
    sqs.hang = new Promise<void>((r) => (release = r));
    const { Entries } = await put('FLAKY', { n: 'survives' });
    const id = Entries![0]!.EventId!;
    await new Promise((r) => setTimeout(r, 50));
    expect(api().pendingDeliveries()).toBe(1);
    await cloud.stop();
    sqs.hang = undefined;
    await start();
    await api().drained();
    const delivered = sqs.sent.filter((m) => m.QueueUrl === 'http://queue/flaky' && (JSON.parse(m.MessageBody!) as { id: string }).id === id);
    expect(delivered).toHaveLength(1);
    // The attempt that was in flight when the first process stopped completes nowhere.
    release();
  });
});

describe('API rules', () => {
  it('creates rules and targets that persist, and tests patterns', async () => {
    await eb.send(new PutRuleCommand({ Name: 'api-rule', EventBusName: 'Plumbing', EventPattern: JSON.stringify({ 'detail-type': ['API'] }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'api-rule', EventBusName: 'Plumbing', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:eu-west-1:000000000000:plain' }] }));
    await cloud.stop();
    await start();
    await put('API', { via: 'api' });
    await api().drained();
    expect(sqs.sent.some((m) => m.QueueUrl === 'http://queue/plain' && m.MessageBody!.includes('"via":"api"'))).toBe(true);
    const t = await eb.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ source: [{ prefix: 'TE' }] }),
        Event: JSON.stringify({ id: '1', account: '000000000000', source: 'TEST', time: '2024-01-01T00:00:00Z', region: 'eu-west-1', 'detail-type': 'X', detail: {} }),
      }),
    );
    expect(t.Result).toBe(true);
  });

  it('fires scheduled rules', async () => {
    await eb.send(new PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }));
    await eb.send(new PutTargetsCommand({ Rule: 'every-minute', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:eu-west-1:000000000000:plain' }] }));
    await until(() => sqs.sent.some((m) => m.MessageBody!.includes('"detail-type":"Scheduled Event"')), 'a scheduled event');
    await expect(eb.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: 'cron(0 12 * * * *)' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
