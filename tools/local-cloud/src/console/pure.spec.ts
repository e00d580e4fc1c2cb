import { busEvent } from '@sma/contracts/testing';
import { alertsOf, deliveredMessage } from './alerts/alert-views';
import { resultTable, sentimentOverTimeSql } from './analytics/results';
import { deadLetterFeeds } from './dead-letters/feeds';
import { executionSummary, listExecutions } from './executions/execution-views';
import { recordOfTrace } from './feed/event-record';
import { matchPath } from './http/routes';
import { defaultReplayName, replayRequest } from './replay/replay-request';

const TOPIC = 'arn:aws:sns:eu-west-1:000000000000:negative';

describe('dead-letter feeds', () => {
  it('find every queue something dead-letters into, from rules, functions, destinations and redrive policies', () => {
    const q = (n: string) => `arn:aws:sqs:eu-west-1:000000000000:${n}`;
    const feeds = deadLetterFeeds([
      { stack: 'A', logicalId: 'Rule', type: 'AWS::Events::Rule', properties: { Targets: [{ Id: 'T', DeadLetterConfig: { Arn: q('rule-dlq') } }, { Id: 'U' }] } },
      { stack: 'A', logicalId: 'Fn', type: 'AWS::Lambda::Function', properties: { DeadLetterConfig: { TargetArn: q('fn-dlq') } } },
      { stack: 'A', logicalId: 'Cfg', type: 'AWS::Lambda::EventInvokeConfig', properties: { DestinationConfig: { OnFailure: { Destination: q('fn-dlq') } } } },
      { stack: 'B', logicalId: 'Sub', type: 'AWS::SNS::Subscription', properties: { RedrivePolicy: { deadLetterTargetArn: q('sub-dlq') } } },
      { stack: 'B', logicalId: 'Queue', type: 'AWS::SQS::Queue', properties: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: q('queue-dlq'), maxReceiveCount: 3 }) } },
      { stack: 'B', logicalId: 'Topic', type: 'AWS::Lambda::EventInvokeConfig', properties: { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sns:eu-west-1:000000000000:t' } } } },
    ]);
    expect(Object.fromEntries(feeds)).toEqual({
      [q('rule-dlq')]: ['A/Rule → T'],
      [q('fn-dlq')]: ['A/Fn', 'A/Cfg'],
      [q('sub-dlq')]: ['B/Sub'],
      [q('queue-dlq')]: ['B/Queue'],
    });
  });
});

describe('replay requests', () => {
  const now = new Date('2024-05-01T10:00:00.000Z');
  it('default the end to just before now and the name to the time', () => {
    const r = replayRequest({ archive: 'Plumbing-all', start: '2024-05-01T09:45:00.000Z', end: '2024-05-01T11:00:00.000Z' }, now);
    expect(r).toEqual({ archive: 'Plumbing-all', name: 'console-20240501-100000', start: new Date('2024-05-01T09:45:00.000Z'), end: new Date(now.getTime() - 1) });
    expect(defaultReplayName(now)).toBe('console-20240501-100000');
  });
  it('refuse windows that end before they start, bad times and bad names', () => {
    expect(() => replayRequest({ archive: 'a', start: '2024-05-01T10:30:00Z' }, now)).toThrow(/start before it ends/);
    expect(() => replayRequest({ archive: 'a', start: 'yesterday' }, now)).toThrow(/ISO 8601/);
    expect(() => replayRequest({ start: '2024-05-01T09:00:00Z' }, now)).toThrow(/archive/);
    expect(() => replayRequest({ archive: 'a', start: '2024-05-01T09:00:00Z', name: 'no spaces please' }, now)).toThrow(/name/);
  });
});

describe('Athena results', () => {
  it('drop the header row Athena repeats on the first page only', () => {
    const meta = { ColumnInfo: [{ Name: 'label', Type: 'varchar' }, { Name: 'images', Type: 'bigint' }] };
    const row = (...v: Array<string | undefined>) => ({ Data: v.map((x) => (x === undefined ? {} : { VarCharValue: x })) });
    const table = resultTable([
      { ResultSetMetadata: meta, Rows: [row('label', 'images'), row('Person', '2')] },
      { Rows: [row('label', 'images'), row(undefined, '1')] },
    ]);
    expect(table).toEqual({ columns: [{ name: 'label', type: 'varchar' }, { name: 'images', type: 'bigint' }], rows: [['Person', '2'], ['label', 'images'], [null, '1']] });
  });
  it('bucket sentiment by a prefix of the ISO time', () => {
    expect(sentimentOverTimeSql('hour')).toMatch(/substr\(detail\.analysedat, 1, 13\)/);
    expect(sentimentOverTimeSql('minute')).toMatch(/substr\(detail\.analysedat, 1, 16\)/);
  });
});

describe('alerts', () => {
  const record = recordOfTrace(
    {
      event: busEvent('MESSAGE_ANALYSED'),
      bus: 'Plumbing',
      ingested: '2024-05-01T10:00:00.000Z',
      rules: ['Negative'],
      archives: [],
      deliveries: [{ rule: 'arn:aws:events:eu-west-1:0:rule/Plumbing/Negative', target: 'Topic', status: 'delivered', attempts: 1 }],
    },
    () => ({ arn: TOPIC }),
  );
  const topics = [{ arn: TOPIC, name: 'negative', displayName: 'Negative messages', subscriptions: [{ arn: `${TOPIC}:sub-1`, protocol: 'email', endpoint: 'ops@example.com' }] }];
  const render = () => '"Negative: the van broke down"';

  it('show what the topic received, with each subscription’s outcome from SNS', () => {
    const sns = [{ time: '2024-05-01T10:00:01.000Z', messageId: 'm1', topicArn: TOPIC, subscriptionArn: `${TOPIC}:sub-1`, protocol: 'email', endpoint: 'ops@example.com', status: 'delivered', payload: 'Negative: the van broke down' }];
    const [alert] = alertsOf([record], render, topics, sns);
    expect(alert).toMatchObject({ topic: 'Negative messages', message: 'Negative: the van broke down', deliveries: [{ subscriptionArn: `${TOPIC}:sub-1`, status: 'delivered' }] });
    expect(alertsOf([record], render, topics, [])[0]!.deliveries[0]!.status).toBe('pending');
  });

  it('list SNS messages no event explains on their own, and read enveloped payloads', () => {
    const payload = JSON.stringify({ Type: 'Notification', Message: 'from elsewhere' });
    const other = { time: '2024-05-01T11:00:00.000Z', messageId: 'm2', topicArn: TOPIC, subscriptionArn: `${TOPIC}:sub-1`, protocol: 'sqs', endpoint: 'q', status: 'failed', error: 'boom', payload };
    expect(deliveredMessage(other)).toBe('from elsewhere');
    const alerts = alertsOf([record], render, topics, [other]);
    expect(alerts.map((a) => a.message)).toEqual(['from elsewhere', 'Negative: the van broke down']);
    expect(alerts[0]!.deliveries).toEqual([{ subscriptionArn: `${TOPIC}:sub-1`, protocol: 'sqs', endpoint: 'q', status: 'failed', error: 'boom' }]);
  });
});

describe('executions', () => {
  const e = (name: string, start: number, input: unknown, sm = 'arn:aws:states:eu-west-1:0:stateMachine:Analyse') => ({ arn: `x:${name}`, name, stateMachineArn: sm, status: 'SUCCEEDED', input: JSON.stringify(input), startDate: start });
  it('link an execution to the message its input event carries, newest first', () => {
    const list = listExecutions([e('a', 1, busEvent('MESSAGE_RECEIVED')), e('b', 2, { detail: {} }), e('c', 3, {}, 'arn:aws:states:eu-west-1:0:stateMachine:Other')], { stateMachineArn: 'arn:aws:states:eu-west-1:0:stateMachine:Analyse' });
    expect(list.map((x) => [x.name, x.messageId ?? '-', x.stateMachine])).toEqual([
      ['b', '-', 'Analyse'],
      ['a', 'TWITTER-1572570427880538999', 'Analyse'],
    ]);
    expect(executionSummary(e('d', 0, 'not json'))).toMatchObject({ name: 'd', startDate: '1970-01-01T00:00:00.000Z' });
    expect(listExecutions([e('a', 1, busEvent('MESSAGE_RECEIVED'))], { messageId: 'TWITTER-nope' })).toEqual([]);
  });
});

describe('route patterns', () => {
  it('bind parameters, decode them, and take the rest of the path with *', () => {
    expect(matchPath([':id'], '/TWITTER-1')).toEqual({ id: 'TWITTER-1' });
    expect(matchPath(['executions', ':arn'], '/executions/arn%3Aaws%3Astates')).toEqual({ arn: 'arn:aws:states' });
    expect(matchPath(['objects', ':bucket', '*key'], '/objects/b/images/a%20b/0.jpg')).toEqual({ bucket: 'b', key: 'images/a b/0.jpg' });
    expect(matchPath(['objects', ':bucket', '*key'], '/objects/b')).toBeUndefined();
    expect(matchPath(['messages'], '/messages/extra')).toBeUndefined();
  });
});
