import {
  BatchCreatePartitionCommand,
  CreateDatabaseCommand,
  CreateTableCommand,
  EntityNotFoundException,
  GetDatabasesCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { glueService } from './index';

let env: TestCloud;
let glue: GlueClient;

beforeAll(async () => {
  env = await startTestCloud([glueService]);
  glue = new GlueClient(env.client);
});
afterAll(() => env.dispose());

describe('Glue Data Catalog', () => {
  it('creates databases and tables from templates and the API, lower-casing names as Glue does', async () => {
    const db = await env.provision('AWS::Glue::Database', 'Db', { CatalogId: '000000000000', DatabaseInput: { Name: 'SMA_Analytics' } });
    expect(db.ref).toBe('sma_analytics');
    await env.provision('AWS::Glue::Table', 'Events', {
      CatalogId: '000000000000',
      DatabaseName: 'sma_analytics',
      TableInput: {
        Name: 'Events',
        TableType: 'EXTERNAL_TABLE',
        PartitionKeys: [{ Name: 'DT', Type: 'string' }],
        StorageDescriptor: { Location: 's3://lake/events/', Columns: [{ Name: 'Id', Type: 'string' }], SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' } },
      },
    });
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: 'other' } }));
    await glue.send(new CreateTableCommand({ DatabaseName: 'sma_analytics', TableInput: { Name: 'raw_events', StorageDescriptor: { Location: 's3://lake/raw/', Columns: [] } } }));
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: 'SMA_ANALYTICS', Name: 'EVENTS' }));
    expect(Table).toMatchObject({ Name: 'events', DatabaseName: 'sma_analytics', PartitionKeys: [{ Name: 'dt', Type: 'string' }], StorageDescriptor: { Columns: [{ Name: 'id' }] } });
    expect(Table!.CreateTime).toBeInstanceOf(Date);
    expect((await glue.send(new GetTablesCommand({ DatabaseName: 'sma_analytics', Expression: 'raw*' }))).TableList!.map((t) => t.Name)).toEqual(['raw_events']);
    expect((await glue.send(new GetDatabasesCommand({}))).DatabaseList!.map((d) => d.Name)).toEqual(['other', 'sma_analytics']);
  });

  it('registers partitions and refuses what Glue refuses', async () => {
    const out = await glue.send(
      new BatchCreatePartitionCommand({
        DatabaseName: 'sma_analytics',
        TableName: 'events',
        PartitionInputList: [{ Values: ['2024-05-01'], StorageDescriptor: { Location: 's3://lake/events/dt=2024-05-01/' } }, { Values: ['2024-05-01'] }, { Values: ['a', 'b'] }],
      }),
    );
    expect(out.Errors!.map((e) => e.ErrorDetail!.ErrorCode)).toEqual(['AlreadyExistsException', 'InvalidInputException']);
    expect((await glue.send(new GetPartitionsCommand({ DatabaseName: 'sma_analytics', TableName: 'events' }))).Partitions!.map((p) => p.Values)).toEqual([['2024-05-01']]);
    await expect(glue.send(new GetTableCommand({ DatabaseName: 'sma_analytics', Name: 'nope' }))).rejects.toBeInstanceOf(EntityNotFoundException);
    await expect(glue.send(new CreateTableCommand({ DatabaseName: 'sma_analytics', TableInput: { Name: 'events' } }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
  });

  it('keeps the catalog across a restart', async () => {
    env = await env.restart();
    glue = new GlueClient(env.client);
    expect((await glue.send(new GetTablesCommand({ DatabaseName: 'sma_analytics' }))).TableList!.map((t) => t.Name)).toEqual(['events', 'raw_events']);
  });
});
