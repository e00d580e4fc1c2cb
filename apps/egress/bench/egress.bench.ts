/**
 * Egress benchmark: drives the real delivery (twitter-api-v2 signing, Powertools
 * Idempotency, contract validation) against a fake X on a local port, with the
 * AWS calls answered in memory, and prints p50/p99 latency and throughput of
 * a first post, of a duplicate (answered from the idempotency store), and of
 * an image reply (v2 media upload + post).
 *
 *   npx nx run egress:bench        (or: npx tsx apps/egress/bench/egress.bench.ts)
 *
 * Real X and DynamoDB add tens of ms per call; what this measures is our own
 * overhead, as a regression signal and a ratio.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { SECRET_NAMES, type SendReply } from '@sma/contracts';
import { busEvent, exampleDetail, tsdocExamples } from '@sma/contracts/testing';
import commands from '../src/__fixtures__/commands.json';
import { FakePlatforms } from '../src/__testing__/fake-platforms';
import { FakeIdempotencyTable } from '../src/__testing__/idempotency-table';
import { egressConfig } from '../src/config';
import { egressDeps } from '../src/handlers/egress';
import { createReplyDelivery } from '../src/reply-delivery';

process.env['POWERTOOLS_LOG_LEVEL'] ??= 'SILENT';
process.env['AWS_REGION'] ??= 'eu-west-1';
process.env['AWS_ACCESS_KEY_ID'] ??= 'bench';
process.env['AWS_SECRET_ACCESS_KEY'] ??= 'bench';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

async function measure(label: string, runs: number, once: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 20; i++) await once(-1 - i);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await once(i);
    times.push(performance.now() - t);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`${label.padEnd(40)} p50 ${p(0.5).padStart(6)} ms  p99 ${p(0.99).padStart(6)} ms  ${Math.round(runs / (total / 1000)).toString().padStart(5)}/s`);
}

async function main(): Promise<void> {
  const platforms = await new FakePlatforms().start();
  const [twitterSecret] = tsdocExamples('secrets.ts');
  mockClient(EventBridgeClient).on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });
  mockClient(SecretsManagerClient).on(GetSecretValueCommand, { SecretId: SECRET_NAMES.twitter }).resolves({ SecretString: JSON.stringify(twitterSecret) });
  const image = Buffer.alloc(400 * 1024, 7);
  mockClient(S3Client)
    .on(GetObjectCommand)
    .callsFake(() => ({ Body: { transformToByteArray: async () => new Uint8Array(image) } as unknown as GetObjectCommandOutput['Body'], ContentLength: image.length }));
  new FakeIdempotencyTable('bench-table', mockClient(DynamoDBClient));
  const config = egressConfig({ IDEMPOTENCY_TABLE: 'bench-table', DEAD_LETTER_QUEUE_URL: 'https://sqs.local/dlq', TWITTER_API_BASE_URL: platforms.base });
  const deliver = createReplyDelivery(
    egressDeps(config, {
      eventBridge: new EventBridgeClient({}),
      s3: new S3Client({}),
      sqs: new SQSClient({}),
      dynamoDb: new DynamoDBClient({}),
      secretsManager: new SecretsManagerClient({}),
      fetch,
    }),
  );
  const text = (i: number): SendReply => ({ ...(commands.twitterText as SendReply), CommandId: `REPLY-TWITTER-${1_000_000 + i}`, MessageId: `TWITTER-${1_000_000 + i}` });
  const withImage = (i: number): SendReply => ({ ...exampleDetail('SEND_REPLY'), CommandId: `REPLY-TWITTER-${2_000_000 + i}`, MessageId: `TWITTER-${2_000_000 + i}` });

  console.log('egress delivery, fake X on a local port, AWS in memory');
  await measure('text reply (first delivery)', 400, (i) => deliver(busEvent('SEND_REPLY', text(i)), context));
  await measure('duplicate (from the idempotency store)', 400, (i) => deliver(busEvent('SEND_REPLY', text(Math.max(0, i))), context));
  await measure('image reply (400 KB, v2 upload + post)', 100, (i) => deliver(busEvent('SEND_REPLY', withImage(i)), context));
  const tweets = platforms.callsTo('POST', '/2/tweets').length;
  console.log(`posts made: ${tweets} for ${400 + 400 + 100 + 60} deliveries (duplicates post nothing)`);
  await platforms.stop();
}

void main();
