/**
 * DynamoDB (awsJson1.0, `DynamoDB_20120810.*`): tables from the templates'
 * `AWS::DynamoDB::Table` / `AWS::DynamoDB::GlobalTable`, items in memory and in
 * a fsynced journal under `<data>/dynamodb/`, the full expression languages,
 * transactions, and a TTL sweeper.
 */
import type { Cloud } from '../../core/cloud';
import { defineService, type OperationContext, type ResolvedResource, type ServiceInstance } from '../../core/service';
import type { SdkModule } from '../../core/protocols';
import { Database } from './database';
import { tableArn, tableDefinition, type TableSpec } from './definition';
import { batchGetItem, batchWriteItem } from './operations/batch';
import { deleteItem, getItem, putItem, updateItem } from './operations/items';
import { query, scan } from './operations/read';
import { createTable, deleteTable, describe, describeTimeToLive, listTables, updateTimeToLive, type Place } from './operations/tables';
import { TransactionTokens, transactGetItems, transactWriteItems } from './operations/transact';

export { Database } from './database';
export * from './errors';

/** The running service; `database` is for the console and tests (TTL sweeps on demand). */
export interface DynamoDbInstance extends ServiceInstance<'AWS::DynamoDB::Table' | 'AWS::DynamoDB::GlobalTable'> {
  readonly database: Database;
}

/** How often expired items are deleted (DynamoDB takes up to a few days; locally it is quick). */
const TTL_SWEEP_MS = 10_000;

/** Creates (or, on restart, updates while keeping the items) the table a template resource defines. */
export function provisionTable(db: Database, resource: ResolvedResource, place: Place) {
  const properties = resource.properties as TableSpec;
  const name = properties.TableName ?? resource.physicalName({ maxLength: 255 });
  const table = db.defineTable(tableDefinition({ ...properties, TableName: name }), { replace: true });
  const arn = tableArn(place.region, place.account, table.definition.name);
  return { ref: table.definition.name, arn, attributes: { Arn: arn } };
}

export const dynamodbService = defineService({
  name: 'dynamodb',
  signingName: 'dynamodb',
  protocol: 'awsJson1_0',
  targetPrefix: 'DynamoDB_20120810',
  sdk: () => require('@aws-sdk/client-dynamodb') as SdkModule,
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  create: async (cloud: Cloud): Promise<DynamoDbInstance> => {
    const db = await Database.open(cloud.dataDir('dynamodb'));
    const tokens = new TransactionTokens();
    const place = (ctx: OperationContext): Place => ({ region: ctx.region, account: cloud.config.accountId });
    const home: Place = { region: cloud.config.region, account: cloud.config.accountId };
    let sweeper: NodeJS.Timeout | undefined;
    const provision = (r: ResolvedResource) => provisionTable(db, r, home);
    return {
      database: db,
      operations: {
        PutItem: (input) => putItem(db, input),
        GetItem: (input) => getItem(db, input),
        UpdateItem: (input) => updateItem(db, input),
        DeleteItem: (input) => deleteItem(db, input),
        Query: (input) => query(db, input),
        Scan: (input) => scan(db, input),
        BatchWriteItem: (input) => batchWriteItem(db, input),
        BatchGetItem: (input) => batchGetItem(db, input),
        TransactWriteItems: (input) => transactWriteItems(db, tokens, input),
        TransactGetItems: (input) => transactGetItems(db, input),
        CreateTable: (input, ctx) => createTable(db, place(ctx), input),
        DeleteTable: (input, ctx) => deleteTable(db, place(ctx), input),
        DescribeTable: (input, ctx) => describe(db, place(ctx), input),
        ListTables: (input) => listTables(db, input),
        DescribeTimeToLive: (input) => describeTimeToLive(db, input),
        UpdateTimeToLive: (input) => updateTimeToLive(db, input),
      },
      resources: {
        'AWS::DynamoDB::Table': provision,
        'AWS::DynamoDB::GlobalTable': provision,
      },
      start() {
        sweeper = setInterval(() => {
          db.sweepExpired().catch((error: unknown) => cloud.log.error('DynamoDB TTL sweep failed', { error: error as Error }));
        }, TTL_SWEEP_MS);
        sweeper.unref();
      },
      async stop() {
        if (sweeper) clearInterval(sweeper);
        await db.compact();
        await db.close();
      },
    };
  },
});
