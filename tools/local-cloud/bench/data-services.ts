/**
 * Data services benchmark: throughput and latency of the local DynamoDB, SQS,
 * S3, SNS, Firehose and Athena over the real HTTP endpoint with the AWS SDK v3
 * clients the handlers use (every write fsynced before its answer, as in
 * `npm start`). Prints one line per figure.
 *
 * Run: npx tsx tools/local-cloud/bench/data-services.ts [seconds-per-phase]
 */
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lakeTables } from '../src/services/athena/__fixtures__/lake';
import { athenaService, type AthenaInstance } from '../src/services/athena';
import { dynamodbService } from '../src/services/dynamodb';
import { firehoseService, type FirehoseInstance } from '../src/services/firehose';
import { glueService } from '../src/services/glue';
import { s3Service } from '../src/services/s3';
import { snsService } from '../src/services/sns';
import { sqsService } from '../src/services/sqs';
import { startTestCloud } from '../src/services/__testing__/test-cloud';

const SECONDS = Number(process.argv[2] ?? 5);
const CONCURRENCY = 16;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `op` from CONCURRENCY workers for SECONDS; returns ops/s and latency percentiles (ms). */
async function load(op: (i: number) => Promise<unknown>): Promise<{ rate: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const i = next++;
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / SECONDS, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const fmt = (r: { rate: number; p50: number; p99: number }, unit = 'ops/s') => `${r.rate.toFixed(0)} ${unit}, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-'));
  const env = await startTestCloud([s3Service, dynamodbService, sqsService, snsService, glueService, athenaService, firehoseService], dir);
  const client = env.client;
  console.log(`data services benchmark: ${SECONDS} s per phase, ${CONCURRENCY} concurrent clients, data in ${dir}`);

  // DynamoDB: the Powertools Idempotency write (conditional put) and a consistent read.
  await env.provision('AWS::DynamoDB::Table', 'Idem', {
    TableName: 'idem',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
  });
  const ddb = new DynamoDBClient(client);
  const put = await load((i) =>
    ddb
      .send(
        new PutItemCommand({
          TableName: 'idem',
          Item: { id: { S: `k${i % 5000}` }, status: { S: 'INPROGRESS' }, expiration: { N: String(Math.floor(Date.now() / 1000) + 3600) } },
          ConditionExpression: 'attribute_not_exists(#id) OR #expiry < :now',
          ExpressionAttributeNames: { '#id': 'id', '#expiry': 'expiration' },
          ExpressionAttributeValues: { ':now': { N: String(Date.now() / 1000) } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .catch((e: unknown) => {
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }),
  );
  console.log(`dynamodb conditional PutItem: ${fmt(put)}`);
  const get = await load((i) => ddb.send(new GetItemCommand({ TableName: 'idem', Key: { id: { S: `k${i % 5000}` } }, ConsistentRead: true })));
  console.log(`dynamodb GetItem: ${fmt(get)}`);

  // SQS: batches of 10 in, receive 10 and delete 10 out.
  const sqs = new SQSClient(client);
  const queue = (await env.provision('AWS::SQS::Queue', 'Q', { QueueName: 'bench' })).ref;
  const send = await load((i) => sqs.send(new SendMessageBatchCommand({ QueueUrl: queue, Entries: Array.from({ length: 10 }, (_, j) => ({ Id: String(j), MessageBody: `m${i}-${j}` })) })));
  console.log(`sqs SendMessageBatch(10): ${fmt({ ...send, rate: send.rate * 10 }, 'messages/s')}`);
  const receive = await load(async () => {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 10 }));
    if (Messages?.length) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queue, Entries: Messages.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })) }));
  });
  console.log(`sqs ReceiveMessage(10)+DeleteMessageBatch: ${fmt(receive, 'round trips/s')}`);

  // S3: small objects, then one big aws-chunked upload.
  const s3 = new S3Client({ ...client, forcePathStyle: true });
  await env.provision('AWS::S3::Bucket', 'B', { BucketName: 'bench' });
  const small = await load((i) => s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `small/${i}`, Body: Buffer.alloc(1024, i % 256) })));
  console.log(`s3 PutObject 1 KiB: ${fmt(small)}`);
  const big = Buffer.alloc(32 * 1024 * 1024, 7);
  const t0 = performance.now();
  await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: 'big', Body: big }));
  console.log(`s3 PutObject 32 MiB: ${(32 / ((performance.now() - t0) / 1000)).toFixed(0)} MiB/s`);

  // SNS → SQS raw delivery: publish-to-receive latency.
  const sns = new SNSClient(client);
  const topic = (await env.provision('AWS::SNS::Topic', 'T', { TopicName: 'bench' })).ref;
  const inbox = await env.provision('AWS::SQS::Queue', 'Inbox', { QueueName: 'inbox' });
  await env.provision('AWS::SNS::Subscription', 'S', { TopicArn: topic, Protocol: 'sqs', Endpoint: inbox.arn, RawMessageDelivery: true });
  const latencies: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await sns.send(new PublishCommand({ TopicArn: topic, Message: `alert ${i}` }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: inbox.ref, WaitTimeSeconds: 5 }));
    latencies.push(performance.now() - t);
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: inbox.ref, Entries: (Messages ?? []).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })) }));
  }
  latencies.sort((a, b) => a - b);
  console.log(`sns Publish → sqs ReceiveMessage (raw delivery): p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);

  // Firehose: accepting records (durable) and writing them to S3 on flush.
  await env.provision('AWS::S3::Bucket', 'Lake', { BucketName: 'lake' });
  await env.provision('AWS::KinesisFirehose::DeliveryStream', 'F', {
    DeliveryStreamName: 'lake',
    ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::lake', Prefix: 'raw/', CompressionFormat: 'GZIP', BufferingHints: { IntervalInSeconds: 900, SizeInMBs: 128 } },
  });
  const firehose = new FirehoseClient(client);
  const record = Buffer.from(`${JSON.stringify({ id: 'x', detail: { Text: 'y'.repeat(400) } })}\n`);
  const batches = await load(() => firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'lake', Records: Array.from({ length: 100 }, () => ({ Data: record })) })));
  console.log(`firehose PutRecordBatch(100): ${fmt({ ...batches, rate: batches.rate * 100 }, 'records/s')}`);
  const f0 = performance.now();
  await (env.cloud.instance('firehose') as FirehoseInstance).flush();
  console.log(`firehose flush of ${(batches.rate * 100 * SECONDS).toFixed(0)} records to S3 (gzip): ${(performance.now() - f0).toFixed(0)} ms`);

  // Athena: the label-count query over a lake of 10,000 analysed messages.
  const lines = Array.from({ length: 10_000 }, (_, i) =>
    JSON.stringify({
      id: `e${i}`,
      'detail-type': 'MESSAGE_ANALYSED',
      time: '2024-05-01T10:00:00Z',
      detail: { MessageId: `m${i}`, AnalysedAt: '2024-05-01T10:00:00Z', Analysis: { TextSentiment: 'NEUTRAL', Images: [{ Labels: [{ Name: ['Van', 'Person', 'Dog'][i % 3] }, { Name: 'Car' }] }] } },
    }),
  );
  for (let part = 0; part < 10; part++) {
    await s3.send(
      new PutObjectCommand({ Bucket: 'lake', Key: `events/detail_type=MESSAGE_ANALYSED/dt=2024-05-01/part-${part}.json.gz`, Body: gzipSync(lines.slice(part * 1000, (part + 1) * 1000).join('\n')) }),
    );
  }
  await env.provision('AWS::Glue::Database', 'Db', { DatabaseInput: { Name: 'sma_analytics' } });
  for (const table of lakeTables('lake')) await env.provision('AWS::Glue::Table', `T${table.Name}`, { DatabaseName: 'sma_analytics', TableInput: table });
  await env.provision('AWS::S3::Bucket', 'Results', { BucketName: 'results' });
  const athena = new AthenaClient(client);
  const sql = `WITH messages AS (SELECT detail, row_number() OVER (PARTITION BY detail.messageid ORDER BY detail.analysedat DESC, id) AS copy FROM analysed_messages)
SELECT label.name AS label, count(*) AS images FROM messages CROSS JOIN UNNEST(detail.analysis.images) AS i (image) CROSS JOIN UNNEST(image.labels) AS l (label)
WHERE copy = 1 GROUP BY label.name ORDER BY images DESC, label LIMIT 100`;
  for (const run of ['first (loads the lake)', 'second (lake unchanged)']) {
    const a0 = performance.now();
    const { QueryExecutionId } = await athena.send(
      new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: 'sma_analytics' }, ResultConfiguration: { OutputLocation: 's3://results/' } }),
    );
    await (env.cloud.instance('athena') as AthenaInstance).settle(QueryExecutionId!);
    const state = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!.Status!.State;
    console.log(`athena label counts over 10,000 messages, ${run}: ${(performance.now() - a0).toFixed(0)} ms (${state})`);
  }

  await env.cloud.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
