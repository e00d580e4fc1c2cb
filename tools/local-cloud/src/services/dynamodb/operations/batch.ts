import type { BatchGetItemInput, BatchGetItemOutput, BatchWriteItemInput, BatchWriteItemOutput, ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { itemSize, toSdkItem, validateItem, type Item } from '../attribute-value';
import type { Database } from '../database';
import { ValidationException } from '../errors';
import { project } from '../expressions/document-path';
import { assertItemSize, attributesToGet, compileExpressions } from '../request';
import { encodeKey } from '../table';

const MAX_WRITES = 25;
const MAX_GETS = 100;

function tooMany(member: string, max: number): ValidationException {
  return new ValidationException(
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
  );
}

function consumed(mode: string | undefined, byTable: Map<string, number>, kind: 'read' | 'write'): { ConsumedCapacity?: ConsumedCapacity[] } {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return {};
  return {
    ConsumedCapacity: [...byTable].map(([TableName, bytes]) => ({
      TableName,
      CapacityUnits: kind === 'write' ? Math.max(1, Math.ceil(bytes / 1024)) : Math.max(0.5, Math.ceil(bytes / 4096) / 2),
    })),
  };
}

/** Puts and deletes across tables, applied together and made durable in one journal line. Nothing is left unprocessed locally. */
export async function batchWriteItem(db: Database, input: BatchWriteItemInput): Promise<BatchWriteItemOutput> {
  const requests = Object.entries(input.RequestItems ?? {});
  const total = requests.reduce((n, [, list]) => n + (list?.length ?? 0), 0);
  if (total === 0) throw new ValidationException('1 validation error detected: Value null at \'requestItems\' failed to satisfy constraint: Member must not be null');
  if (total > MAX_WRITES) throw tooMany('requestItems', MAX_WRITES);
  const changes: Array<{ table: string; put?: Item; delete?: Item }> = [];
  const bytes = new Map<string, number>();
  for (const [name, list] of requests) {
    const table = db.table(name);
    const seen = new Set<string>();
    for (const request of list ?? []) {
      const put = request.PutRequest?.Item;
      const del = request.DeleteRequest?.Key;
      if ((put === undefined) === (del === undefined)) {
        throw new ValidationException('A WriteRequest must contain exactly one of PutRequest or DeleteRequest');
      }
      let change: { table: string; put?: Item; delete?: Item };
      if (put !== undefined) {
        const item = validateItem(put);
        table.validateItemKeys(item);
        assertItemSize(item);
        change = { table: name, put: item };
        bytes.set(name, (bytes.get(name) ?? 0) + itemSize(item));
      } else {
        const key = table.validateKey(validateItem(del, 'Key'));
        change = { table: name, delete: key };
        bytes.set(name, (bytes.get(name) ?? 0) + 1);
      }
      const id = encodeKey(table.definition.keySchema, change.put ?? change.delete!);
      if (seen.has(id)) throw new ValidationException('Provided list of item keys contains duplicates');
      seen.add(id);
      changes.push(change);
    }
  }
  await db.write(changes);
  return { UnprocessedItems: {}, ...consumed(input.ReturnConsumedCapacity, bytes, 'write') };
}

export async function batchGetItem(db: Database, input: BatchGetItemInput): Promise<BatchGetItemOutput> {
  const requests = Object.entries(input.RequestItems ?? {});
  const total = requests.reduce((n, [, r]) => n + (r?.Keys?.length ?? 0), 0);
  if (total === 0) throw new ValidationException('1 validation error detected: Value null at \'requestItems\' failed to satisfy constraint: Member must not be null');
  if (total > MAX_GETS) throw new ValidationException('Too many items requested for the BatchGetItem call');
  const responses: NonNullable<BatchGetItemOutput['Responses']> = {};
  const bytes = new Map<string, number>();
  for (const [name, request] of requests) {
    const table = db.table(name);
    const compiled = compileExpressions(request as typeof request & Record<string, unknown>);
    const projection = attributesToGet(request.AttributesToGet, compiled);
    const seen = new Set<string>();
    const found: Item[] = [];
    for (const raw of request.Keys ?? []) {
      const key = table.validateKey(validateItem(raw, 'Key'));
      const id = encodeKey(table.definition.keySchema, key);
      if (seen.has(id)) throw new ValidationException('Provided list of item keys contains duplicates');
      seen.add(id);
      const item = table.get(key);
      if (!item) continue;
      bytes.set(name, (bytes.get(name) ?? 0) + itemSize(item));
      found.push(projection ? project(item, projection) : item);
    }
    responses[name] = found.map(toSdkItem);
  }
  return { Responses: responses, UnprocessedKeys: {}, ...consumed(input.ReturnConsumedCapacity, bytes, 'read') };
}

