import type {
  CreateTableInput,
  CreateTableOutput,
  DeleteTableInput,
  DeleteTableOutput,
  DescribeTableInput,
  DescribeTableOutput,
  DescribeTimeToLiveInput,
  DescribeTimeToLiveOutput,
  ListTablesInput,
  ListTablesOutput,
  UpdateTimeToLiveInput,
  UpdateTimeToLiveOutput,
} from '@aws-sdk/client-dynamodb';
import type { Database } from '../database';
import { describeTable, tableDefinition } from '../definition';
import { ResourceInUseException, ValidationException } from '../errors';

/** Where the table lives, for ARNs. */
export interface Place {
  readonly region: string;
  readonly account: string;
}

export async function createTable(db: Database, place: Place, input: CreateTableInput): Promise<CreateTableOutput> {
  const definition = tableDefinition(input as Parameters<typeof tableDefinition>[0]);
  if (db.has(definition.name)) throw new ResourceInUseException(`Table already exists: ${definition.name}`);
  const table = db.defineTable(definition);
  return { TableDescription: describeTable(table, place.region, place.account) };
}

export async function deleteTable(db: Database, place: Place, input: DeleteTableInput): Promise<DeleteTableOutput> {
  const table = db.table(input.TableName);
  if (table.definition.deletionProtection) {
    throw new ValidationException(`Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`);
  }
  const description = describeTable(table, place.region, place.account, 'DELETING');
  await db.deleteTable(table.definition.name);
  return { TableDescription: description };
}

export async function describe(db: Database, place: Place, input: DescribeTableInput): Promise<DescribeTableOutput> {
  return { Table: describeTable(db.table(input.TableName), place.region, place.account) };
}

export async function listTables(db: Database, input: ListTablesInput): Promise<ListTablesOutput> {
  const limit = input.Limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ValidationException(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`);
  }
  const names = db.list().map((t) => t.definition.name);
  const start = input.ExclusiveStartTableName;
  const rest = start === undefined ? names : names.filter((n) => n > start);
  const page = rest.slice(0, limit);
  return { TableNames: page, ...(rest.length > limit ? { LastEvaluatedTableName: page[page.length - 1]! } : {}) };
}

export async function describeTimeToLive(db: Database, input: DescribeTimeToLiveInput): Promise<DescribeTimeToLiveOutput> {
  const attribute = db.table(input.TableName).definition.ttlAttribute;
  return {
    TimeToLiveDescription: attribute ? { TimeToLiveStatus: 'ENABLED', AttributeName: attribute } : { TimeToLiveStatus: 'DISABLED' },
  };
}

export async function updateTimeToLive(db: Database, input: UpdateTimeToLiveInput): Promise<UpdateTimeToLiveOutput> {
  const spec = input.TimeToLiveSpecification;
  if (!spec?.AttributeName || spec.Enabled === undefined) {
    throw new ValidationException('TimeToLiveSpecification needs AttributeName and Enabled');
  }
  const table = db.table(input.TableName);
  const current = table.definition.ttlAttribute;
  if (spec.Enabled && current) throw new ValidationException('TimeToLive is already enabled');
  if (!spec.Enabled && !current) throw new ValidationException('TimeToLive is already disabled');
  db.updateDefinition(table.definition.name, (d) => {
    const { ttlAttribute: _previous, ...rest } = d;
    return spec.Enabled ? { ...rest, ttlAttribute: spec.AttributeName! } : rest;
  });
  return { TimeToLiveSpecification: { AttributeName: spec.AttributeName, Enabled: spec.Enabled } };
}
