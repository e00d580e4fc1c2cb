import { compareScalars, typeOf, type AttributeValue, type Item } from './attribute-value';
import { ResourceNotFoundException, ValidationException } from './errors';

export type KeyType = 'S' | 'N' | 'B';

export interface KeySchema {
  readonly partitionKey: string;
  readonly sortKey?: string;
}

export interface IndexDefinition {
  readonly name: string;
  readonly kind: 'GLOBAL' | 'LOCAL';
  readonly keySchema: KeySchema;
  /** `ALL`, `KEYS_ONLY` or `INCLUDE` with the extra attributes. */
  readonly projection: { readonly type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; readonly nonKeyAttributes?: readonly string[] };
}

/** A table as the template (or CreateTable) defines it. */
export interface TableDefinition {
  readonly name: string;
  readonly keySchema: KeySchema;
  /** Types of the attributes used in the table's and indexes' keys. */
  readonly attributeTypes: Readonly<Record<string, KeyType>>;
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly indexes: readonly IndexDefinition[];
  /** The TTL attribute when TimeToLiveSpecification is enabled. */
  readonly ttlAttribute?: string;
  readonly createdAt: number;
  readonly deletionProtection?: boolean;
}

/** A stable string for a key's values, used as the map key. */
export function encodeKey(schema: KeySchema, item: Item): string {
  const parts = [item[schema.partitionKey], schema.sortKey ? item[schema.sortKey] : undefined];
  return JSON.stringify(parts.map((v) => (v ? Object.values(v)[0] : null)));
}

/** The key attributes of an item. */
export function keyOf(schema: KeySchema, item: Item): Item {
  const key: Item = { [schema.partitionKey]: item[schema.partitionKey]! };
  if (schema.sortKey) key[schema.sortKey] = item[schema.sortKey]!;
  return key;
}

/** In-memory items of one table with the key rules, ordering and pagination of DynamoDB. */
export class Table {
  private readonly items = new Map<string, Item>();

  constructor(readonly definition: TableDefinition) {}

  get keyNames(): string[] {
    const { partitionKey, sortKey } = this.definition.keySchema;
    return sortKey ? [partitionKey, sortKey] : [partitionKey];
  }

  get size(): number {
    return this.items.size;
  }

  /** Checks a `Key` parameter: exactly the key attributes, of the declared types. */
  validateKey(key: Item): Item {
    const names = this.keyNames;
    const given = Object.keys(key);
    if (given.length !== names.length || !names.every((n) => n in key)) {
      throw new ValidationException('The provided key element does not match the schema');
    }
    for (const name of names) this.checkKeyValue(name, key[name]!, true);
    return key;
  }

  /** Checks that an item carries the table's (and the indexes') key attributes with the right types. */
  validateItemKeys(item: Item): void {
    for (const name of this.keyNames) {
      const value = item[name];
      if (!value) throw new ValidationException(`One or more parameter values were invalid: Missing the key ${name} in the item`);
      this.checkKeyValue(name, value, false);
    }
    for (const index of this.definition.indexes) {
      for (const name of [index.keySchema.partitionKey, index.keySchema.sortKey]) {
        const value = name ? item[name] : undefined;
        if (name && value) this.checkKeyValue(name, value, false, index.name);
      }
    }
  }

  private checkKeyValue(name: string, value: AttributeValue, inKey: boolean, index?: string): void {
    const expected = this.definition.attributeTypes[name];
    const actual = typeOf(value);
    if (expected && actual !== expected) {
      throw new ValidationException(
        inKey
          ? 'The provided key element does not match the schema'
          : `One or more parameter values were invalid: Type mismatch for ${index ? `Index Key ${name} Expected: ${expected} Actual: ${actual} IndexName: ${index}` : `key ${name} expected: ${expected} actual: ${actual}`}`,
      );
    }
    if (('S' in value && value.S === '') || ('B' in value && value.B === '')) {
      throw new ValidationException(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${'S' in value ? 'string' : 'binary'} value. ${index ? `IndexName: ${index}, IndexKey` : 'Key'}: ${name}`,
      );
    }
  }

  get(key: Item): Item | undefined {
    return this.items.get(encodeKey(this.definition.keySchema, key));
  }

  put(item: Item): void {
    this.items.set(encodeKey(this.definition.keySchema, item), item);
  }

  delete(key: Item): void {
    this.items.delete(encodeKey(this.definition.keySchema, key));
  }

  all(): IterableIterator<Item> {
    return this.items.values();
  }

  clear(): void {
    this.items.clear();
  }

  index(name: string | undefined): { keySchema: KeySchema; definition?: IndexDefinition } {
    if (name === undefined) return { keySchema: this.definition.keySchema };
    const definition = this.definition.indexes.find((i) => i.name === name);
    if (!definition) {
      throw new ValidationException(`The table does not have the specified index: ${name}`);
    }
    return { keySchema: definition.keySchema, definition };
  }

  /**
   * Items of the table or an index in key order: by partition key, then sort key
   * (an index holds only items that carry its key attributes).
   */
  ordered(indexName?: string, partitionValue?: AttributeValue): Item[] {
    const { keySchema } = this.index(indexName);
    const rows: Item[] = [];
    for (const item of this.items.values()) {
      const pk = item[keySchema.partitionKey];
      if (!pk || (keySchema.sortKey && !item[keySchema.sortKey])) continue;
      if (partitionValue && compareScalars(pk, partitionValue) !== 0) continue;
      rows.push(item);
    }
    return rows.sort((a, b) => this.compareInIndex(a, b, indexName));
  }

  /**
   * The order of items (or keys such as an ExclusiveStartKey) in a table or
   * index: partition key, sort key, then the table's key for index ties.
   */
  compareInIndex(a: Item, b: Item, indexName?: string): number {
    const { keySchema } = this.index(indexName);
    const tableKeys = this.definition.keySchema;
    for (const name of [keySchema.partitionKey, keySchema.sortKey, tableKeys.partitionKey, tableKeys.sortKey]) {
      if (!name || !a[name] || !b[name]) continue;
      const order = compareScalars(a[name], b[name]) ?? 0;
      if (order !== 0) return order;
    }
    return 0;
  }

  /** The attributes of an item as an index projects them. */
  projectForIndex(item: Item, indexName?: string): Item {
    const { definition } = this.index(indexName);
    if (!definition || definition.projection.type === 'ALL') return item;
    const keep = new Set([
      ...this.keyNames,
      definition.keySchema.partitionKey,
      ...(definition.keySchema.sortKey ? [definition.keySchema.sortKey] : []),
      ...(definition.projection.type === 'INCLUDE' ? (definition.projection.nonKeyAttributes ?? []) : []),
    ]);
    return Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)));
  }

  /** The key DynamoDB returns as LastEvaluatedKey for an item read through an index (table key + index key). */
  lastEvaluatedKey(item: Item, indexName?: string): Item {
    const { keySchema } = this.index(indexName);
    const key = keyOf(this.definition.keySchema, item);
    key[keySchema.partitionKey] = item[keySchema.partitionKey]!;
    if (keySchema.sortKey) key[keySchema.sortKey] = item[keySchema.sortKey]!;
    return key;
  }
}

export function tableNotFound(name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Requested resource not found: Table: ${name} not found`);
}
