import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { itemSize, MAX_ITEM_BYTES, type Item } from './attribute-value';
import { ValidationException } from './errors';
import type { Condition, Path, UpdateAction } from './expressions/ast';
import { validateCondition } from './expressions/condition';
import { parseCondition, parseProjection, parseUpdate } from './expressions/parser';
import { Placeholders } from './expressions/placeholders';

/** The expression members any request may carry. */
export interface ExpressionInput {
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: Record<string, unknown> | undefined;
  readonly ConditionExpression?: string | undefined;
  readonly UpdateExpression?: string | undefined;
  readonly ProjectionExpression?: string | undefined;
  readonly FilterExpression?: string | undefined;
  readonly KeyConditionExpression?: string | undefined;
}

export interface CompiledExpressions {
  readonly condition?: Condition;
  readonly update?: UpdateAction[];
  readonly projection?: Path[];
  readonly filter?: Condition;
  readonly keyCondition?: Condition;
}

/** Legacy (pre-expression) parameters: named in a clear error rather than silently ignored. */
const LEGACY = ['Expected', 'ConditionalOperator', 'AttributeUpdates', 'KeyConditions', 'QueryFilter', 'ScanFilter'] as const;

/**
 * Parses every expression of a request against its shared placeholders, makes
 * DynamoDB's static checks and rejects placeholders no expression uses.
 */
export function compileExpressions(input: ExpressionInput & Record<string, unknown>): CompiledExpressions {
  for (const name of LEGACY) {
    if (input[name] !== undefined) {
      throw new ValidationException(`The legacy parameter ${name} is not supported by the local cloud: use the expression parameters instead`);
    }
  }
  const placeholders = new Placeholders(input.ExpressionAttributeNames, input.ExpressionAttributeValues);
  const anyExpression = [input.ConditionExpression, input.UpdateExpression, input.ProjectionExpression, input.FilterExpression, input.KeyConditionExpression].some(
    (e) => e !== undefined,
  );
  if (!anyExpression) {
    if (input.ExpressionAttributeNames !== undefined) throw new ValidationException('ExpressionAttributeNames can only be specified when using expressions');
    if (input.ExpressionAttributeValues !== undefined) throw new ValidationException('ExpressionAttributeValues can only be specified when using expressions');
    return {};
  }
  const condition = (text: string | undefined, label: string) => {
    if (text === undefined) return undefined;
    const parsed = parseCondition(text, placeholders, label);
    validateCondition(parsed, label);
    return parsed;
  };
  const compiled: CompiledExpressions = {
    ...optional('keyCondition', condition(input.KeyConditionExpression, 'KeyConditionExpression')),
    ...optional('condition', condition(input.ConditionExpression, 'ConditionExpression')),
    ...optional('filter', condition(input.FilterExpression, 'FilterExpression')),
    ...optional('update', input.UpdateExpression === undefined ? undefined : parseUpdate(input.UpdateExpression, placeholders)),
    ...optional('projection', input.ProjectionExpression === undefined ? undefined : parseProjection(input.ProjectionExpression, placeholders)),
  };
  placeholders.assertAllUsed();
  return compiled;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `AttributesToGet` (legacy) as projection paths, when no ProjectionExpression is given. */
export function attributesToGet(names: readonly string[] | undefined, compiled: CompiledExpressions): Path[] | undefined {
  if (names === undefined) return compiled.projection;
  if (compiled.projection) {
    throw new ValidationException(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    );
  }
  return names.map((name) => [{ name }]);
}

export function assertItemSize(item: Item): void {
  if (itemSize(item) > MAX_ITEM_BYTES) throw new ValidationException('Item size has exceeded the maximum allowed size');
}

export function checkEnum<T extends string>(value: string | undefined, allowed: readonly T[], member: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationException(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }
  return value as T;
}

/** Capacity units as DynamoDB counts them: writes per 1 KB, reads per 4 KB (half for eventually consistent reads). */
export function capacity(
  mode: string | undefined,
  table: string,
  kind: 'read' | 'write',
  bytes: number,
  consistent = false,
): { ConsumedCapacity?: ConsumedCapacity } {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return {};
  const units = kind === 'write' ? Math.max(1, Math.ceil(bytes / 1024)) : Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
  return { ConsumedCapacity: { TableName: table, CapacityUnits: units, ...(kind === 'read' ? { ReadCapacityUnits: units } : { WriteCapacityUnits: units }) } };
}
