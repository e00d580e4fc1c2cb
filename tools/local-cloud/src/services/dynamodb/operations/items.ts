import type {
  DeleteItemInput,
  DeleteItemOutput,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  PutItemOutput,
  UpdateItemInput,
  UpdateItemOutput,
} from '@aws-sdk/client-dynamodb';
import { itemSize, toSdkItem, validateItem, type Item } from '../attribute-value';
import type { Database } from '../database';
import { ConditionalCheckFailedException } from '../errors';
import type { Condition, Path } from '../expressions/ast';
import { evaluateCondition } from '../expressions/condition';
import { project } from '../expressions/document-path';
import { applyUpdate, validateUpdate } from '../expressions/update';
import { assertItemSize, attributesToGet, capacity, checkEnum, compileExpressions, type ExpressionInput } from '../request';
import type { Table } from '../table';

type Loose<T> = T & ExpressionInput & Record<string, unknown>;

const RETURN_ALL_OLD = ['NONE', 'ALL_OLD'] as const;
const RETURN_UPDATE = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] as const;

/** Evaluates a write's condition against the current item; throws DynamoDB's error, with the item if asked. */
export function checkCondition(condition: Condition | undefined, existing: Item | undefined, returnOnFailure: string | undefined): void {
  if (!condition || evaluateCondition(existing ?? {}, condition)) return;
  const failure = checkEnum(returnOnFailure, RETURN_ALL_OLD, 'returnValuesOnConditionCheckFailure');
  throw new ConditionalCheckFailedException(failure === 'ALL_OLD' && existing ? existing : undefined);
}

function readKey(table: Table, raw: unknown): Item {
  return table.validateKey(validateItem(raw, 'Key'));
}

export async function putItem(db: Database, input: Loose<PutItemInput>): Promise<PutItemOutput> {
  const table = db.table(input.TableName);
  const returnValues = checkEnum(input.ReturnValues, RETURN_ALL_OLD, 'returnValues');
  const compiled = compileExpressions(input);
  const item = validateItem(input.Item);
  table.validateItemKeys(item);
  assertItemSize(item);
  const existing = table.get(item);
  checkCondition(compiled.condition, existing, input.ReturnValuesOnConditionCheckFailure);
  await db.write([{ table: table.definition.name, put: item }]);
  return {
    ...(returnValues === 'ALL_OLD' && existing ? { Attributes: toSdkItem(existing) } : {}),
    ...capacity(input.ReturnConsumedCapacity, table.definition.name, 'write', itemSize(item)),
  };
}

export async function getItem(db: Database, input: Loose<GetItemInput>): Promise<GetItemOutput> {
  const table = db.table(input.TableName);
  const compiled = compileExpressions(input);
  const projection = attributesToGet(input.AttributesToGet, compiled);
  const key = readKey(table, input.Key);
  const item = table.get(key);
  return {
    ...(item ? { Item: toSdkItem(projection ? project(item, projection) : item) } : {}),
    ...capacity(input.ReturnConsumedCapacity, table.definition.name, 'read', item ? itemSize(item) : 0, input.ConsistentRead === true),
  };
}

export async function deleteItem(db: Database, input: Loose<DeleteItemInput>): Promise<DeleteItemOutput> {
  const table = db.table(input.TableName);
  const returnValues = checkEnum(input.ReturnValues, RETURN_ALL_OLD, 'returnValues');
  const compiled = compileExpressions(input);
  const key = readKey(table, input.Key);
  const existing = table.get(key);
  checkCondition(compiled.condition, existing, input.ReturnValuesOnConditionCheckFailure);
  if (existing) await db.write([{ table: table.definition.name, delete: key }]);
  return {
    ...(returnValues === 'ALL_OLD' && existing ? { Attributes: toSdkItem(existing) } : {}),
    ...capacity(input.ReturnConsumedCapacity, table.definition.name, 'write', existing ? itemSize(existing) : 0),
  };
}

/** The new item of an update, validated; shared by UpdateItem and TransactWriteItems. */
export function computeUpdate(table: Table, key: Item, compiled: ReturnType<typeof compileExpressions>): { before: Item | undefined; after: Item; paths: Path[] } {
  const before = table.get(key);
  const actions = compiled.update ?? [];
  validateUpdate(actions, table.keyNames);
  const after = applyUpdate(before ?? { ...key }, actions);
  table.validateItemKeys(after);
  assertItemSize(after);
  return { before, after, paths: actions.map((a) => a.path) };
}

export async function updateItem(db: Database, input: Loose<UpdateItemInput>): Promise<UpdateItemOutput> {
  const table = db.table(input.TableName);
  const returnValues = checkEnum(input.ReturnValues, RETURN_UPDATE, 'returnValues');
  const compiled = compileExpressions(input);
  const key = readKey(table, input.Key);
  const { before, after, paths } = computeUpdate(table, key, compiled);
  checkCondition(compiled.condition, before, input.ReturnValuesOnConditionCheckFailure);
  await db.write([{ table: table.definition.name, put: after }]);
  let attributes: Item | undefined;
  switch (returnValues) {
    case 'ALL_OLD':
      attributes = before;
      break;
    case 'ALL_NEW':
      attributes = after;
      break;
    case 'UPDATED_OLD':
      attributes = before && project(before, paths);
      break;
    case 'UPDATED_NEW':
      attributes = project(after, paths);
      break;
    default:
      attributes = undefined;
  }
  return {
    ...(attributes && Object.keys(attributes).length > 0 ? { Attributes: toSdkItem(attributes) } : {}),
    ...capacity(input.ReturnConsumedCapacity, table.definition.name, 'write', itemSize(after)),
  };
}

