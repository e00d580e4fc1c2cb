import type { AttributeValue } from '../attribute-value';
import { ValidationException } from '../errors';
import type { Condition, Operand } from './ast';

export interface KeySchemaNames {
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/** A Query's key condition split into the partition to read and the optional sort-key condition. */
export interface KeyCondition {
  readonly partitionValue: AttributeValue;
  readonly sortCondition?: Condition;
}

const LABEL = 'KeyConditionExpression';

function attributeOf(operand: Operand): string | undefined {
  return operand.kind === 'path' && operand.path.length === 1 && 'name' in operand.path[0]! ? operand.path[0].name : undefined;
}

function unsupported(): ValidationException {
  return new ValidationException('Query key condition not supported');
}

function flatten(condition: Condition): Condition[] {
  return condition.kind === 'and' ? [...flatten(condition.left), ...flatten(condition.right)] : [condition];
}

/** The key attribute a predicate restricts, with the literal on the other side. */
function keyAttributeOf(predicate: Condition): string {
  switch (predicate.kind) {
    case 'compare': {
      if (predicate.op === '<>') throw new ValidationException(`Invalid ${LABEL}: Unsupported operator on KeyCondition: <>`);
      const name = attributeOf(predicate.left);
      if (!name || predicate.right.kind !== 'value') throw unsupported();
      return name;
    }
    case 'between': {
      const name = attributeOf(predicate.operand);
      if (!name || predicate.low.kind !== 'value' || predicate.high.kind !== 'value') throw unsupported();
      return name;
    }
    case 'function': {
      if (predicate.name !== 'begins_with') {
        throw new ValidationException(`Invalid ${LABEL}: Unsupported function on KeyCondition: ${predicate.name}`);
      }
      const step = predicate.path[0]!;
      if (predicate.path.length !== 1 || !('name' in step) || predicate.argument?.kind !== 'value') throw unsupported();
      return step.name;
    }
    default:
      throw new ValidationException(`Invalid ${LABEL}: Only AND is supported between key conditions; found: ${predicate.kind.toUpperCase()}`);
  }
}

/**
 * Checks a Query's key condition the way DynamoDB does: an equality on the
 * partition key, optionally AND one condition (=, <, <=, >, >=, BETWEEN,
 * begins_with) on the sort key, and nothing else.
 */
export function splitKeyCondition(condition: Condition, keys: KeySchemaNames): KeyCondition {
  const predicates = flatten(condition);
  if (predicates.length > 2) throw new ValidationException('Conditions can be of length 1 or 2 only');
  const names = predicates.map(keyAttributeOf);
  const stranger = names.find((n) => n !== keys.partitionKey && n !== keys.sortKey);
  if (stranger !== undefined) {
    const missed = names.includes(keys.partitionKey) ? (keys.sortKey ?? keys.partitionKey) : keys.partitionKey;
    throw new ValidationException(`Query condition missed key schema element: ${missed}`);
  }
  let partitionValue: AttributeValue | undefined;
  let sortCondition: Condition | undefined;
  for (const [i, predicate] of predicates.entries()) {
    const name = names[i];
    if (name === keys.partitionKey) {
      if (predicate.kind !== 'compare' || predicate.op !== '=' || partitionValue) {
        throw new ValidationException('Query key condition not supported');
      }
      partitionValue = (predicate.right as Extract<Operand, { kind: 'value' }>).value;
    } else if (!sortCondition) {
      sortCondition = predicate;
    } else {
      throw new ValidationException('Query key condition not supported');
    }
  }
  if (!partitionValue) throw new ValidationException(`Query condition missed key schema element: ${keys.partitionKey}`);
  return sortCondition ? { partitionValue, sortCondition } : { partitionValue };
}
