import { busEvent, exampleDetail } from '@sma/contracts/testing';
import type { MessageAnalysed } from '@sma/contracts';
import { LAKE_TABLES, lakeTableDefinitions } from '../catalog/lake-tables';
import { transformRecords } from '../lake/transform-records';
import { loadLake, type DuckLake, type LakeObjectLine } from '../__testing__/duck-lake';
import { NAMED_QUERIES, NAMED_QUERY_IDS, namedQuerySql } from './named-queries';

const base = exampleDetail('MESSAGE_ANALYSED');
const entity = (Type: MessageAnalysed['Analysis']['TextEntities'][number]['Type'], Text: string, Score = 0.95) => ({ Type, Text, Score, BeginOffset: 0, EndOffset: 1 });
const image = (...labels: string[]) => ({
  ...structuredClone(base.Analysis.Images[0]!),
  Labels: labels.map((Name) => ({ Name, Confidence: 95, Parents: [], Instances: [] })),
});
const message = (id: string, patch: Partial<MessageAnalysed>, analysis: Partial<MessageAnalysed['Analysis']>): MessageAnalysed => ({
  ...structuredClone(base),
  MessageId: `TWITTER-${id}`,
  Twitter: { ...base.Twitter!, TweetId: id },
  ...patch,
  Analysis: { ...structuredClone(base.Analysis), PiiEntities: [], ...analysis },
});
const slackOrigin = { TeamId: 'T1', ChannelId: 'C1', UserId: 'U9', Ts: '1.1', ThreadTs: '1.1', EventId: 'Ev1' };

const m1 = message('101', {}, { TextEntities: [entity('PERSON', '@makitdev'), entity('ORGANIZATION', 'Acme Motors')], Images: [image('Van', 'Person')] });
const m2 = message('102', {}, { TextEntities: [entity('ORGANIZATION', 'Acme Motors')], Images: [image('Person', 'Dog')] });
const m3 = { ...message('x', { MessageId: 'SLACK-Ev1', Channel: 'SLACK', Author: 'Dana', AuthorId: 'U9', ImageUrls: [], Slack: slackOrigin }, { TextSentiment: 'POSITIVE', TextEntities: [entity('ORGANIZATION', 'Acme Motors'), entity('LOCATION', 'Leeds', 0.3)], Images: [] }), Twitter: undefined };
const webhook = { MessageId: 'WEBHOOK-shop-reviews-r1', Channel: 'WEBHOOK' as const, Author: 'Sam', AuthorId: 'c-19', ImageUrls: [], Webhook: { Source: 'shop-reviews', ExternalId: 'r1' } };
const m4 = { ...message('y', webhook, { TextEntities: [entity('ORGANIZATION', 'Acme Motors')], Images: [image('Person')] }), Twitter: undefined };
const m4again = { ...m4, AnalysedAt: '2022-09-22T18:00:00.000Z', Analysis: { ...m4.Analysis, TextSentiment: 'MIXED' as const } };
const m5 = message('105', { Author: 'kate_b', AuthorId: '77' }, { TextSentiment: undefined, SentimentScore: undefined, TextEntities: [], Images: [] });

const analysed = (detail: MessageAnalysed, id: string, time: string) => busEvent('MESSAGE_ANALYSED', detail, { id, time });
/** Three Firehose batches; e1 is delivered twice, in different batches (at-least-once), m4 analysed twice (new event id). */
const batches = [
  [analysed(m1, 'e1', '2022-09-21T10:00:00Z'), analysed(m2, 'e2', '2022-09-21T11:00:00Z'), busEvent('MESSAGE_RECEIVED', undefined, { id: 'e0', time: '2022-09-21T09:59:58Z' })],
  [analysed(m1, 'e1', '2022-09-21T10:00:00Z'), analysed(m3, 'e3', '2022-09-22T08:00:00Z'), analysed(m4, 'e4', '2022-09-22T09:00:00Z')],
  [analysed(m4again, 'e4b', '2022-09-22T18:00:00Z'), analysed(m5, 'e5', '2022-09-22T20:00:00Z'), busEvent('REPLY_SENT', undefined, { id: 'e6', time: '2022-09-22T20:00:01Z' })],
];

const lakeUrl = 's3://lake/';
const tables = lakeTableDefinitions({ lakeUrl, projectionStartDate: '2022-01-01' });
let lake: DuckLake;

beforeAll(async () => {
  const objects: LakeObjectLine[] = batches.flatMap((batch, b) => {
    const records = batch.map((e, i) => ({ recordId: `${b}-${i}`, approximateArrivalTimestamp: 0, data: Buffer.from(JSON.stringify(e)).toString('base64') }));
    return transformRecords(records).records.map((r) => ({
      line: Buffer.from(r.data!, 'base64').toString('utf8'),
      partitionKeys: r.metadata!.partitionKeys as LakeObjectLine['partitionKeys'],
    }));
  });
  lake = await loadLake(lakeUrl, LAKE_TABLES.map((t) => tables[t]), objects);
});
afterAll(() => lake.close());

const run = (id: (typeof NAMED_QUERY_IDS)[number]) => lake.query(namedQuerySql(id));

describe('named queries', () => {
  it('each has a name, a description and a .sql file', () => {
    for (const id of NAMED_QUERY_IDS) {
      expect(NAMED_QUERIES[id].name.length).toBeGreaterThan(0);
      expect(namedQuerySql(id)).toMatch(/^--[^\n]+\n[\s\S]*SELECT/);
    }
  });

  it('each deduplicates: by message id (latest analysis) or by event id', () => {
    for (const id of NAMED_QUERY_IDS) {
      const sql = namedQuerySql(id);
      const byMessage = /row_number\(\) OVER \(PARTITION BY detail\.messageid ORDER BY detail\.analysedat DESC, id\) AS copy/.test(sql) && /WHERE copy = 1/.test(sql);
      const byEvent = /count\(DISTINCT id\)/.test(sql);
      expect([id, byMessage || byEvent]).toEqual([id, true]);
    }
  });

  it('each reads only the lake’s tables', () => {
    for (const id of NAMED_QUERY_IDS) {
      const tablesRead = [...namedQuerySql(id).matchAll(/\bFROM\s+([a-z_]+)/g)].map((m) => m[1]!).filter((t) => t !== 'messages');
      for (const t of tablesRead) expect(LAKE_TABLES).toContain(t);
    }
  });

  it('label counts: CROSS JOIN UNNEST over images and labels, each message once', async () => {
    await expect(run('label-counts')).resolves.toEqual([
      { label: 'Person', images: '3' },
      { label: 'Dog', images: '1' },
      { label: 'Van', images: '1' },
    ]);
  });

  it('sentiment per day: the latest analysis of each message, skipped sentiment left out', async () => {
    await expect(run('sentiment-per-day')).resolves.toEqual([
      { event_date: '2022-09-21', sentiment: 'NEGATIVE', messages: '2' },
      { event_date: '2022-09-22', sentiment: 'MIXED', messages: '1' },
      { event_date: '2022-09-22', sentiment: 'POSITIVE', messages: '1' },
    ]);
  });

  it('top entities: by messages mentioning them, low-confidence entities left out', async () => {
    await expect(run('top-entities')).resolves.toEqual([
      { entity_type: 'ORGANIZATION', entity: 'Acme Motors', messages: '4' },
      { entity_type: 'PERSON', entity: '@makitdev', messages: '1' },
    ]);
  });

  it('authors of negative messages: a message re-analysed as MIXED no longer counts', async () => {
    await expect(run('negative-authors')).resolves.toEqual([
      { channel: 'TWITTER', author: 'harry11', negative_messages: '2', latest_analysed_at: '2022-09-21T12:56:24.512Z' },
    ]);
  });

  it('messages per channel and day, with distinct authors', async () => {
    await expect(run('messages-per-channel')).resolves.toEqual([
      { event_date: '2022-09-21', channel: 'TWITTER', messages: '2', authors: '1' },
      { event_date: '2022-09-22', channel: 'SLACK', messages: '1', authors: '1' },
      { event_date: '2022-09-22', channel: 'TWITTER', messages: '1', authors: '1' },
      { event_date: '2022-09-22', channel: 'WEBHOOK', messages: '1', authors: '1' },
    ]);
  });

  it('events per detail-type: distinct events beside the deliveries the lake holds', async () => {
    await expect(run('events-per-type')).resolves.toEqual([
      { event_date: '2022-09-21', detail_type: 'MESSAGE_ANALYSED', events: '2', deliveries: '3' },
      { event_date: '2022-09-21', detail_type: 'MESSAGE_RECEIVED', events: '1', deliveries: '1' },
      { event_date: '2022-09-22', detail_type: 'MESSAGE_ANALYSED', events: '4', deliveries: '4' },
      { event_date: '2022-09-22', detail_type: 'REPLY_SENT', events: '1', deliveries: '1' },
    ]);
  });

  it('reads the events table’s detail as JSON text, and the envelope’s replay-name as replay_name', async () => {
    const rows = await lake.query(`SELECT detail, replay_name FROM events WHERE id = 'e6'`);
    expect(JSON.parse(rows[0]!['detail'] as string)).toEqual(exampleDetail('REPLY_SENT'));
    expect(rows[0]!['replay_name']).toBeNull();
  });
});
