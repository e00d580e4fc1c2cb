import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;

const numberOf = (value: AttributeValue | undefined): number | undefined =>
  value && 'N' in value && value.N !== undefined ? Number(value.N) : undefined;

/**
 * An in-memory idempotency table behind `aws-sdk-client-mock`, implementing
 * the four calls Powertools Idempotency makes with DynamoDB's semantics: the
 * conditional put (claim unless the key is absent, expired, or an expired
 * in-progress claim) returning the old item on failure, the update that
 * completes a record, the delete that releases it, and the consistent get.
 */
export class FakeIdempotencyTable {
  readonly items = new Map<string, Item>();
  readonly mock = mockClient(DynamoDBClient);

  constructor() {
    this.install();
  }

  /** Re-installs the behaviour after `mock.reset()`. */
  install(): void {
    this.mock.on(PutItemCommand).callsFake((input: PutItemCommand['input']) => this.put(input));
    this.mock.on(GetItemCommand).callsFake((input: GetItemCommand['input']) => ({ Item: this.items.get(this.keyOf(input.Key)) }));
    this.mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommand['input']) => this.update(input));
    this.mock.on(DeleteItemCommand).callsFake((input: DeleteItemCommand['input']) => {
      this.items.delete(this.keyOf(input.Key));
      return {};
    });
  }

  /** Records by status, for assertions. */
  statuses(): string[] {
    return [...this.items.values()].map((item) => item['status']?.S ?? '?');
  }

  private keyOf(key: Item | undefined): string {
    const id = key?.['id'];
    if (!id || !('S' in id) || id.S === undefined) throw new Error('the idempotency table is keyed by the string attribute id');
    return id.S;
  }

  private put(input: PutItemCommand['input']) {
    const key = this.keyOf(input.Item);
    const existing = this.items.get(key);
    if (existing && input.ConditionExpression) {
      if (!input.ConditionExpression.startsWith('attribute_not_exists(#id) OR #expiry < :now')) {
        throw new Error(`Unexpected condition expression: ${input.ConditionExpression}`);
      }
      const values = input.ExpressionAttributeValues ?? {};
      const expired = (numberOf(existing['expiration']) ?? Infinity) < (numberOf(values[':now']) ?? 0);
      const inProgressExpired =
        existing['status']?.S === 'INPROGRESS' &&
        existing['in_progress_expiration'] !== undefined &&
        (numberOf(existing['in_progress_expiration']) ?? Infinity) < (numberOf(values[':now_in_millis']) ?? 0);
      if (!expired && !inProgressExpired) {
        throw new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: {},
          ...(input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? { Item: existing } : {}),
        });
      }
    }
    this.items.set(key, { ...input.Item });
    return {};
  }

  private update(input: UpdateItemCommand['input']) {
    const key = this.keyOf(input.Key);
    const item: Item = { ...(this.items.get(key) ?? input.Key ?? {}) };
    const assignments = (input.UpdateExpression ?? '').replace(/^SET\s+/, '').split(',');
    for (const assignment of assignments) {
      const [name, value] = assignment.split('=').map((s) => s.trim());
      const attribute = input.ExpressionAttributeNames?.[name!] ?? name!;
      item[attribute] = input.ExpressionAttributeValues![value!]!;
    }
    this.items.set(key, item);
    return {};
  }
}
