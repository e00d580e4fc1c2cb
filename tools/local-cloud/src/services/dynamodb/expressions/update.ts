import { addDecimal, formatDecimal, negateDecimal, parseDecimal } from '../decimal';
import { equalValues, isSet, makeSet, setMembers, typeOf, type AttributeValue, type Item } from '../attribute-value';
import { ValidationException } from '../errors';
import type { Operand, Path, UpdateAction } from './ast';
import { assertNoOverlap, removePath, resolvePath, setPath } from './document-path';

function typeError(operator: string, value: AttributeValue): ValidationException {
  return new ValidationException(
    `Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: ${operator}, operand type: ${typeOf(value)}`,
  );
}

function missingAttribute(): ValidationException {
  return new ValidationException('The provided expression refers to an attribute that does not exist in the item');
}

/** Checks DynamoDB makes on the expression alone: no key attribute updated, no overlapping paths. */
export function validateUpdate(actions: readonly UpdateAction[], keyAttributes: readonly string[]): void {
  for (const action of actions) {
    const first = action.path[0]!;
    if ('name' in first && keyAttributes.includes(first.name)) {
      throw new ValidationException(
        `One or more parameter values were invalid: Cannot update attribute ${first.name}. This attribute is part of the key`,
      );
    }
  }
  assertNoOverlap(actions.map((a) => a.path));
}

/** Evaluates a SET value against the item as it was before the update. */
function evaluate(item: Item, operand: Operand): AttributeValue {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path': {
      const value = resolvePath(item, operand.path);
      if (!value) throw missingAttribute();
      return value;
    }
    case 'if_not_exists':
      return resolvePath(item, operand.path) ?? evaluate(item, operand.fallback);
    case 'list_append': {
      const first = evaluate(item, operand.first);
      const second = evaluate(item, operand.second);
      if (!('L' in first)) throw typeError('list_append', first);
      if (!('L' in second)) throw typeError('list_append', second);
      return { L: [...first.L, ...second.L] };
    }
    case 'arithmetic': {
      const left = evaluate(item, operand.left);
      const right = evaluate(item, operand.right);
      if (!('N' in left)) throw typeError(operand.op, left);
      if (!('N' in right)) throw typeError(operand.op, right);
      const r = parseDecimal(right.N);
      return { N: formatDecimal(addDecimal(parseDecimal(left.N), operand.op === '+' ? r : negateDecimal(r))) };
    }
    case 'size':
      throw new ValidationException('Invalid UpdateExpression: The function is not allowed in an update expression; function: size');
  }
}

function add(existing: AttributeValue | undefined, value: AttributeValue): AttributeValue {
  if ('N' in value) {
    if (!existing) return value;
    if (!('N' in existing)) throw new ValidationException('An operand in the update expression has an incorrect data type');
    return { N: formatDecimal(addDecimal(parseDecimal(existing.N), parseDecimal(value.N))) };
  }
  if (isSet(value)) {
    if (!existing) return value;
    if (typeOf(existing) !== typeOf(value)) throw new ValidationException('An operand in the update expression has an incorrect data type');
    const members = setMembers(existing);
    for (const m of setMembers(value)) if (!members.some((e) => equalValues(e, m))) members.push(m);
    return makeSet(typeOf(value) as 'SS' | 'NS' | 'BS', members)!;
  }
  throw typeError('ADD', value);
}

function remove(existing: AttributeValue | undefined, value: AttributeValue): AttributeValue | undefined {
  if (!isSet(value)) throw typeError('DELETE', value);
  if (!existing) return undefined;
  if (typeOf(existing) !== typeOf(value)) throw new ValidationException('An operand in the update expression has an incorrect data type');
  const drop = setMembers(value);
  return makeSet(
    typeOf(value) as 'SS' | 'NS' | 'BS',
    setMembers(existing).filter((m) => !drop.some((d) => equalValues(d, m))),
  );
}

/** Index of the last list step, for ordering REMOVEs so earlier removals do not shift later ones. */
function trailingIndex(path: Path): number {
  const last = path[path.length - 1]!;
  return 'index' in last ? last.index : -1;
}

/**
 * Applies an update expression to a copy of `item` (`{}` plus the key when the
 * item does not exist). Every operand sees the item as it was before the update.
 */
export function applyUpdate(item: Item, actions: readonly UpdateAction[]): Item {
  const before = item;
  const after: Item = structuredClone(item);
  const values = actions.map((action) => (action.kind === 'REMOVE' ? undefined : evaluate(before, action.value)));
  actions.forEach((action, i) => {
    const value = values[i];
    switch (action.kind) {
      case 'SET':
        setPath(after, action.path, value!);
        break;
      case 'ADD':
        setPath(after, action.path, add(resolvePath(after, action.path), value!));
        break;
      case 'DELETE': {
        const rest = remove(resolvePath(after, action.path), value!);
        if (rest) setPath(after, action.path, rest);
        else if (resolvePath(after, action.path)) removePath(after, action.path);
        break;
      }
      case 'REMOVE':
        break;
    }
  });
  actions
    .filter((a) => a.kind === 'REMOVE')
    .sort((a, b) => trailingIndex(b.path) - trailingIndex(a.path))
    .forEach((a) => removePath(after, a.path));
  return after;
}
