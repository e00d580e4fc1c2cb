import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  ListNamedQueriesCommand,
  ListWorkGroupsCommand,
  StartQueryExecutionCommand,
  type ResultSet,
} from '@aws-sdk/client-athena';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { glueService } from '../glue';
import { s3Service } from '../s3';
import { LAKE_OBJECTS, lakeTables } from './__fixtures__/lake';
import { athenaService, type AthenaInstance } from './index';

/** The analytics service's saved queries, as its stack puts them in the template. */
const QUERIES_DIR = join(__dirname, '../../../../../apps/analytics/src/queries');
const namedQuerySql = (id: string) => readFileSync(join(QUERIES_DIR, `${id}.sql`), 'utf8').trim();

let env: TestCloud;
let athena: AthenaClient;
const LAKE = 'sma-lake';
const RESULTS = 'sma-athena-results';
const WORKGROUP = 'sma-analytics';

async function run(sql: string, options: { database?: string; workGroup?: string } = {}) {
  const { QueryExecutionId } = await athena.send(
    new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: options.workGroup ?? WORKGROUP, QueryExecutionContext: { Database: options.database ?? 'sma_analytics' } }),
  );
  await (env.cloud.instance('athena') as AthenaInstance).settle(QueryExecutionId!);
  const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
  return QueryExecution!;
}

/** Every row of a result (header first), as strings (undefined for NULL), across pages. */
async function rows(queryExecutionId: string, pageSize?: number): Promise<{ rows: Array<Array<string | undefined>>; meta: ResultSet['ResultSetMetadata']; pages: number }> {
  const out: Array<Array<string | undefined>> = [];
  let token: string | undefined;
  let meta: ResultSet['ResultSetMetadata'];
  let pages = 0;
  do {
    const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId, NextToken: token, MaxResults: pageSize }));
    out.push(...page.ResultSet!.Rows!.map((r) => r.Data!.map((d) => d.VarCharValue)));
    meta = page.ResultSet!.ResultSetMetadata;
    token = page.NextToken;
    pages++;
  } while (token);
  return { rows: out, meta, pages };
}

async function query(sql: string) {
  const execution = await run(sql);
  if (execution.Status!.State !== 'SUCCEEDED') throw new Error(`${execution.Status!.State}: ${execution.Status!.StateChangeReason}`);
  return (await rows(execution.QueryExecutionId!)).rows;
}

beforeAll(async () => {
  env = await startTestCloud([s3Service, glueService, athenaService]);
  athena = new AthenaClient(env.client);
  const s3 = new S3Client({ ...env.client, forcePathStyle: true });
  await env.provision('AWS::S3::Bucket', 'Lake', { BucketName: LAKE });
  await env.provision('AWS::S3::Bucket', 'Results', { BucketName: RESULTS });
  for (const [key, lines] of Object.entries(LAKE_OBJECTS)) {
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    await s3.send(new PutObjectCommand({ Bucket: LAKE, Key: key, Body: key.endsWith('.gz') ? gzipSync(text) : Buffer.from(text) }));
  }
  await env.provision('AWS::Glue::Database', 'Database', { CatalogId: '000000000000', DatabaseInput: { Name: 'sma_analytics', Description: 'the lake' } });
  for (const table of lakeTables(LAKE)) {
    await env.provision('AWS::Glue::Table', `Table${table.Name}`, { CatalogId: '000000000000', DatabaseName: 'sma_analytics', TableInput: table });
  }
  await env.provision('AWS::Athena::WorkGroup', 'WorkGroup', {
    Name: WORKGROUP,
    State: 'ENABLED',
    WorkGroupConfiguration: {
      EnforceWorkGroupConfiguration: true,
      BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
      ResultConfiguration: { OutputLocation: `s3://${RESULTS}/results/`, EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } },
    },
  });
  for (const id of readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, ''))) {
    await env.provision('AWS::Athena::NamedQuery', id, { Name: id, Database: 'sma_analytics', WorkGroup: WORKGROUP, QueryString: namedQuerySql(id) });
  }
});
afterAll(() => env.dispose());

describe('Athena over the local lake', () => {
  it("returns the right counts for the original design's CROSS JOIN UNNEST label query, deduplicated", async () => {
    const execution = await run(namedQuerySql('label-counts'));
    expect(execution.Status).toMatchObject({ State: 'SUCCEEDED' });
    expect(execution.ResultConfiguration!.OutputLocation).toBe(`s3://${RESULTS}/results/${execution.QueryExecutionId}.csv`);
    expect(execution.Statistics!.DataScannedInBytes).toBeGreaterThan(0);
    const { rows: result, meta } = await rows(execution.QueryExecutionId!);
    expect(result).toEqual([
      ['label', 'images'],
      ['Person', '2'],
      ['Van', '2'],
      ['Dog', '1'],
    ]);
    expect(meta!.ColumnInfo).toEqual([
      expect.objectContaining({ Name: 'label', Label: 'label', Type: 'varchar', CatalogName: 'hive', Nullable: 'UNKNOWN' }),
      expect.objectContaining({ Name: 'images', Type: 'bigint' }),
    ]);
    // The CSV Athena writes to the workgroup's result location, encrypted as configured.
    const s3 = new S3Client({ ...env.client, forcePathStyle: true });
    const csv = await s3.send(new GetObjectCommand({ Bucket: RESULTS, Key: `results/${execution.QueryExecutionId}.csv` }));
    expect(await csv.Body!.transformToString()).toBe('"label","images"\n"Person","2"\n"Van","2"\n"Dog","1"\n');
    expect(csv.ServerSideEncryption).toBe('AES256');
  });

  it('runs every named query of the analytics stack', async () => {
    const ids = (await athena.send(new ListNamedQueriesCommand({ WorkGroup: WORKGROUP }))).NamedQueryIds!;
    const { NamedQueries } = await athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids }));
    expect(NamedQueries!.map((q) => q.Name).sort()).toEqual(readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort());
    for (const q of NamedQueries!) {
      const execution = await run(q.QueryString!, { database: q.Database! });
      expect([q.Name, execution.Status!.State, execution.Status!.StateChangeReason]).toEqual([q.Name, 'SUCCEEDED', undefined]);
    }
    expect(await query(namedQuerySql('sentiment-per-day'))).toEqual([
      ['event_date', 'sentiment', 'messages'],
      ['2024-05-01', 'NEGATIVE', '1'],
      ['2024-05-01', 'POSITIVE', '1'],
      ['2024-05-02', 'NEGATIVE', '1'],
    ]);
    expect(await query(namedQuerySql('events-per-type'))).toEqual([
      ['event_date', 'detail_type', 'events', 'deliveries'],
      ['2024-05-01', 'MESSAGE_ANALYSED', '2', '3'],
      ['2024-05-01', 'MESSAGE_RECEIVED', '1', '1'],
      ['2024-05-02', 'MESSAGE_ANALYSED', '1', '1'],
    ]);
  });

  it('handles the Trino the analysts write: dates, approx_distinct, JSON in string columns, nested values, NULLs', async () => {
    const result = await query(`
      SELECT date_trunc('day', from_iso8601_timestamp(time)) AS day,
             approx_distinct(json_extract_scalar(detail, '$.MessageId')) AS messages,
             count_if(replay_name IS NOT NULL) AS replayed,
             max(replay_name) AS last_replay
      FROM sma_analytics.events
      WHERE detail_type = 'MESSAGE_ANALYSED'
      GROUP BY 1 ORDER BY 1`);
    expect(result).toEqual([
      ['day', 'messages', 'replayed', 'last_replay'],
      ['2024-05-01 00:00:00.000 UTC', '2', '1', 'replay-1'],
      ['2024-05-02 00:00:00.000 UTC', '1', '0', undefined],
    ]);
    const nested = await query(`SELECT detail.analysis.images[1].labels AS labels, cardinality(detail.analysis.images) AS n, 1.5e0 * 2 AS d
      FROM "AwsDataCatalog"."sma_analytics"."analysed_messages" WHERE detail.messageid = 'm2' LIMIT 1`);
    expect(nested[1]).toEqual(['[{name=Person, confidence=97.5, parents=[]}, {name=Dog, confidence=97.5, parents=[]}]', '1', '3.0']);
  });

  it('pages results with the header row on the first page', async () => {
    const execution = await run('SELECT id FROM events ORDER BY id');
    const { rows: all, pages } = await rows(execution.QueryExecutionId!, 2);
    expect(pages).toBe(3);
    expect(all).toEqual([['id'], ['e1'], ['e1'], ['e2'], ['e3'], ['r1']]);
  });

  it('reports failures as Athena does: FAILED with the error type, and refuses results', async () => {
    const missing = await run('SELECT * FROM nope');
    expect(missing.Status).toMatchObject({ State: 'FAILED', StateChangeReason: expect.stringMatching(/^TABLE_NOT_FOUND: /), AthenaError: { ErrorCategory: 2 } });
    await expect(athena.send(new GetQueryResultsCommand({ QueryExecutionId: missing.QueryExecutionId }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining('Final query state: FAILED'),
    });
    expect((await run('SELEC 1')).Status!.StateChangeReason).toMatch(/^SYNTAX_ERROR: /);
    expect((await run('SELECT nope FROM events')).Status!.StateChangeReason).toMatch(/^COLUMN_NOT_FOUND: /);
    expect((await run('DROP TABLE events')).Status!.StateChangeReason).toMatch(/^NOT_SUPPORTED: DROP statements are not supported/);
    await expect(athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: 'primary' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining('No output location provided'),
    });
  });

  it('answers metadata statements from the Glue catalog', async () => {
    expect((await rows((await run('SHOW TABLES')).QueryExecutionId!)).rows).toEqual([['analysed_messages'], ['events']]);
    const describe = (await rows((await run('DESCRIBE analysed_messages')).QueryExecutionId!)).rows;
    expect(describe.map((r) => r[0])).toEqual(['version', 'id', 'source', 'account', 'time', 'region', 'resources', 'replay_name', 'detail', 'dt']);
    const table = await new GlueClient(env.client).send(new GetTableCommand({ DatabaseName: 'sma_analytics', Name: 'analysed_messages' }));
    expect(table.Table!.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string' }]);
    expect((await athena.send(new ListWorkGroupsCommand({}))).WorkGroups!.map((w) => w.Name)).toEqual(['primary', WORKGROUP]);
  });

  it('sees new lake objects in the next query, and keeps executions and results across a restart', async () => {
    const s3 = new S3Client({ ...env.client, forcePathStyle: true });
    const before = await query('SELECT count(*) AS n FROM analysed_messages');
    await s3.send(
      new PutObjectCommand({
        Bucket: LAKE,
        Key: 'events/detail_type=MESSAGE_ANALYSED/dt=2024-05-03/Lake-1-new.json.gz',
        Body: gzipSync(JSON.stringify({ id: 'e9', 'detail-type': 'MESSAGE_ANALYSED', time: '2024-05-03T00:00:00Z', detail: { MessageId: 'm9', Analysis: { Images: [] } } })),
      }),
    );
    const after = await query('SELECT count(*) AS n FROM analysed_messages');
    expect(Number(after[1]![0]) - Number(before[1]![0])).toBe(1);
    const execution = await run(namedQuerySql('label-counts'));
    env = await env.restart();
    athena = new AthenaClient(env.client);
    const again = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: execution.QueryExecutionId }));
    expect(again.QueryExecution!.Status!.State).toBe('SUCCEEDED');
    expect((await rows(execution.QueryExecutionId!)).rows[1]).toEqual(['Person', '2']);
  });
});
