/**
 * Athena (awsJson1.1, `AmazonAthena.*`): workgroups and named queries from
 * the templates, queries run with DuckDB over the local lake with the Glue
 * tables' columns as the schema (partition projection, JSON SerDe rules,
 * Trino dialect translated), results as Athena's ResultSet (column info, the
 * header row, paging) and as the CSV Athena writes to the result location.
 */
import type {
  BatchGetNamedQueryInput,
  BatchGetNamedQueryOutput,
  BatchGetQueryExecutionInput,
  BatchGetQueryExecutionOutput,
  CreateNamedQueryInput,
  CreateNamedQueryOutput,
  GetNamedQueryInput,
  GetNamedQueryOutput,
  GetQueryExecutionInput,
  GetQueryExecutionOutput,
  GetQueryResultsInput,
  GetQueryResultsOutput,
  GetWorkGroupInput,
  GetWorkGroupOutput,
  ListNamedQueriesInput,
  ListNamedQueriesOutput,
  ListQueryExecutionsInput,
  ListQueryExecutionsOutput,
  ListWorkGroupsInput,
  ListWorkGroupsOutput,
  StartQueryExecutionInput,
  StartQueryExecutionOutput,
  StopQueryExecutionInput,
  DeleteNamedQueryInput,
  ListDatabasesInput,
  ListDatabasesOutput,
  ListTableMetadataInput,
  ListTableMetadataOutput,
  GetTableMetadataInput,
  GetTableMetadataOutput,
  ListDataCatalogsOutput,
  TableMetadata,
} from '@aws-sdk/client-athena';
import type { Partition, Table } from '@aws-sdk/client-glue';
import { randomUUID } from 'node:crypto';
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { QueryEngine, type CatalogAccess } from './engine';
import { InvalidRequestException, QueryFailure, ResourceNotFoundException } from './errors';
import { describeExecution, Executions, type ExecutionRecord } from './executions';
import type { LakeAccess } from './lake';
import { parseS3Url } from './projection';
import { fromCsv, toCsv } from './results';
import { WorkGroups } from './workgroups';

export * from './errors';
export { translateSql } from './translate';

export interface AthenaInstance extends ServiceInstance<'AWS::Athena::WorkGroup' | 'AWS::Athena::NamedQuery'> {
  /** Resolves when the query has finished (any final state): for tests and the console. */
  settle(queryExecutionId: string): Promise<void>;
}

const MAX_RESULTS = 1000;
const MAX_QUERY = 262_144;

function pageToken(offset: number): string {
  return Buffer.from(String(offset)).toString('base64');
}

function readToken(token: string | undefined): number {
  if (!token) return 0;
  const n = Number(Buffer.from(token, 'base64').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw new InvalidRequestException('The NextToken is not valid');
  return n;
}

export const athenaService = defineService({
  name: 'athena',
  signingName: 'athena',
  protocol: 'awsJson1_1',
  targetPrefix: 'AmazonAthena',
  sdk: () => require('@aws-sdk/client-athena') as SdkModule,
  resourceTypes: ['AWS::Athena::WorkGroup', 'AWS::Athena::NamedQuery'],
  create: async (cloud: Cloud): Promise<AthenaInstance> => {
    const dir = cloud.dataDir('athena');
    const workGroups = new WorkGroups(dir);
    const executions = await Executions.open(dir);
    const running = new Map<string, Promise<void>>();
    const results = new Map<string, ReadonlyArray<ReadonlyArray<string | undefined>>>();
    const log = cloud.log.child('athena');

    const glue = async <T>(operation: string, input: object): Promise<T> => (await cloud.call('glue', operation, input)) as T;
    const catalog: CatalogAccess = {
      async getTable(database, name) {
        try {
          return (await glue<{ Table: Table }>('GetTable', { DatabaseName: database, Name: name })).Table;
        } catch (error) {
          if ((error as Error).name === 'EntityNotFoundException') return undefined;
          throw error;
        }
      },
      async partitions(database, name) {
        const all: Partition[] = [];
        let token: string | undefined;
        do {
          const out = await glue<{ Partitions?: Partition[]; NextToken?: string }>('GetPartitions', { DatabaseName: database, TableName: name, NextToken: token });
          all.push(...(out.Partitions ?? []));
          token = out.NextToken;
        } while (token);
        return all;
      },
      async tableNames(database) {
        const out = await glue<{ TableList?: Table[] }>('GetTables', { DatabaseName: database, MaxResults: 1000 });
        return (out.TableList ?? []).map((t) => t.Name!);
      },
      async databaseNames() {
        const out = await glue<{ DatabaseList?: Array<{ Name: string }> }>('GetDatabases', { MaxResults: 1000 });
        return (out.DatabaseList ?? []).map((d) => d.Name);
      },
    };
    const lake: LakeAccess = {
      async list(bucket, prefix) {
        const objects = [];
        let token: string | undefined;
        do {
          const out = (await cloud.call('s3', 'ListObjectsV2', { Bucket: bucket, Prefix: prefix, ContinuationToken: token })) as {
            Contents?: Array<{ Key: string; Size: number; ETag: string }>;
            NextContinuationToken?: string;
          };
          for (const o of out.Contents ?? []) objects.push({ key: o.Key, size: o.Size, etag: o.ETag });
          token = out.NextContinuationToken;
        } while (token);
        return objects;
      },
      async read(bucket, key) {
        const out = (await cloud.call('s3', 'GetObject', { Bucket: bucket, Key: key })) as { Body: { transformToByteArray(): Promise<Uint8Array> } };
        return Buffer.from(await out.Body.transformToByteArray());
      },
    };
    const engine = new QueryEngine(cloud.dataDir('athena', 'work'), catalog, lake);

    /** StopQueryExecution may cancel a query while it runs (the state changes under the running execution). */
    const cancelled = (record: ExecutionRecord) => (record.state as string) === 'CANCELLED';

    async function execute(record: ExecutionRecord, cutoff: number | undefined): Promise<void> {
      record.state = 'RUNNING';
      record.startedAt = Date.now();
      await executions.save(record);
      try {
        const outcome = await engine.run(record.query, record.database);
        if (cancelled(record)) return;
        if (cutoff !== undefined && outcome.scannedBytes > cutoff) {
          Object.assign(record, { state: 'CANCELLED', reason: 'Query cancelled! Bytes scanned limit was exceeded', scannedBytes: outcome.scannedBytes });
          return;
        }
        const header = outcome.header ? outcome.columns.map((c) => c.Name!) : undefined;
        const rows = header ? [header, ...outcome.rows] : outcome.rows;
        const dml = outcome.statementType === 'DML';
        const body = dml ? toCsv(header, outcome.rows) : outcome.rows.map((r) => `${r.map((c) => c ?? '').join('\t')}\n`).join('');
        const { bucket, prefix } = parseS3Url(record.outputLocation);
        await cloud.call('s3', 'PutObject', {
          Bucket: bucket,
          Key: `${prefix}${record.id}.${dml ? 'csv' : 'txt'}`,
          Body: new Uint8Array(Buffer.from(body)),
          ContentType: dml ? 'text/csv' : 'text/plain',
          ...(record.encryption === 'SSE_S3' ? { ServerSideEncryption: 'AES256' } : {}),
        });
        results.set(record.id, rows);
        Object.assign(record, {
          state: 'SUCCEEDED',
          statementType: outcome.statementType,
          scannedBytes: outcome.scannedBytes,
          columns: [...outcome.columns],
          header: outcome.header,
          rowCount: rows.length,
        });
      } catch (error) {
        if (cancelled(record)) return;
        const failure = error instanceof QueryFailure ? error : new QueryFailure('GENERIC_INTERNAL_ERROR', (error as Error).message, 1, { cause: error });
        if (!(error instanceof QueryFailure)) log.error('query failed inside the local cloud', { error: error as Error });
        Object.assign(record, { state: 'FAILED', reason: failure.message, error: { ErrorCategory: failure.category, ErrorMessage: failure.message, Retryable: false } });
      } finally {
        record.completedAt ??= Date.now();
        await executions.save(record);
      }
    }

    async function resultRows(record: ExecutionRecord): Promise<ReadonlyArray<ReadonlyArray<string | undefined>>> {
      const cached = results.get(record.id);
      if (cached) return cached;
      const { bucket, prefix } = parseS3Url(record.outputLocation);
      const dml = record.statementType === 'DML';
      const out = (await cloud.call('s3', 'GetObject', { Bucket: bucket, Key: `${prefix}${record.id}.${dml ? 'csv' : 'txt'}` })) as { Body: { transformToString(): Promise<string> } };
      const text = await out.Body.transformToString();
      const rows = dml ? fromCsv(text) : text.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
      results.set(record.id, rows);
      return rows;
    }

    const tableMetadata = (t: Table): TableMetadata => ({
      Name: t.Name!,
      ...(t.CreateTime ? { CreateTime: t.CreateTime } : {}),
      ...(t.TableType ? { TableType: t.TableType } : {}),
      Columns: (t.StorageDescriptor?.Columns ?? []).map((c) => ({ Name: c.Name!, Type: c.Type, ...(c.Comment ? { Comment: c.Comment } : {}) })),
      PartitionKeys: (t.PartitionKeys ?? []).map((c) => ({ Name: c.Name!, Type: c.Type, ...(c.Comment ? { Comment: c.Comment } : {}) })),
      Parameters: { ...(t.Parameters ?? {}), ...(t.StorageDescriptor?.Location ? { location: t.StorageDescriptor.Location } : {}) },
    });

    return {
      settle: async (id) => {
        await running.get(id);
      },
      operations: {
        StartQueryExecution: async (input: StartQueryExecutionInput): Promise<StartQueryExecutionOutput> => {
          const query = input.QueryString ?? '';
          if (query.trim() === '' || query.length > MAX_QUERY) throw new InvalidRequestException(`QueryString must be 1 to ${MAX_QUERY} characters`);
          if (input.ClientRequestToken) {
            const previous = executions.byToken(input.ClientRequestToken);
            if (previous) return { QueryExecutionId: previous.id };
          }
          const wg = workGroups.get(input.WorkGroup);
          if (wg.state === 'DISABLED') throw new InvalidRequestException(`WorkGroup ${wg.name} is disabled.`);
          const enforced = wg.configuration.EnforceWorkGroupConfiguration === true;
          const config = enforced ? wg.configuration.ResultConfiguration : (input.ResultConfiguration ?? wg.configuration.ResultConfiguration);
          const location = config?.OutputLocation ?? wg.configuration.ResultConfiguration?.OutputLocation;
          if (!location) {
            throw new InvalidRequestException('No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.');
          }
          const encryption = config?.EncryptionConfiguration?.EncryptionOption ?? wg.configuration.ResultConfiguration?.EncryptionConfiguration?.EncryptionOption;
          const record: ExecutionRecord = {
            id: randomUUID(),
            query,
            workGroup: wg.name,
            database: (input.QueryExecutionContext?.Database ?? 'default').toLowerCase(),
            outputLocation: location.endsWith('/') ? location : `${location}/`,
            ...(encryption ? { encryption } : {}),
            ...(input.ClientRequestToken ? { clientToken: input.ClientRequestToken } : {}),
            state: 'QUEUED',
            submittedAt: Date.now(),
          };
          parseS3Url(record.outputLocation);
          await executions.save(record);
          const cutoff = wg.configuration.BytesScannedCutoffPerQuery;
          const run = execute(record, cutoff).finally(() => running.delete(record.id));
          running.set(record.id, run);
          return { QueryExecutionId: record.id };
        },
        GetQueryExecution: (input: GetQueryExecutionInput): GetQueryExecutionOutput => {
          const record = executions.get(input.QueryExecutionId);
          if (!record) throw new InvalidRequestException(`QueryExecution ${input.QueryExecutionId ?? ''} was not found`);
          return { QueryExecution: describeExecution(record) };
        },
        BatchGetQueryExecution: (input: BatchGetQueryExecutionInput): BatchGetQueryExecutionOutput => {
          const ids = input.QueryExecutionIds ?? [];
          return {
            QueryExecutions: ids.flatMap((id) => (executions.get(id) ? [describeExecution(executions.get(id)!)] : [])),
            UnprocessedQueryExecutionIds: ids.filter((id) => !executions.get(id)).map((id) => ({ QueryExecutionId: id, ErrorCode: 'INVALID_INPUT', ErrorMessage: 'QueryExecution was not found' })),
          };
        },
        GetQueryResults: async (input: GetQueryResultsInput): Promise<GetQueryResultsOutput> => {
          const record = executions.get(input.QueryExecutionId);
          if (!record) throw new InvalidRequestException(`QueryExecution ${input.QueryExecutionId ?? ''} was not found`);
          if (record.state === 'QUEUED' || record.state === 'RUNNING') throw new InvalidRequestException(`Query has not yet finished. Current state: ${record.state}`);
          if (record.state !== 'SUCCEEDED') throw new InvalidRequestException(`Query did not finish successfully. Final query state: ${record.state}${record.reason ? `\n${record.reason}` : ''}`);
          const max = input.MaxResults ?? MAX_RESULTS;
          if (!Number.isInteger(max) || max < 1 || max > MAX_RESULTS) throw new InvalidRequestException(`MaxResults must be between 1 and ${MAX_RESULTS}`);
          const rows = await resultRows(record);
          const start = readToken(input.NextToken);
          const page = rows.slice(start, start + max);
          return {
            UpdateCount: 0,
            ResultSet: {
              Rows: page.map((r) => ({ Data: r.map((v) => (v === undefined ? {} : { VarCharValue: v })) })),
              ResultSetMetadata: { ColumnInfo: record.columns ?? [] },
            },
            ...(start + max < rows.length ? { NextToken: pageToken(start + max) } : {}),
          };
        },
        StopQueryExecution: async (input: StopQueryExecutionInput) => {
          const record = executions.get(input.QueryExecutionId);
          if (!record) throw new InvalidRequestException(`QueryExecution ${input.QueryExecutionId ?? ''} was not found`);
          if (record.state === 'QUEUED' || record.state === 'RUNNING') {
            Object.assign(record, { state: 'CANCELLED', completedAt: Date.now(), reason: 'Query was cancelled by the user' });
            await executions.save(record);
          }
          return {};
        },
        ListQueryExecutions: (input: ListQueryExecutionsInput): ListQueryExecutionsOutput => {
          const ids = executions.list(input.WorkGroup ?? 'primary').map((r) => r.id);
          const start = readToken(input.NextToken);
          const max = Math.min(input.MaxResults ?? 50, 50);
          return { QueryExecutionIds: ids.slice(start, start + max), ...(start + max < ids.length ? { NextToken: pageToken(start + max) } : {}) };
        },
        ListWorkGroups: (_input: ListWorkGroupsInput): ListWorkGroupsOutput => ({
          WorkGroups: workGroups.list().map((w) => ({
            Name: w.name,
            State: w.state,
            ...(w.description !== undefined ? { Description: w.description } : {}),
            CreationTime: new Date(w.createdAt),
            EngineVersion: { SelectedEngineVersion: 'Athena engine version 3', EffectiveEngineVersion: 'Athena engine version 3' },
          })),
        }),
        GetWorkGroup: (input: GetWorkGroupInput): GetWorkGroupOutput => ({ WorkGroup: workGroups.describe(workGroups.get(input.WorkGroup)) }),
        CreateNamedQuery: (input: CreateNamedQueryInput): CreateNamedQueryOutput => ({
          NamedQueryId: workGroups.addNamedQuery({
            name: input.Name ?? '',
            ...(input.Description ? { description: input.Description } : {}),
            database: input.Database ?? '',
            queryString: input.QueryString ?? '',
            workGroup: input.WorkGroup ?? 'primary',
          }),
        }),
        GetNamedQuery: (input: GetNamedQueryInput): GetNamedQueryOutput => {
          const q = workGroups.namedQuery(input.NamedQueryId);
          if (!q) throw new InvalidRequestException(`NamedQuery ${input.NamedQueryId ?? ''} was not found`);
          return { NamedQuery: workGroups.describeNamedQuery(q) };
        },
        BatchGetNamedQuery: (input: BatchGetNamedQueryInput): BatchGetNamedQueryOutput => {
          const ids = input.NamedQueryIds ?? [];
          if (ids.length === 0 || ids.length > 50) throw new InvalidRequestException('NamedQueryIds must list 1 to 50 ids');
          return {
            NamedQueries: ids.flatMap((id) => (workGroups.namedQuery(id) ? [workGroups.describeNamedQuery(workGroups.namedQuery(id)!)] : [])),
            UnprocessedNamedQueryIds: ids.filter((id) => !workGroups.namedQuery(id)).map((id) => ({ NamedQueryId: id, ErrorCode: 'INVALID_INPUT', ErrorMessage: 'NamedQuery was not found' })),
          };
        },
        ListNamedQueries: (input: ListNamedQueriesInput): ListNamedQueriesOutput => {
          const ids = workGroups.namedQueries(workGroups.get(input.WorkGroup).name).map((q) => q.id);
          const start = readToken(input.NextToken);
          const max = Math.min(input.MaxResults ?? 50, 50);
          return { NamedQueryIds: ids.slice(start, start + max), ...(start + max < ids.length ? { NextToken: pageToken(start + max) } : {}) };
        },
        DeleteNamedQuery: (input: DeleteNamedQueryInput) => (workGroups.deleteNamedQuery(input.NamedQueryId), {}),
        ListDataCatalogs: (): ListDataCatalogsOutput => ({ DataCatalogsSummary: [{ CatalogName: 'AwsDataCatalog', Type: 'GLUE' }] }),
        ListDatabases: async (_input: ListDatabasesInput): Promise<ListDatabasesOutput> => ({
          DatabaseList: (await catalog.databaseNames()).map((Name) => ({ Name })),
        }),
        ListTableMetadata: async (input: ListTableMetadataInput): Promise<ListTableMetadataOutput> => {
          const out = await glue<{ TableList?: Table[] }>('GetTables', { DatabaseName: input.DatabaseName, MaxResults: 1000 });
          return { TableMetadataList: (out.TableList ?? []).map(tableMetadata) };
        },
        GetTableMetadata: async (input: GetTableMetadataInput): Promise<GetTableMetadataOutput> => {
          const table = await catalog.getTable(input.DatabaseName ?? '', input.TableName ?? '');
          if (!table) throw new ResourceNotFoundException(`Table ${input.TableName ?? ''} not found in database ${input.DatabaseName ?? ''}`);
          return { TableMetadata: tableMetadata(table) };
        },
      },
      resources: {
        'AWS::Athena::WorkGroup': (resource: ResolvedResource) => {
          const p = resource.properties as { Name: string; Description?: string; State?: string; WorkGroupConfiguration?: Record<string, unknown> };
          workGroups.upsert(p.Name, {
            ...(p.Description !== undefined ? { description: p.Description } : {}),
            ...(p.State ? { state: p.State } : {}),
            ...(p.WorkGroupConfiguration ? { configuration: p.WorkGroupConfiguration } : {}),
          });
          return { ref: p.Name, arn: `arn:aws:athena:${cloud.config.region}:${cloud.config.accountId}:workgroup/${p.Name}` };
        },
        'AWS::Athena::NamedQuery': (resource: ResolvedResource) => {
          const p = resource.properties as { Name?: string; Description?: string; Database: string; QueryString: string; WorkGroup?: string };
          const id = workGroups.addNamedQuery(
            {
              name: p.Name ?? resource.logicalId,
              ...(p.Description ? { description: p.Description } : {}),
              database: p.Database,
              queryString: p.QueryString,
              workGroup: p.WorkGroup ?? 'primary',
            },
            `${resource.stack}/${resource.logicalId}`,
          );
          return { ref: id, attributes: { NamedQueryId: id } };
        },
      },
      async stop() {
        await Promise.all([...running.values()]);
        await engine.close();
        await executions.close();
      },
    };
  },
});
