import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;

/** A DynamoDB attribute value as plain JSON (the types Powertools stores). */
function plain(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL) return null;
  if (value.L) return value.L.map(plain);
  if (value.M) return Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, plain(v)]));
  throw new Error(`Unexpected attribute value ${JSON.stringify(value)}`);
}

/**
 * An in-memory DynamoDB table behind a mocked `DynamoDBClient`, answering the
 * four calls Powertools Idempotency makes with DynamoDB's semantics: the
 * conditional put refuses (returning the old item, `ALL_OLD`) while a record
 * is live, `SET` updates apply, gets are consistent. It checks the table name
 * and that items are keyed by `id`, the layout the egress table has.
 */
export class FakeIdempotencyTable {
  readonly items = new Map<string, Item>();

  constructor(
    readonly tableName: string,
    mock: AwsClientStub<DynamoDBClient>,
    private readonly nowMs: () => number = Date.now,
  ) {
    mock.on(GetItemCommand).callsFake((input: { TableName: string; Key: Item }) => {
      const item = this.items.get(this.keyOf(input.TableName, input.Key));
      return item ? { Item: structuredClone(item) } : {};
    });
    mock.on(DeleteItemCommand).callsFake((input: { TableName: string; Key: Item }) => {
      this.items.delete(this.keyOf(input.TableName, input.Key));
      return {};
    });
    mock.on(PutItemCommand).callsFake((input: { TableName: string; Item: Item; ConditionExpression?: string }) => {
      const id = this.keyOf(input.TableName, input.Item);
      const existing = this.items.get(id);
      if (existing && input.ConditionExpression && this.isLive(existing)) {
        throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: structuredClone(existing) });
      }
      this.items.set(id, structuredClone(input.Item));
      return {};
    });
    mock.on(UpdateItemCommand).callsFake(
      (input: { TableName: string; Key: Item; UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Item }) => {
        const id = this.keyOf(input.TableName, input.Key);
        const item = this.items.get(id) ?? structuredClone(input.Key);
        for (const assignment of input.UpdateExpression.replace(/^SET\s+/, '').split(',')) {
          const [name, value] = assignment.split('=').map((s) => s.trim()) as [string, string];
          item[input.ExpressionAttributeNames[name]!] = input.ExpressionAttributeValues[value]!;
        }
        this.items.set(id, item);
        return {};
      },
    );
  }

  /** The stored outcome (`data`) of each record, by key. */
  records(): Array<{ id: string; status: string; expiration: number; data?: unknown }> {
    return [...this.items.values()].map((item) => ({
      id: item['id']!.S!,
      status: item['status']!.S!,
      expiration: Number(item['expiration']!.N),
      ...(item['data'] ? { data: plain(item['data']) } : {}),
    }));
  }

  /** Powertools' put condition, negated: the record exists, has not expired, and is not an expired in-progress lock. */
  private isLive(item: Item): boolean {
    const now = this.nowMs();
    if (Number(item['expiration']?.N) < now / 1000) return false;
    const inProgressExpiry = item['in_progress_expiration']?.N;
    if (item['status']?.S === 'INPROGRESS' && inProgressExpiry !== undefined && Number(inProgressExpiry) < now) return false;
    return true;
  }

  private keyOf(tableName: string, key: Item): string {
    if (tableName !== this.tableName) throw new Error(`Unexpected table ${tableName}`);
    const id = key['id']?.S;
    if (!id) throw new Error(`Items must be keyed by the string attribute "id", got ${JSON.stringify(key)}`);
    return id;
  }
}
