/**
 * The Glue Data Catalog (awsJson1.1, `AWSGlue.*`): databases and tables from
 * the templates' `AWS::Glue::Database` / `AWS::Glue::Table` (columns with
 * nested Hive types, partition keys, SerDe, partition projection parameters),
 * registered partitions, and the read API Athena and the console use.
 */
import type {
  BatchCreatePartitionRequest,
  BatchCreatePartitionResponse,
  CreateDatabaseRequest,
  CreatePartitionRequest,
  CreateTableRequest,
  DeleteDatabaseRequest,
  DeletePartitionRequest,
  DeleteTableRequest,
  GetDatabaseRequest,
  GetDatabaseResponse,
  GetDatabasesRequest,
  GetDatabasesResponse,
  GetPartitionsRequest,
  GetPartitionsResponse,
  GetTableRequest,
  GetTableResponse,
  GetTablesRequest,
  GetTablesResponse,
  UpdateTableRequest,
  DatabaseInput,
  TableInput,
} from '@aws-sdk/client-glue';
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { Catalog } from './catalog';
import { InvalidInputException } from './errors';

export { Catalog } from './catalog';
export * from './errors';

export interface GlueInstance extends ServiceInstance<'AWS::Glue::Database' | 'AWS::Glue::Table'> {
  readonly catalog: Catalog;
}

function page<T>(items: T[], token: string | undefined, max: number | undefined): { items: T[]; next?: string } {
  const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new InvalidInputException('The NextToken is not valid');
  const size = Math.min(max ?? 100, 1000);
  return { items: items.slice(start, start + size), ...(start + size < items.length ? { next: Buffer.from(String(start + size)).toString('base64') } : {}) };
}

/** Glue's `Expression` for GetTables: a regular expression where `*` is any run of characters. */
function tableFilter(expression: string | undefined): (name: string) => boolean {
  if (!expression) return () => true;
  const alternatives = expression.split('|').map((e) => new RegExp(`^${e.replace(/\*/g, '.*')}$`, 'i'));
  return (name) => alternatives.some((re) => re.test(name));
}

export const glueService = defineService({
  name: 'glue',
  signingName: 'glue',
  protocol: 'awsJson1_1',
  targetPrefix: 'AWSGlue',
  sdk: () => require('@aws-sdk/client-glue') as SdkModule,
  resourceTypes: ['AWS::Glue::Database', 'AWS::Glue::Table'],
  create: (cloud: Cloud): GlueInstance => {
    const catalog = new Catalog(cloud.dataDir('glue'), cloud.config.accountId);
    return {
      catalog,
      operations: {
        CreateDatabase: (input: CreateDatabaseRequest) => (catalog.createDatabase(input.DatabaseInput ?? ({} as DatabaseInput)), {}),
        DeleteDatabase: (input: DeleteDatabaseRequest) => (catalog.deleteDatabase(input.Name), {}),
        GetDatabase: (input: GetDatabaseRequest): GetDatabaseResponse => ({ Database: catalog.database(input.Name) }),
        GetDatabases: (input: GetDatabasesRequest): GetDatabasesResponse => {
          const { items, next } = page(catalog.databaseNames(), input.NextToken, input.MaxResults);
          return { DatabaseList: items.map((n) => catalog.database(n)), ...(next ? { NextToken: next } : {}) };
        },
        CreateTable: (input: CreateTableRequest) => (catalog.createTable(input.DatabaseName, input.TableInput ?? ({} as TableInput)), {}),
        UpdateTable: (input: UpdateTableRequest) => {
          catalog.getTable(input.DatabaseName, input.TableInput?.Name);
          catalog.createTable(input.DatabaseName, input.TableInput ?? ({} as TableInput), { update: true });
          return {};
        },
        DeleteTable: (input: DeleteTableRequest) => (catalog.deleteTable(input.DatabaseName, input.Name), {}),
        GetTable: (input: GetTableRequest): GetTableResponse => ({ Table: catalog.getTable(input.DatabaseName, input.Name) }),
        GetTables: (input: GetTablesRequest): GetTablesResponse => {
          const names = catalog.tableNames(input.DatabaseName).filter(tableFilter(input.Expression));
          const { items, next } = page(names, input.NextToken, input.MaxResults);
          return { TableList: items.map((n) => catalog.getTable(input.DatabaseName, n)), ...(next ? { NextToken: next } : {}) };
        },
        CreatePartition: (input: CreatePartitionRequest) => {
          const [result] = catalog.addPartitions(input.DatabaseName, input.TableName, [input.PartitionInput ?? {}]);
          if (result?.error) throw new InvalidInputException(result.error);
          return {};
        },
        BatchCreatePartition: (input: BatchCreatePartitionRequest): BatchCreatePartitionResponse => {
          const results = catalog.addPartitions(input.DatabaseName, input.TableName, input.PartitionInputList ?? []);
          const errors = results.filter((r) => r.error).map((r) => ({ PartitionValues: r.values, ErrorDetail: { ErrorCode: r.error === 'Partition already exists.' ? 'AlreadyExistsException' : 'InvalidInputException', ErrorMessage: r.error } }));
          return errors.length > 0 ? { Errors: errors } : {};
        },
        DeletePartition: (input: DeletePartitionRequest) => (catalog.deletePartition(input.DatabaseName, input.TableName, input.PartitionValues ?? []), {}),
        GetPartitions: (input: GetPartitionsRequest): GetPartitionsResponse => {
          if (input.Expression) throw new InvalidInputException('GetPartitions Expression filters are not supported by the local cloud: list all partitions and filter them');
          const { items, next } = page(catalog.partitions(input.DatabaseName, input.TableName), input.NextToken, input.MaxResults);
          return { Partitions: items, ...(next ? { NextToken: next } : {}) };
        },
      },
      resources: {
        'AWS::Glue::Database': (resource: ResolvedResource) => {
          const p = resource.properties as { DatabaseInput?: DatabaseInput };
          const input = { ...p.DatabaseInput, Name: p.DatabaseInput?.Name ?? resource.physicalName({ maxLength: 255, lowercase: true }) };
          catalog.createDatabase(input, { update: true });
          return { ref: input.Name.toLowerCase(), arn: `arn:aws:glue:${cloud.config.region}:${cloud.config.accountId}:database/${input.Name.toLowerCase()}` };
        },
        'AWS::Glue::Table': (resource: ResolvedResource) => {
          const p = resource.properties as { DatabaseName: string; TableInput?: TableInput };
          const input = { ...p.TableInput, Name: p.TableInput?.Name ?? resource.physicalName({ maxLength: 255, lowercase: true }) };
          catalog.createTable(p.DatabaseName, input, { update: true });
          return { ref: input.Name.toLowerCase(), arn: `arn:aws:glue:${cloud.config.region}:${cloud.config.accountId}:table/${p.DatabaseName.toLowerCase()}/${input.Name.toLowerCase()}` };
        },
      },
    };
  },
});
