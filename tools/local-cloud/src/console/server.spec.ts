/**
 * The console's server against a real local cloud (EventBridge, SQS, SNS): the
 * event log and messages from PutEvents, the live stream, failed deliveries and
 * dead letters, alerts, archive replay, restart, and the page.
 */
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { busEvent, exampleDetail } from '@sma/contracts/testing';
import { PLUMBING_BUS_NAME, type DetailType } from '@sma/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCloud } from '../core/runtime';
import { catalogOf } from '../core/catalog';
import { physicalName } from '../core/ids';
import type { ResolvedResource } from '../core/service';
import { eventsService } from '../services/events';
import { snsService } from '../services/sns';
import { sqsService } from '../services/sqs';
import type { AlertsView, ArchiveView, DeadLetterQueueView, EventRecord, MessageView, ReplayView } from './api-types';
import { consoleComponent, type ConsoleComponent } from './component';

const catalog = catalogOf({ events: eventsService, sqs: sqsService, sns: snsService });
const ACCOUNT = '000000000000';
const REGION = 'eu-west-1';
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

async function provision(cloud: LocalCloud, type: string, logicalId: string, properties: Record<string, unknown>) {
  const owner = type.startsWith('AWS::Events') ? 'events' : type.startsWith('AWS::SQS') ? 'sqs' : 'sns';
  const resource: ResolvedResource = {
    stack: 'Test',
    logicalId,
    type,
    properties,
    path: `Test/${logicalId}`,
    assemblyDir: cloud.config.dataDir,
    asset: () => undefined,
    physicalName: (o) => physicalName('Test', logicalId, o),
  };
  const out = await cloud.instance(owner)!.resources[type]!(resource, cloud);
  cloud.resources.add({ stack: 'Test', logicalId, type, owner, ref: out.ref, arn: out.arn, attributes: out.attributes ?? {}, properties, path: resource.path });
}

/** The Plumbing bus with an archive, a rule to an SNS topic (alerts), and a rule whose target is gone (dead letters). */
async function loader(cloud: LocalCloud) {
  await provision(cloud, 'AWS::Events::EventBus', 'Bus', { Name: PLUMBING_BUS_NAME });
  await provision(cloud, 'AWS::Events::Archive', 'Archive', { ArchiveName: 'Plumbing-Archive', SourceArn: arn('events', `event-bus/${PLUMBING_BUS_NAME}`) });
  await provision(cloud, 'AWS::SQS::Queue', 'Dlq', { QueueName: 'broken-rule-dlq' });
  await provision(cloud, 'AWS::SNS::Topic', 'Alerts', { TopicName: 'negative', DisplayName: 'Negative messages' });
  await provision(cloud, 'AWS::Events::Rule', 'Negative', {
    Name: 'Negative',
    EventBusName: PLUMBING_BUS_NAME,
    EventPattern: { 'detail-type': ['MESSAGE_ANALYSED'], detail: { Analysis: { TextSentiment: ['NEGATIVE'] } } },
    Targets: [{ Id: 'Topic', Arn: arn('sns', 'negative'), InputTransformer: { InputPathsMap: { text: '$.detail.Text' }, InputTemplate: '"Negative: <text>"' } }],
  });
  await provision(cloud, 'AWS::Events::Rule', 'Broken', {
    Name: 'Broken',
    EventBusName: PLUMBING_BUS_NAME,
    EventPattern: { 'detail-type': ['SEND_REPLY'] },
    Targets: [{ Id: 'Gone', Arn: arn('sqs', 'no-such-queue'), DeadLetterConfig: { Arn: arn('sqs', 'broken-rule-dlq') } }],
  });
}

let dataDir: string;
let cloud: LocalCloud;
let component: ConsoleComponent;

async function start(assets = false) {
  component = consoleComponent({ assets });
  cloud = await LocalCloud.start({ workspaceRoot: dataDir, dataDir, port: 0, quiet: true, delayScale: 0.001 }, { catalog, loader, components: [component] });
}

const get = async <T>(path: string) => {
  const res = await fetch(`${cloud.endpoint}/_console/api${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const post = async <T>(path: string, body: unknown) => {
  const res = await fetch(`${cloud.endpoint}/_console/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
};

function entry(type: DetailType, detail: unknown = exampleDetail(type)): PutEventsRequestEntry {
  const e = busEvent(type, detail as never);
  return { EventBusName: PLUMBING_BUS_NAME, Source: e.source, DetailType: type, Detail: JSON.stringify(e.detail) };
}

async function put(...entries: PutEventsRequestEntry[]) {
  const out = await cloud.send(new PutEventsCommand({ Entries: entries }));
  expect(out.FailedEntryCount).toBe(0);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'console-'));
  await start();
});

afterEach(async () => {
  await cloud.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the console server', () => {
  it('joins a message’s events into one row and lists every event newest first', async () => {
    await put(entry('MESSAGE_RECEIVED'), entry('MESSAGE_ANALYSED'));
    await put(entry('SEND_REPLY'), entry('REPLY_SENT'));
    const messages = await get<MessageView[]>('/messages');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ messageId: 'TWITTER-1572570427880538999', analysis: { TextSentiment: 'NEGATIVE' }, reply: { responder: 'IMAGE' }, outcome: { status: 'SENT' } });
    const page = await get<{ records: EventRecord[] }>('/events?limit=10');
    expect(page.records.map((r) => r.detailType).sort()).toEqual(['MESSAGE_ANALYSED', 'MESSAGE_RECEIVED', 'REPLY_SENT', 'SEND_REPLY']);
    const filtered = await get<{ records: EventRecord[] }>('/events?detailType=SEND_REPLY,REPLY_SENT&source=EGRESS');
    expect(filtered.records.map((r) => r.detailType)).toEqual(['REPLY_SENT']);
    expect((await fetch(`${cloud.endpoint}/_console/api/messages/TWITTER-nope`)).status).toBe(404);
  });

  it('streams events, delivery outcomes and message updates as they happen', async () => {
    const controller = new AbortController();
    const res = await fetch(`${cloud.endpoint}/_console/api/stream`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const read = async (pattern: RegExp) =>
      until(`${pattern}`, async () => {
        if (pattern.test(text)) return text;
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
        return undefined;
      });
    await put(entry('MESSAGE_ANALYSED'));
    await read(/event: event\ndata: .*"MESSAGE_ANALYSED"/);
    await read(/event: message\ndata: .*"TWITTER-1572570427880538999"/);
    await read(/event: delivery\ndata: .*"status":"delivered"/);
    await read(/event: alert\ndata: .*Negative: @makitdev the van broke down/);
    controller.abort();
    // The server notices the client left and closes its side.
    await until('the stream to close', async () => ((component.server as unknown as { hub: { size: number } }).hub.size === 0 ? true : undefined));
  });

  it('marks failed deliveries and shows what the dead-letter queue holds', async () => {
    await put(entry('SEND_REPLY'));
    const record = await until('the dead-lettered delivery', async () => {
      const page = await get<{ records: EventRecord[] }>('/events?problems=true');
      return page.records.find((r) => r.deliveries.some((d) => d.status === 'dead-lettered'));
    });
    expect(record.deliveries[0]).toMatchObject({ rule: 'Broken', target: 'Gone', status: 'dead-lettered', deadLetterArn: arn('sqs', 'broken-rule-dlq'), error: { code: expect.any(String) } });
    const queues = await get<DeadLetterQueueView[]>('/dead-letters');
    const dlq = queues.find((q) => q.name === 'broken-rule-dlq')!;
    expect(dlq.feeds).toEqual(['Test/Broken → Gone']);
    expect(dlq.count).toBe(1);
    expect(dlq.messages[0]!.attributes).toMatchObject({ RULE_ARN: expect.stringContaining('Broken'), ERROR_CODE: expect.any(String) });
    expect(JSON.parse(dlq.messages[0]!.body)).toMatchObject({ 'detail-type': 'SEND_REPLY' });
    // Reading leaves the message in the queue.
    expect((await get<DeadLetterQueueView[]>('/dead-letters')).find((q) => q.name === 'broken-rule-dlq')!.count).toBe(1);
  });

  it('shows an alert with the message the rule rendered for its topic', async () => {
    await put(entry('MESSAGE_ANALYSED'), entry('MESSAGE_RECEIVED'));
    const alerts = await until('the alert', async () => {
      const view = await get<AlertsView>('/alerts');
      return view.alerts.length > 0 ? view : undefined;
    });
    expect(alerts.topics).toEqual([expect.objectContaining({ arn: arn('sns', 'negative'), displayName: 'Negative messages' })]);
    expect(alerts.alerts).toHaveLength(1);
    expect(alerts.alerts[0]).toMatchObject({ topic: 'Negative messages', message: expect.stringMatching(/^Negative: @makitdev the van broke down again/) });
  });

  it('replays a window of the archive; the replayed copies are marked and counted', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    await put(entry('MESSAGE_RECEIVED'));
    await new Promise((r) => setTimeout(r, 20));
    const archives = await get<ArchiveView[]>('/archives');
    expect(archives).toEqual([expect.objectContaining({ name: 'Plumbing-Archive', bus: PLUMBING_BUS_NAME, eventCount: 1 })]);
    const started = await post<{ name: string }>('/replays', { archive: 'Plumbing-Archive', start: before, end: new Date().toISOString(), name: 'console-test' });
    expect(started.status).toBe(200);
    const replayed = await until('the replayed event', async () => {
      const page = await get<{ records: EventRecord[] }>('/events?replayed=true');
      return page.records[0];
    });
    expect(replayed).toMatchObject({ replayName: 'console-test', detailType: 'MESSAGE_RECEIVED', key: expect.stringMatching(/#console-test$/) });
    const replays = await until('the finished replay', async () => {
      const list = await get<ReplayView[]>('/replays');
      return list[0]?.state === 'COMPLETED' ? list : undefined;
    });
    expect(replays[0]).toMatchObject({ name: 'console-test', archive: 'Plumbing-Archive', replayedEvents: 1 });
    const message = await get<MessageView>('/messages/TWITTER-1572570427880538999');
    expect(message.events.map((e) => e.replayName ?? 'original')).toEqual(['original', 'console-test']);
    const refused = await post<{ message: string }>('/replays', { archive: 'Plumbing-Archive', start: new Date().toISOString(), end: before });
    expect(refused.status).toBe(400);
  });

  it('keeps its events and messages across a restart', async () => {
    await put(entry('MESSAGE_RECEIVED'), entry('MESSAGE_ANALYSED'));
    await until('the log to hold both', async () => ((await get<{ records: EventRecord[] }>('/events')).records.length === 2 ? true : undefined));
    await cloud.stop();
    await start();
    expect((await get<{ records: EventRecord[] }>('/events')).records).toHaveLength(2);
    expect((await get<MessageView>('/messages/TWITTER-1572570427880538999')).analysis?.TextSentiment).toBe('NEGATIVE');
  });

  it('answers unknown API paths and wrong methods with JSON errors', async () => {
    expect((await fetch(`${cloud.endpoint}/_console/api/nothing`)).status).toBe(404);
    const res = await fetch(`${cloud.endpoint}/_console/api/messages`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect((await post('/queries/run', { sql: 'SELECT 1' })).status).toBe(503);
    expect((await fetch(`${cloud.endpoint}/_console/api/events`, { method: 'POST', body: '{' })).status).toBe(405);
  });
});

describe('the console page', () => {
  beforeEach(async () => {
    await cloud.stop();
    await start(true);
  });

  it('is one HTML shell with a hashed script and stylesheet, no outside URL', async () => {
    const html = await (await fetch(`${cloud.endpoint}/_console`)).text();
    const script = /src="\/_console\/assets\/(app\.[0-9a-f]+\.js)"/.exec(html)?.[1];
    const style = /href="\/_console\/assets\/(app\.[0-9a-f]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    const js = await fetch(`${cloud.endpoint}/_console/assets/${script}`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect(js.headers.get('cache-control')).toMatch(/immutable/);
    const code = await js.text();
    // Everything the page runs is in the bundle: no import from elsewhere.
    expect(code).not.toMatch(/\bimport\s*\(?\s*["']https?:/);
    expect(code).not.toMatch(/from\s*["']https?:/);
    expect(html).not.toMatch(/https?:\/\//);
    const again = await fetch(`${cloud.endpoint}/_console/assets/${script}`, { headers: { 'if-none-match': `"${script}"` } });
    expect(again.status).toBe(304);
    expect((await fetch(`${cloud.endpoint}/_console/messages/anything`)).headers.get('content-type')).toMatch(/text\/html/);
  });
});
