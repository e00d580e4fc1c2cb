/**
 * Powertools Idempotency, unchanged, against the local DynamoDB: the exact
 * requests it sends (conditional puts with ReturnValuesOnConditionCheckFailure,
 * updates, deletes) must give the outcomes they give on AWS.
 */
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { dynamodbService } from './index';

let env: TestCloud;
const TABLE = 'IdempotencyTable';

beforeAll(async () => {
  env = await startTestCloud([dynamodbService]);
  // The table as the ingress and egress stacks declare it: key `id`, TTL on `expiration`.
  await env.provision('AWS::DynamoDB::Table', 'Idempotency', {
    TableName: TABLE,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
  });
});
afterAll(() => env.dispose());

function persistence() {
  return new DynamoDBPersistenceLayer({ tableName: TABLE, clientConfig: env.client });
}

function lambdaContext(remainingMs: number): Context {
  return {
    functionName: 'ingress-webhook',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:ingress-webhook',
    memoryLimitInMB: '256',
    awsRequestId: `req-${Math.random()}`,
    logGroupName: '/aws/lambda/ingress-webhook',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

describe('Powertools Idempotency with DynamoDBPersistenceLayer', () => {
  it('runs a delivery once and answers its duplicate with the stored result', async () => {
    const calls: string[] = [];
    const handler = makeIdempotent(
      async (event: { tweetId: string; text: string }, _context: Context) => {
        calls.push(event.tweetId);
        return { published: event.tweetId, at: calls.length };
      },
      { persistenceStore: persistence(), config: new IdempotencyConfig({ eventKeyJmesPath: 'tweetId' }) },
    );
    const first = await handler({ tweetId: '1572570427880538999', text: 'hello' }, lambdaContext(10_000));
    const duplicate = await handler({ tweetId: '1572570427880538999', text: 'hello again' }, lambdaContext(10_000));
    const other = await handler({ tweetId: '42', text: 'other' }, lambdaContext(10_000));
    expect(first).toEqual({ published: '1572570427880538999', at: 1 });
    expect(duplicate).toEqual(first);
    expect(other).toEqual({ published: '42', at: 2 });
    expect(calls).toEqual(['1572570427880538999', '42']);

    const { Items } = await new DynamoDBClient(env.client).send(new ScanCommand({ TableName: TABLE }));
    expect(Items).toHaveLength(2);
    for (const item of Items!) {
      expect(item['status']).toEqual({ S: 'COMPLETED' });
      expect(Number(item['expiration']!.N)).toBeGreaterThan(Date.now() / 1000);
      expect(item['data']!.M).toMatchObject({ published: { S: expect.any(String) } });
    }
  });

  it('refuses a duplicate while the first is in progress, and lets a retry through once the in-progress lock has expired', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const handler = makeIdempotent(
      async (event: { id: string }, _context: Context) => {
        runs++;
        if (runs === 1) await gate;
        return { done: event.id, runs };
      },
      { persistenceStore: persistence(), config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }) },
    );

    const first = handler({ id: 'slow' }, lambdaContext(60_000));
    await new Promise((r) => setTimeout(r, 50));
    await expect(handler({ id: 'slow' }, lambdaContext(60_000))).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    release();
    expect(await first).toEqual({ done: 'slow', runs: 1 });
    expect(await handler({ id: 'slow' }, lambdaContext(60_000))).toEqual({ done: 'slow', runs: 1 });
    expect(runs).toBe(1);

    // A function that timed out leaves an INPROGRESS record whose lock expires with the
    // Lambda's remaining time: after that, a retry must run again (the `#in_progress_expiry < :now_in_millis` branch).
    let crashedRuns = 0;
    const crashing = makeIdempotent(
      async (event: { id: string }, _context: Context) => {
        crashedRuns++;
        if (crashedRuns === 1) return new Promise<never>(() => undefined); // never finishes, like a timed-out Lambda
        return { recovered: event.id };
      },
      { persistenceStore: persistence(), config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }) },
    );
    void crashing({ id: 'timed-out' }, lambdaContext(100));
    await new Promise((r) => setTimeout(r, 30));
    await expect(crashing({ id: 'timed-out' }, lambdaContext(100))).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    await new Promise((r) => setTimeout(r, 150));
    expect(await crashing({ id: 'timed-out' }, lambdaContext(100))).toEqual({ recovered: 'timed-out' });
    expect(crashedRuns).toBe(2);
  });

  it('treats a record past its expiry as absent, so the work runs again', async () => {
    let runs = 0;
    const handler = makeIdempotent(
      async (event: { id: string }, _context: Context) => {
        runs++;
        return { id: event.id, runs };
      },
      { persistenceStore: persistence(), config: new IdempotencyConfig({ eventKeyJmesPath: 'id', expiresAfterSeconds: 1 }) },
    );
    expect(await handler({ id: 'short-lived' }, lambdaContext(10_000))).toEqual({ id: 'short-lived', runs: 1 });
    expect(await handler({ id: 'short-lived' }, lambdaContext(10_000))).toEqual({ id: 'short-lived', runs: 1 });
    // Powertools rounds the expiry to whole seconds: past it for sure after two.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await handler({ id: 'short-lived' }, lambdaContext(10_000))).toEqual({ id: 'short-lived', runs: 2 });
  });

  it('deletes the record when the function fails, so the platform retry runs it again', async () => {
    let runs = 0;
    const handler = makeIdempotent(
      async (event: { id: string }, _context: Context) => {
        runs++;
        if (runs === 1) throw new Error('downstream unavailable');
        return { id: event.id };
      },
      { persistenceStore: persistence(), config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }) },
    );
    await expect(handler({ id: 'flaky' }, lambdaContext(10_000))).rejects.toThrow('downstream unavailable');
    expect(await handler({ id: 'flaky' }, lambdaContext(10_000))).toEqual({ id: 'flaky' });
    expect(runs).toBe(2);
  });
});
