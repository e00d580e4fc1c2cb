import { validateValue, type AttributeValue } from '../attribute-value';
import { ValidationException } from '../errors';

/**
 * The `ExpressionAttributeNames` and `ExpressionAttributeValues` of one request,
 * shared by all its expressions. DynamoDB rejects placeholders that are used but
 * not defined, and definitions that no expression uses.
 */
export class Placeholders {
  private readonly names: Readonly<Record<string, string>>;
  private readonly values: Readonly<Record<string, AttributeValue>>;
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(names: unknown, values: unknown) {
    this.names = checkNames(names);
    this.values = checkValues(values);
  }

  get hasAny(): boolean {
    return Object.keys(this.names).length > 0 || Object.keys(this.values).length > 0;
  }

  name(token: string): string {
    const name = this.names[token];
    if (name === undefined) {
      throw new ValidationException(`An expression attribute name used in the document path is not defined; attribute name: ${token}`);
    }
    this.usedNames.add(token);
    return name;
  }

  value(token: string): AttributeValue {
    const value = this.values[token];
    if (value === undefined) {
      throw new ValidationException(`An expression attribute value used in expression is not defined; attribute value: ${token}`);
    }
    this.usedValues.add(token);
    return value;
  }

  /** Call after every expression of the request has been parsed. */
  assertAllUsed(): void {
    const unusedNames = Object.keys(this.names).filter((k) => !this.usedNames.has(k));
    if (unusedNames.length > 0) {
      throw new ValidationException(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    }
    const unusedValues = Object.keys(this.values).filter((k) => !this.usedValues.has(k));
    if (unusedValues.length > 0) {
      throw new ValidationException(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
    }
  }
}

function checkNames(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ValidationException('ExpressionAttributeNames must be a map');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw new ValidationException('ExpressionAttributeNames must not be empty');
  for (const [k, v] of entries) {
    if (!/^#[A-Za-z0-9_]+$/.test(k)) {
      throw new ValidationException(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`);
    }
    if (typeof v !== 'string' || v.length === 0) {
      throw new ValidationException(`ExpressionAttributeNames contains invalid value: Empty attribute name for key: "${k}"`);
    }
  }
  return raw as Record<string, string>;
}

function checkValues(raw: unknown): Record<string, AttributeValue> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ValidationException('ExpressionAttributeValues must be a map');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw new ValidationException('ExpressionAttributeValues must not be empty');
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of entries) {
    if (!/^:[A-Za-z0-9_]+$/.test(k)) {
      throw new ValidationException(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`);
    }
    try {
      out[k] = validateValue(v);
    } catch (error) {
      throw new ValidationException(`ExpressionAttributeValues contains invalid value: ${(error as Error).message} for key ${k}`, {
        cause: error,
      });
    }
  }
  return out;
}
