import { createHash } from 'node:crypto';
import type { QueryInput, QueryOutput, ScanInput, ScanOutput } from '@aws-sdk/client-dynamodb';
import { itemSize, toSdkItem, typeOf, validateItem, type Item } from '../attribute-value';
import type { Database } from '../database';
import { ValidationException } from '../errors';
import type { Condition, Path } from '../expressions/ast';
import { evaluateCondition } from '../expressions/condition';
import { project } from '../expressions/document-path';
import { splitKeyCondition } from '../expressions/key-condition';
import { attributesToGet, capacity, checkEnum, compileExpressions, type ExpressionInput } from '../request';
import { encodeKey, type Table } from '../table';

type Loose<T> = T & ExpressionInput & Record<string, unknown>;

const SELECT = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'] as const;
/** A Query or Scan page stops after 1 MB of items read, as in DynamoDB. */
const PAGE_BYTES = 1024 * 1024;

interface ReadRequest {
  readonly table: Table;
  readonly indexName: string | undefined;
  readonly rows: Item[];
  readonly filter: Condition | undefined;
  readonly projection: Path[] | undefined;
  readonly select: (typeof SELECT)[number] | undefined;
  readonly limit: number | undefined;
  readonly consistent: boolean;
  readonly capacityMode: string | undefined;
}

interface Page {
  Items?: Record<string, NonNullable<QueryOutput['Items']>[number][string]>[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: NonNullable<QueryOutput['LastEvaluatedKey']>;
  ConsumedCapacity?: QueryOutput['ConsumedCapacity'];
}

function checkReadOptions(table: Table, input: Loose<QueryInput | ScanInput>, hasProjection: boolean) {
  const { definition } = table.index(input.IndexName);
  if (input.ConsistentRead && definition?.kind === 'GLOBAL') {
    throw new ValidationException('Consistent reads are not supported on global secondary indexes');
  }
  const select = checkEnum(input.Select, SELECT, 'select');
  if (select && select !== 'SPECIFIC_ATTRIBUTES' && hasProjection) {
    throw new ValidationException(`Cannot specify the ProjectionExpression when choosing to get ${select}`);
  }
  if (select === 'SPECIFIC_ATTRIBUTES' && !hasProjection) {
    throw new ValidationException('Select type SPECIFIC_ATTRIBUTES requires a ProjectionExpression or AttributesToGet');
  }
  if (select === 'ALL_ATTRIBUTES' && definition && definition.projection.type !== 'ALL') {
    throw new ValidationException(
      `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${definition.name} because its projection type is not ALL`,
    );
  }
  if (input.Limit !== undefined && (!Number.isInteger(input.Limit) || input.Limit < 1)) {
    throw new ValidationException(`1 validation error detected: Value '${input.Limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  }
  return select;
}

/** Rows after the ExclusiveStartKey in reading order. */
function startAfter(table: Table, indexName: string | undefined, rows: Item[], raw: unknown, forward: boolean): Item[] {
  if (raw === undefined) return rows;
  const start = validateItem(raw, 'ExclusiveStartKey');
  for (const name of table.keyNames) {
    if (!start[name]) throw new ValidationException('The provided starting key is invalid: The provided key element does not match the schema');
  }
  return rows.filter((row) => {
    const order = table.compareInIndex(row, start, indexName);
    return forward ? order > 0 : order < 0;
  });
}

function readPage(request: ReadRequest): Page {
  const { table, indexName, rows, filter, projection, select, limit } = request;
  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let last: Item | undefined;
  for (const row of rows) {
    if (limit !== undefined && scanned >= limit) break;
    if (bytes >= PAGE_BYTES) break;
    scanned++;
    bytes += itemSize(row);
    last = row;
    const visible = table.projectForIndex(row, indexName);
    if (filter && !evaluateCondition(visible, filter, 'FilterExpression')) continue;
    items.push(projection ? project(visible, projection) : visible);
  }
  const more = last !== undefined && scanned < rows.length;
  return {
    ...(select === 'COUNT' ? {} : { Items: items.map(toSdkItem) }),
    Count: items.length,
    ScannedCount: scanned,
    ...(more ? { LastEvaluatedKey: toSdkItem(table.lastEvaluatedKey(last!, indexName)) } : {}),
    ...capacity(request.capacityMode, table.definition.name, 'read', bytes, request.consistent),
  };
}

function pageRequest(
  table: Table,
  input: Loose<QueryInput | ScanInput>,
  rows: Item[],
  filter: Condition | undefined,
  projection: Path[] | undefined,
  select: ReadRequest['select'],
): ReadRequest {
  return {
    table,
    indexName: input.IndexName,
    rows,
    filter,
    projection,
    select,
    limit: input.Limit,
    consistent: input.ConsistentRead === true,
    capacityMode: input.ReturnConsumedCapacity,
  };
}

export async function query(db: Database, input: Loose<QueryInput>): Promise<QueryOutput> {
  const table = db.table(input.TableName);
  const compiled = compileExpressions(input);
  if (!compiled.keyCondition) {
    throw new ValidationException('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  }
  const projection = attributesToGet(input.AttributesToGet, compiled);
  const select = checkReadOptions(table, input, projection !== undefined);
  const { keySchema } = table.index(input.IndexName);
  const { partitionValue, sortCondition } = splitKeyCondition(compiled.keyCondition, keySchema);
  const expected = table.definition.attributeTypes[keySchema.partitionKey];
  if (expected && typeOf(partitionValue) !== expected) {
    throw new ValidationException('One or more parameter values were invalid: Condition parameter type does not match schema type');
  }
  const forward = input.ScanIndexForward !== false;
  let rows = table.ordered(input.IndexName, partitionValue);
  if (sortCondition) rows = rows.filter((row) => evaluateCondition(row, sortCondition, 'KeyConditionExpression'));
  if (!forward) rows.reverse();
  rows = startAfter(table, input.IndexName, rows, input.ExclusiveStartKey, forward);
  return readPage(pageRequest(table, input, rows, compiled.filter, projection, select)) as QueryOutput;
}

function segmentOf(table: Table, item: Item, total: number): number {
  const digest = createHash('md5').update(encodeKey({ partitionKey: table.definition.keySchema.partitionKey }, item)).digest();
  return digest.readUInt32BE(0) % total;
}

export async function scan(db: Database, input: Loose<ScanInput>): Promise<ScanOutput> {
  const table = db.table(input.TableName);
  const compiled = compileExpressions(input);
  if (compiled.keyCondition) throw new ValidationException('Scan does not take a KeyConditionExpression');
  const projection = attributesToGet(input.AttributesToGet, compiled);
  const select = checkReadOptions(table, input, projection !== undefined);
  const { Segment, TotalSegments } = input;
  if ((Segment === undefined) !== (TotalSegments === undefined)) {
    const [missing, present] = Segment === undefined ? ['Segment', 'TotalSegments'] : ['TotalSegments', 'Segment'];
    throw new ValidationException(`The ${missing} parameter is required but was not present in the request when parameter ${present} is present`);
  }
  let rows = table.ordered(input.IndexName);
  if (TotalSegments !== undefined && Segment !== undefined) {
    if (!Number.isInteger(TotalSegments) || TotalSegments < 1 || TotalSegments > 1_000_000) {
      throw new ValidationException(`1 validation error detected: Value '${TotalSegments}' at 'totalSegments' failed to satisfy constraint: Member must have value between 1 and 1000000`);
    }
    if (!Number.isInteger(Segment) || Segment < 0 || Segment >= TotalSegments) {
      throw new ValidationException(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${Segment} is not less than TotalSegments: ${TotalSegments}`);
    }
    rows = rows.filter((row) => segmentOf(table, row, TotalSegments) === Segment);
  }
  rows = startAfter(table, input.IndexName, rows, input.ExclusiveStartKey, true);
  return readPage(pageRequest(table, input, rows, compiled.filter, projection, select)) as ScanOutput;
}
