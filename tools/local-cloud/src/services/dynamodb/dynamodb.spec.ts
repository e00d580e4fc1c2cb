import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  TransactionCanceledException,
  GetItemCommand,
  DeleteItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import type { Database } from './database';
import { dynamodbService } from './index';

let env: TestCloud;
let doc: DynamoDBDocumentClient;
let raw: DynamoDBClient;

const TABLE = 'Orders';

beforeAll(async () => {
  env = await startTestCloud([dynamodbService]);
  raw = new DynamoDBClient(env.client);
  doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  await env.provision('AWS::DynamoDB::Table', 'OrdersTable', {
    TableName: TABLE,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'status', AttributeType: 'S' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
    GlobalSecondaryIndexes: [
      { IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
  });
});
afterAll(() => env.dispose());

describe('tables', () => {
  it('creates the table from the template properties, with TTL and indexes', async () => {
    const { Table } = await raw.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table).toMatchObject({
      TableName: TABLE,
      TableStatus: 'ACTIVE',
      TableArn: `arn:aws:dynamodb:eu-west-1:000000000000:table/${TABLE}`,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      GlobalSecondaryIndexes: [expect.objectContaining({ IndexName: 'byStatus', IndexStatus: 'ACTIVE' })],
    });
    expect(Table!.CreationDateTime).toBeInstanceOf(Date);
    const ttl = await raw.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
    expect((await raw.send(new ListTablesCommand({}))).TableNames).toContain(TABLE);
  });

  it('answers ResourceNotFoundException for an unknown table and ResourceInUse for a duplicate', async () => {
    await expect(doc.send(new GetCommand({ TableName: 'Nope', Key: { pk: 'a', sk: 1 } }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      raw.send(
        new CreateTableCommand({
          TableName: TABLE,
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });
  });
});

describe('items', () => {
  it('puts, gets with a projection, updates with every clause and deletes under conditions', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'u1', sk: 1, status: 'NEW', tags: new Set(['a', 'c']), total: 10, meta: { by: 'harry' } } }));
    const got = await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'u1', sk: 1 }, ProjectionExpression: '#s, meta.#b', ExpressionAttributeNames: { '#s': 'status', '#b': 'by' } }));
    expect(got.Item).toEqual({ status: 'NEW', meta: { by: 'harry' } });

    const updated = await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: 'u1', sk: 1 },
        UpdateExpression: 'SET #s = :paid, total = total + :five, history = list_append(if_not_exists(history, :empty), :event) REMOVE meta ADD labels :b DELETE tags :a',
        ConditionExpression: '#s = :new AND total BETWEEN :lo AND :hi',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':paid': 'PAID',
          ':new': 'NEW',
          ':five': 5,
          ':empty': [],
          ':event': ['paid'],
          ':a': new Set(['a']),
          ':b': new Set(['b']),
          ':lo': 0,
          ':hi': 100,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes).toEqual({ pk: 'u1', sk: 1, status: 'PAID', total: 15, history: ['paid'], tags: new Set(['c']), labels: new Set(['b']) });

    const old = await doc.send(
      new UpdateCommand({ TableName: TABLE, Key: { pk: 'u1', sk: 1 }, UpdateExpression: 'SET total = :t', ExpressionAttributeValues: { ':t': 1 }, ReturnValues: 'UPDATED_OLD' }),
    );
    expect(old.Attributes).toEqual({ total: 15 });

    await expect(
      doc.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'u1', sk: 1 }, ConditionExpression: 'attribute_not_exists(pk)' })),
    ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const deleted = await doc.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'u1', sk: 1 }, ReturnValues: 'ALL_OLD' }));
    expect(deleted.Attributes).toMatchObject({ pk: 'u1', status: 'PAID' });
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'u1', sk: 1 } }))).Item).toBeUndefined();
  });

  it('returns the existing item with ConditionalCheckFailedException when asked (ReturnValuesOnConditionCheckFailure)', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'dup', sk: 1, status: 'INPROGRESS' } }));
    const attempt = raw.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'dup' }, sk: { N: '1' } },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect((error as ConditionalCheckFailedException).Item).toEqual({ pk: { S: 'dup' }, sk: { N: '1' }, status: { S: 'INPROGRESS' } });
    const silent = await raw
      .send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'dup' }, sk: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' }))
      .catch((e: unknown) => e);
    expect((silent as ConditionalCheckFailedException).Item).toBeUndefined();
  });

  it('keeps binary values and exact numbers', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await raw.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'bin' }, sk: { N: '1' }, data: { B: bytes }, set: { BS: [bytes] }, big: { N: '12345678901234567890.123456789' } } }));
    const { Item } = await raw.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'bin' }, sk: { N: '1.0' } } }));
    expect(Item!.data!.B).toEqual(bytes);
    expect(Item!.set!.BS).toEqual([bytes]);
    expect(Item!.big!.N).toBe('12345678901234567890.123456789');
    await raw.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: { S: 'bin' }, sk: { N: '1' } } }));
  });

  it('rejects bad input with ValidationException and a useful message', async () => {
    await expect(doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'x' } }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'One or more parameter values were invalid: Missing the key sk in the item',
    });
    await expect(doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'x', sk: 'not a number' } }))).rejects.toMatchObject({
      message: expect.stringContaining('Type mismatch for key sk expected: N actual: S'),
    });
    await expect(
      doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk: 'x', sk: 1 }, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1, ':b': 2 } })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}' });
    await expect(doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'x' } }))).rejects.toMatchObject({
      message: 'The provided key element does not match the schema',
    });
  });
});

describe('queries and scans', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 25; i += 8) {
      const items = Array.from({ length: Math.min(8, 26 - i) }, (_, j) => ({
        PutRequest: { Item: { pk: 'q', sk: i + j, status: (i + j) % 2 === 0 ? 'EVEN' : 'ODD', n: i + j } },
      }));
      await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items } }));
    }
  });

  it('queries a partition in sort-key order with conditions, filters, limits and pages', async () => {
    const range = await doc.send(
      new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': 'q', ':a': 3, ':b': 6 } }),
    );
    expect(range.Items!.map((i) => i['sk'])).toEqual([3, 4, 5, 6]);

    const backwards = await doc.send(
      new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :p AND sk > :a', ExpressionAttributeValues: { ':p': 'q', ':a': 20 }, ScanIndexForward: false }),
    );
    expect(backwards.Items!.map((i) => i['sk'])).toEqual([25, 24, 23, 22, 21]);

    const seen: number[] = [];
    let start: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :p',
          FilterExpression: '#s = :even',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':p': 'q', ':even': 'EVEN' },
          Limit: 10,
          ExclusiveStartKey: start,
        }),
      );
      pages++;
      expect(page.ScannedCount).toBeLessThanOrEqual(10);
      seen.push(...page.Items!.map((i) => i['sk'] as number));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(pages).toBe(3);
    expect(seen).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
  });

  it('queries a global secondary index with its projection', async () => {
    const out = await doc.send(
      new QueryCommand({ TableName: TABLE, IndexName: 'byStatus', KeyConditionExpression: '#s = :odd', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':odd': 'ODD' } }),
    );
    expect(out.Count).toBe(13);
    expect(Object.keys(out.Items![0]!).sort()).toEqual(['pk', 'sk', 'status']);
    await expect(
      doc.send(new QueryCommand({ TableName: TABLE, IndexName: 'byStatus', KeyConditionExpression: '#s = :odd', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':odd': 'ODD' }, ConsistentRead: true })),
    ).rejects.toMatchObject({ message: 'Consistent reads are not supported on global secondary indexes' });
  });

  it('scans in pages and in parallel segments that partition the table', async () => {
    const all: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: TABLE, Limit: 7, ExclusiveStartKey: start }));
      all.push(...page.Items!);
      start = page.LastEvaluatedKey;
    } while (start);
    const counted = await doc.send(new ScanCommand({ TableName: TABLE, Select: 'COUNT' }));
    expect(counted.Items).toBeUndefined();
    expect(all).toHaveLength(counted.Count!);
    const segments = await Promise.all([0, 1, 2].map((Segment) => doc.send(new ScanCommand({ TableName: TABLE, Segment, TotalSegments: 3 }))));
    expect(segments.reduce((n, s) => n + s.Count!, 0)).toBe(counted.Count);
  });

  it('batch-gets items across the table, reporting nothing unprocessed', async () => {
    const out = await doc.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: [{ pk: 'q', sk: 1 }, { pk: 'q', sk: 2 }, { pk: 'q', sk: 999 }] } } }));
    expect(out.Responses![TABLE]!.map((i) => i['sk']).sort()).toEqual([1, 2]);
    expect(out.UnprocessedKeys).toEqual({});
  });
});

describe('transactions', () => {
  it('applies all actions or none, with a cancellation reason per action', async () => {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { pk: 't', sk: 1, v: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: TABLE, Item: { pk: 't', sk: 2, v: 2 } } },
        ],
      }),
    );
    const failed = await doc
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: TABLE, Key: { pk: 't', sk: 2 }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': 20 } } },
            { ConditionCheck: { TableName: TABLE, Key: { pk: 't', sk: 1 }, ConditionExpression: 'v = :two', ExpressionAttributeValues: { ':two': 2 }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
          ],
        }),
      )
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TransactionCanceledException);
    expect((failed as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 't' }, sk: { N: '1' }, v: { N: '1' } } },
    ]);
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 't', sk: 2 } }))).Item!['v']).toBe(2);
  });
});

describe('durability and TTL', () => {
  it('keeps every acknowledged write across a restart', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'durable', sk: 1, note: 'kept' } }));
    env = await env.restart();
    raw = new DynamoDBClient(env.client);
    doc = DynamoDBDocumentClient.from(raw);
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'durable', sk: 1 } }))).Item).toEqual({ pk: 'durable', sk: 1, note: 'kept' });
    expect((await doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'q' } }))).Count).toBe(25);
  });

  it('loses nothing when the journal is compacted while writes are in flight', async () => {
    const db = (env.cloud.instance('dynamodb') as unknown as { database: Database }).database;
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      writes.push(doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'compact', sk: i } })));
      if (i % 50 === 25) writes.push(db.compact());
    }
    await Promise.all(writes);
    env = await env.restart();
    raw = new DynamoDBClient(env.client);
    doc = DynamoDBDocumentClient.from(raw);
    const { Count } = await doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'compact' } }));
    expect(Count).toBe(200);
  });

  it('deletes items whose TTL has passed, and only those', async () => {
    const now = Math.floor(Date.now() / 1000);
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'ttl', sk: 1, expires: now - 10 } }));
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'ttl', sk: 2, expires: now + 3600 } }));
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'ttl', sk: 3, expires: 'not a number' } }));
    const db = (env.cloud.instance('dynamodb') as unknown as { database: Database }).database;
    expect(await db.sweepExpired()).toBe(1);
    const left = await doc.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'ttl' } }));
    expect(left.Items!.map((i) => i['sk'])).toEqual([2, 3]);
  });
});
