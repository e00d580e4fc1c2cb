import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { itemSize } from './attribute-value';
import { ValidationException } from './errors';
import type { IndexDefinition, KeySchema, KeyType, Table, TableDefinition } from './table';

/** The key schema, attribute and index members shared by CreateTable and the CloudFormation table types. */
export interface TableSpec {
  readonly TableName?: string;
  readonly KeySchema?: ReadonlyArray<{ AttributeName?: string; KeyType?: string }>;
  readonly AttributeDefinitions?: ReadonlyArray<{ AttributeName?: string; AttributeType?: string }>;
  readonly BillingMode?: string;
  readonly GlobalSecondaryIndexes?: ReadonlyArray<IndexSpec>;
  readonly LocalSecondaryIndexes?: ReadonlyArray<IndexSpec>;
  readonly TimeToLiveSpecification?: { AttributeName?: string; Enabled?: boolean | string };
  readonly DeletionProtectionEnabled?: boolean | string;
}

interface IndexSpec {
  readonly IndexName?: string;
  readonly KeySchema?: ReadonlyArray<{ AttributeName?: string; KeyType?: string }>;
  readonly Projection?: { ProjectionType?: string; NonKeyAttributes?: readonly string[] };
}

function keySchemaOf(spec: TableSpec['KeySchema'], owner: string): KeySchema {
  const hash = spec?.filter((k) => k.KeyType === 'HASH') ?? [];
  const range = spec?.filter((k) => k.KeyType === 'RANGE') ?? [];
  if (hash.length !== 1 || range.length > 1 || (spec?.length ?? 0) !== hash.length + range.length) {
    throw new ValidationException(`${owner}: KeySchema must have one HASH key and at most one RANGE key`);
  }
  const partitionKey = hash[0]!.AttributeName!;
  const sortKey = range[0]?.AttributeName;
  return sortKey ? { partitionKey, sortKey } : { partitionKey };
}

function truthy(v: boolean | string | undefined): boolean {
  return v === true || v === 'true';
}

/** Turns CreateTable input or the properties of `AWS::DynamoDB::Table` / `GlobalTable` into a table definition. */
export function tableDefinition(spec: TableSpec, createdAt = Date.now()): TableDefinition {
  const name = spec.TableName;
  if (!name || !/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) {
    throw new ValidationException(`TableName must be 3-255 characters of [a-zA-Z0-9_.-], got "${name ?? ''}"`);
  }
  const attributeTypes: Record<string, KeyType> = {};
  for (const a of spec.AttributeDefinitions ?? []) {
    if (!a.AttributeName || !['S', 'N', 'B'].includes(a.AttributeType ?? '')) {
      throw new ValidationException(`Table ${name}: attribute definition ${JSON.stringify(a)} must name an attribute of type S, N or B`);
    }
    attributeTypes[a.AttributeName] = a.AttributeType as KeyType;
  }
  const keySchema = keySchemaOf(spec.KeySchema, `Table ${name}`);
  const indexes: IndexDefinition[] = [
    ...(spec.GlobalSecondaryIndexes ?? []).map((i) => indexDefinition(i, 'GLOBAL', name)),
    ...(spec.LocalSecondaryIndexes ?? []).map((i) => indexDefinition(i, 'LOCAL', name)),
  ];
  for (const k of [keySchema, ...indexes.map((i) => i.keySchema)]) {
    for (const attr of [k.partitionKey, k.sortKey]) {
      if (attr && !attributeTypes[attr]) {
        throw new ValidationException(
          `One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [${attr}], AttributeDefinitions: [${Object.keys(attributeTypes).join(', ')}]`,
        );
      }
    }
  }
  const ttl = spec.TimeToLiveSpecification;
  return {
    name,
    keySchema,
    attributeTypes,
    billingMode: spec.BillingMode === 'PROVISIONED' ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    indexes,
    ...(ttl && truthy(ttl.Enabled) && ttl.AttributeName ? { ttlAttribute: ttl.AttributeName } : {}),
    createdAt,
    ...(truthy(spec.DeletionProtectionEnabled) ? { deletionProtection: true } : {}),
  };
}

function indexDefinition(spec: IndexSpec, kind: 'GLOBAL' | 'LOCAL', table: string): IndexDefinition {
  if (!spec.IndexName) throw new ValidationException(`Table ${table}: an index has no IndexName`);
  const type = spec.Projection?.ProjectionType ?? 'ALL';
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') {
    throw new ValidationException(`Table ${table}, index ${spec.IndexName}: unknown ProjectionType ${type}`);
  }
  return {
    name: spec.IndexName,
    kind,
    keySchema: keySchemaOf(spec.KeySchema, `Index ${spec.IndexName}`),
    projection: { type, ...(spec.Projection?.NonKeyAttributes ? { nonKeyAttributes: spec.Projection.NonKeyAttributes } : {}) },
  };
}

function keySchemaDescription(k: KeySchema) {
  return [
    { AttributeName: k.partitionKey, KeyType: 'HASH' as const },
    ...(k.sortKey ? [{ AttributeName: k.sortKey, KeyType: 'RANGE' as const }] : []),
  ];
}

export function tableArn(region: string, account: string, name: string): string {
  return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
}

/** DescribeTable's `Table`. */
export function describeTable(table: Table, region: string, account: string, status: 'ACTIVE' | 'DELETING' = 'ACTIVE'): TableDescription {
  const d = table.definition;
  const arn = tableArn(region, account, d.name);
  let bytes = 0;
  for (const item of table.all()) bytes += itemSize(item);
  const throughput = { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 };
  const index = (i: IndexDefinition) => ({
    IndexName: i.name,
    KeySchema: keySchemaDescription(i.keySchema),
    Projection: { ProjectionType: i.projection.type, ...(i.projection.nonKeyAttributes ? { NonKeyAttributes: [...i.projection.nonKeyAttributes] } : {}) },
    IndexSizeBytes: 0,
    ItemCount: table.ordered(i.name).length,
    IndexArn: `${arn}/index/${i.name}`,
  });
  const globals = d.indexes.filter((i) => i.kind === 'GLOBAL');
  const locals = d.indexes.filter((i) => i.kind === 'LOCAL');
  return {
    TableName: d.name,
    TableStatus: status,
    TableArn: arn,
    TableId: arn.replace(/[^a-f0-9]/g, '').padEnd(32, '0').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
    KeySchema: keySchemaDescription(d.keySchema),
    AttributeDefinitions: Object.entries(d.attributeTypes).map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    CreationDateTime: new Date(d.createdAt),
    ItemCount: table.size,
    TableSizeBytes: bytes,
    ProvisionedThroughput: throughput,
    BillingModeSummary: { BillingMode: d.billingMode },
    DeletionProtectionEnabled: d.deletionProtection === true,
    ...(globals.length > 0 ? { GlobalSecondaryIndexes: globals.map((i) => ({ ...index(i), IndexStatus: 'ACTIVE' as const, ProvisionedThroughput: throughput })) } : {}),
    ...(locals.length > 0 ? { LocalSecondaryIndexes: locals.map(index) } : {}),
  };
}
