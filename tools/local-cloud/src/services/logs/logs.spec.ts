import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { logsService, type LogsInstance } from './index';

let env: TestCloud;
let logs: CloudWatchLogsClient;
const GROUP = '/aws/lambda/ingress-webhook';

beforeAll(async () => {
  env = await startTestCloud([logsService]);
  logs = new CloudWatchLogsClient(env.client);
  await env.provision('AWS::Logs::LogGroup', 'WebhookLogs', { LogGroupName: GROUP, RetentionInDays: 30 });
  await env.provision('AWS::Logs::LogGroup', 'DeliveryLogs', { RetentionInDays: '30' }, 'Analytics');
});
afterAll(() => env.dispose());

describe('CloudWatch Logs', () => {
  it('creates groups from templates (named and generated) with their retention', async () => {
    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({}));
    expect(logGroups).toHaveLength(2);
    expect(logGroups!.find((g) => g.logGroupName === GROUP)).toMatchObject({
      retentionInDays: 30,
      arn: `arn:aws:logs:eu-west-1:000000000000:log-group:${GROUP}:*`,
      logGroupArn: `arn:aws:logs:eu-west-1:000000000000:log-group:${GROUP}`,
    });
    expect(logGroups!.find((g) => g.logGroupName !== GROUP)!.logGroupName).toMatch(/^Analytics-DeliveryLogs-[A-Z0-9]{13}$/);
  });

  it('puts, gets (forward and backward) and filters events', async () => {
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: '2024/05/01/[$LATEST]abc' }));
    const now = Date.now();
    const messages = Array.from({ length: 25 }, (_, i) => JSON.stringify({ level: i % 5 === 0 ? 'ERROR' : 'INFO', n: i }));
    await logs.send(
      new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: '2024/05/01/[$LATEST]abc', logEvents: messages.map((message, i) => ({ timestamp: now - 1000 + i, message })) }),
    );
    const head = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: '2024/05/01/[$LATEST]abc', startFromHead: true, limit: 10 }));
    expect(head.events!.map((e) => JSON.parse(e.message!).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const next = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: '2024/05/01/[$LATEST]abc', nextToken: head.nextForwardToken, limit: 10 }));
    expect(next.events!.map((e) => JSON.parse(e.message!).n)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const back = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: '2024/05/01/[$LATEST]abc', nextToken: next.nextBackwardToken, limit: 3 }));
    expect(back.events!.map((e) => JSON.parse(e.message!).n)).toEqual([7, 8, 9]);
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: '2024/05/01/[$LATEST]abc', limit: 2 }));
    expect(tail.events!.map((e) => JSON.parse(e.message!).n)).toEqual([23, 24]);
    // At the end, the forward token comes back unchanged: that is how clients know to stop.
    const end = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: '2024/05/01/[$LATEST]abc', nextToken: tail.nextForwardToken }));
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(tail.nextForwardToken);

    const errors = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.level = "ERROR" }' }));
    expect(errors.events!.map((e) => JSON.parse(e.message!).n)).toEqual([0, 5, 10, 15, 20]);
    expect(errors.events![0]).toMatchObject({ logStreamName: '2024/05/01/[$LATEST]abc', eventId: expect.any(String) });
  });

  it('takes function output through the in-process append, creating the stream', async () => {
    const instance = env.cloud.instance('logs') as LogsInstance;
    await instance.append(GROUP, '2024/05/01/[$LATEST]def', [{ timestamp: Date.now(), message: 'START RequestId: r1 Version: $LATEST' }]);
    const { logStreams } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', descending: true }));
    expect(logStreams![0]!.logStreamName).toBe('2024/05/01/[$LATEST]def');
  });

  it('rejects events out of range and bad requests as AWS does', async () => {
    const now = Date.now();
    const out = await logs.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: '2024/05/01/[$LATEST]abc',
        logEvents: [
          { timestamp: now - 40 * 24 * 3600 * 1000, message: 'past retention' },
          { timestamp: now, message: 'fine' },
          { timestamp: now + 3 * 3600 * 1000, message: 'future' },
        ],
      }),
    ).catch((e: unknown) => e);
    // Spanning more than 24 hours is refused as a whole.
    expect(out).toMatchObject({ name: 'InvalidParameterException' });
    const partial = await logs.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: '2024/05/01/[$LATEST]abc',
        logEvents: [{ timestamp: now, message: 'fine' }, { timestamp: now + 3 * 3600 * 1000, message: 'future' }],
      }),
    );
    expect(partial.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    await expect(logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: 'nope', logEvents: [{ timestamp: now, message: 'x' }] }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: '2024/05/01/[$LATEST]abc', logEvents: [{ timestamp: now, message: 'b' }, { timestamp: now - 1, message: 'a' }] })),
    ).rejects.toMatchObject({ message: 'Log events in a single PutLogEvents request must be in chronological order.' });
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
  });

  it('keeps groups, streams and events across a restart', async () => {
    env = await env.restart();
    logs = new CloudWatchLogsClient(env.client);
    const errors = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.level = "ERROR" }' }));
    expect(errors.events).toHaveLength(5);
    const { logStreams } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    expect(logStreams!.map((s) => s.logStreamName)).toEqual(['2024/05/01/[$LATEST]abc', '2024/05/01/[$LATEST]def']);
  });
});
