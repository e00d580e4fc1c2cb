import { createHash } from 'node:crypto';
import type { TransactGetItemsInput, TransactGetItemsOutput, TransactWriteItemsInput, TransactWriteItemsOutput } from '@aws-sdk/client-dynamodb';
import { toSdkItem, validateItem, type Item } from '../attribute-value';
import type { Database } from '../database';
import {
  ConditionalCheckFailedException,
  IdempotentParameterMismatchException,
  TransactionCanceledException,
  ValidationException,
  type CancellationReason,
} from '../errors';
import type { Condition } from '../expressions/ast';
import { project } from '../expressions/document-path';
import { assertItemSize, compileExpressions } from '../request';
import { encodeKey, type Table } from '../table';
import { checkCondition, computeUpdate } from './items';

const MAX_ACTIONS = 100;
/** DynamoDB remembers a ClientRequestToken for ten minutes. */
const TOKEN_TTL_MS = 10 * 60 * 1000;

type Change = { table: string; put?: Item; delete?: Item };
type Action = NonNullable<TransactWriteItemsInput['TransactItems']>[number];
type Loose = Record<string, unknown>;

/** Remembers the transactions already applied, by client token, for idempotent retries. */
export class TransactionTokens {
  private readonly tokens = new Map<string, { hash: string; expires: number }>();

  /** True when this exact request was already applied; throws when the token was used for another request. */
  seen(token: string | undefined, request: unknown, now = Date.now()): boolean {
    if (!token) return false;
    for (const [k, v] of this.tokens) if (v.expires < now) this.tokens.delete(k);
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    const previous = this.tokens.get(token);
    if (!previous) return false;
    if (previous.hash !== hash) throw new IdempotentParameterMismatchException();
    return true;
  }

  remember(token: string | undefined, request: unknown, now = Date.now()): void {
    if (!token) return;
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    this.tokens.set(token, { hash, expires: now + TOKEN_TTL_MS });
  }
}

interface Prepared {
  readonly table: Table;
  /** Table and key, to refuse two actions on one item. */
  readonly id: string;
  readonly target: Item;
  readonly change?: Change;
  readonly condition?: Condition;
  readonly returnOnFailure?: string;
}

/** Validates one action and computes its change (nothing is written yet). */
function prepare(db: Database, action: Action): Prepared {
  const kinds = (['ConditionCheck', 'Put', 'Delete', 'Update'] as const).filter((k) => action[k] !== undefined);
  if (kinds.length !== 1) throw new ValidationException('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = kinds[0]!;
  const request = action[kind]! as unknown as Loose & { TableName?: string; ReturnValuesOnConditionCheckFailure?: string };
  const table = db.table(request.TableName);
  const name = table.definition.name;
  const compiled = compileExpressions(request);
  if (kind === 'ConditionCheck' && !compiled.condition) {
    throw new ValidationException('The ConditionExpression parameter is required for ConditionCheck');
  }
  const common = {
    table,
    ...(compiled.condition ? { condition: compiled.condition } : {}),
    ...(request.ReturnValuesOnConditionCheckFailure ? { returnOnFailure: request.ReturnValuesOnConditionCheckFailure } : {}),
  };
  if (kind === 'Put') {
    const item = validateItem(request['Item']);
    table.validateItemKeys(item);
    assertItemSize(item);
    return { ...common, id: `${name}/${encodeKey(table.definition.keySchema, item)}`, target: item, change: { table: name, put: item } };
  }
  const key = table.validateKey(validateItem(request['Key'], 'Key'));
  const id = `${name}/${encodeKey(table.definition.keySchema, key)}`;
  if (kind === 'Update') return { ...common, id, target: key, change: { table: name, put: computeUpdate(table, key, compiled).after } };
  if (kind === 'Delete') return { ...common, id, target: key, change: { table: name, delete: key } };
  return { ...common, id, target: key };
}

function reasonFor(p: Prepared): CancellationReason {
  try {
    checkCondition(p.condition, p.table.get(p.target), p.returnOnFailure);
    return { Code: 'None' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { Code: 'ConditionalCheckFailed', Message: error.message, ...(error.item ? { Item: error.item } : {}) };
  }
}

export async function transactWriteItems(db: Database, tokens: TransactionTokens, input: TransactWriteItemsInput): Promise<TransactWriteItemsOutput> {
  const actions = input.TransactItems ?? [];
  if (actions.length === 0 || actions.length > MAX_ACTIONS) {
    throw new ValidationException(
      `1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ACTIONS} and greater than or equal to 1`,
    );
  }
  if (tokens.seen(input.ClientRequestToken, actions)) return {};
  const prepared = actions.map((a) => prepare(db, a));
  if (new Set(prepared.map((p) => p.id)).size !== prepared.length) {
    throw new ValidationException('Transaction request cannot include multiple operations on one item');
  }
  const reasons = prepared.map(reasonFor);
  if (reasons.some((r) => r.Code !== 'None')) throw new TransactionCanceledException(reasons);
  await db.write(prepared.flatMap((p) => (p.change ? [p.change] : [])));
  tokens.remember(input.ClientRequestToken, actions);
  return {};
}

export async function transactGetItems(db: Database, input: TransactGetItemsInput): Promise<TransactGetItemsOutput> {
  const actions = input.TransactItems ?? [];
  if (actions.length === 0 || actions.length > MAX_ACTIONS) {
    throw new ValidationException(
      `1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ACTIONS} and greater than or equal to 1`,
    );
  }
  return {
    Responses: actions.map((action) => {
      if (!action.Get) throw new ValidationException('TransactGetItems actions must be Get');
      const request = action.Get as typeof action.Get & Loose;
      const table = db.table(request.TableName);
      const compiled = compileExpressions(request);
      const item = table.get(table.validateKey(validateItem(request.Key, 'Key')));
      return item ? { Item: toSdkItem(compiled.projection ? project(item, compiled.projection) : item) } : {};
    }),
  };
}
