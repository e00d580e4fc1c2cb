import { FirehoseClient, PutRecordBatchCommand, PutRecordCommand, DescribeDeliveryStreamCommand, ResourceNotFoundException } from '@aws-sdk/client-firehose';
import type { InvocationRequest, InvocationResponse } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { FirehoseTransformationEvent, FirehoseTransformationResult } from 'aws-lambda';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { lambdaStub, startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { s3Service } from '../s3';
import { firehoseService, type FirehoseInstance } from './index';

/** The lake's transform as a Lambda: one JSON line per event, partitioned by detail-type and day. */
function transform(event: FirehoseTransformationEvent): FirehoseTransformationResult {
  return {
    records: event.records.map((r): FirehoseTransformationResult['records'][number] => {
      const text = Buffer.from(r.data, 'base64').toString('utf8');
      let parsed: { 'detail-type'?: string; time?: string; drop?: boolean };
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        return { recordId: r.recordId, result: 'ProcessingFailed' as const, data: r.data };
      }
      if (parsed.drop) return { recordId: r.recordId, result: 'Dropped' as const, data: r.data };
      const keys: Record<string, string> = parsed['detail-type'] === 'NO_KEYS' ? {} : { detail_type: parsed['detail-type']!, dt: parsed.time!.slice(0, 10) };
      return { recordId: r.recordId, result: 'Ok' as const, data: Buffer.from(`${JSON.stringify(parsed)}\n`).toString('base64'), metadata: { partitionKeys: keys } };
    }),
  };
}

let failInvocations = 0;
const invocations: FirehoseTransformationEvent[] = [];
const lambda = lambdaStub((input: InvocationRequest): InvocationResponse => {
  const event = JSON.parse(Buffer.from(input.Payload!).toString()) as FirehoseTransformationEvent;
  invocations.push(event);
  if (failInvocations > 0) {
    failInvocations--;
    return { StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify({ errorType: 'Error', errorMessage: 'transform crashed' })) };
  }
  return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(transform(event))) };
});

let env: TestCloud;
let firehose: FirehoseClient;
let s3: S3Client;
const LAKE = 'sma-lake';
const STREAM_PROPS = {
  DeliveryStreamType: 'DirectPut',
  DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
  ExtendedS3DestinationConfiguration: {
    BucketARN: `arn:aws:s3:::${LAKE}`,
    RoleARN: 'arn:aws:iam::000000000000:role/firehose',
    Prefix: 'events/detail_type=!{partitionKeyFromLambda:detail_type}/dt=!{partitionKeyFromLambda:dt}/',
    ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
    BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 64 },
    CompressionFormat: 'GZIP',
    FileExtension: '.json.gz',
    DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } },
    ProcessingConfiguration: {
      Enabled: true,
      Processors: [
        {
          Type: 'Lambda',
          Parameters: [
            { ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:eu-west-1:000000000000:function:transform' },
            { ParameterName: 'BufferSizeInMBs', ParameterValue: '1' },
            { ParameterName: 'BufferIntervalInSeconds', ParameterValue: '60' },
            { ParameterName: 'NumberOfRetries', ParameterValue: '3' },
          ],
        },
      ],
    },
    S3BackupMode: 'Disabled',
  },
};

const event = (detailType: string, i: number, extra: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ id: `e-${i}`, 'detail-type': detailType, time: '2024-05-01T10:00:00Z', detail: { n: i }, ...extra }));

async function objects(prefix: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: LAKE, Prefix: prefix }));
  for (const o of listed.Contents ?? []) {
    const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: LAKE, Key: o.Key }))).Body!.transformToByteArray());
    out[o.Key!] = o.Key!.endsWith('.gz') ? gunzipSync(body).toString('utf8') : body.toString('utf8');
  }
  return out;
}

const instance = () => env.cloud.instance('firehose') as FirehoseInstance;

beforeAll(async () => {
  env = await startTestCloud([s3Service, lambda, firehoseService]);
  firehose = new FirehoseClient(env.client);
  s3 = new S3Client({ ...env.client, forcePathStyle: true });
  await env.provision('AWS::S3::Bucket', 'Lake', { BucketName: LAKE });
  await env.provision('AWS::KinesisFirehose::DeliveryStream', 'Stream', STREAM_PROPS, 'Analytics');
});
afterAll(() => env.dispose());

describe('Firehose to the lake', () => {
  it('runs the processor with the real event shape and writes partitioned, gzipped objects named as Firehose names them', async () => {
    const [name] = (await env.cloud.call('firehose', 'ListDeliveryStreams', {})).DeliveryStreamNames as string[];
    expect(name).toMatch(/^Analytics-Stream-[A-Z0-9]{13}$/);
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    expect(DeliveryStreamDescription).toMatchObject({ DeliveryStreamStatus: 'ACTIVE', DeliveryStreamType: 'DirectPut', Destinations: [{ DestinationId: 'destinationId-000000000001' }] });
    const out = await firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: name,
        Records: [event('MESSAGE_RECEIVED', 1), event('MESSAGE_ANALYSED', 2), event('MESSAGE_RECEIVED', 3), event('X', 4, { drop: true })].map((Data) => ({ Data })),
      }),
    );
    expect(out).toMatchObject({ FailedPutCount: 0, Encrypted: true });
    expect(out.RequestResponses).toHaveLength(4);
    await instance().flush();
    const written = await objects('events/');
    const keys = Object.keys(written).sort();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(new RegExp(`^events/detail_type=MESSAGE_ANALYSED/dt=2024-05-01/${name}-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.json\\.gz$`));
    expect(written[keys[1]!]!.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['e-1', 'e-3']);
    const invocation = invocations.at(-1)!;
    expect(invocation).toMatchObject({ deliveryStreamArn: `arn:aws:firehose:eu-west-1:000000000000:deliverystream/${name}`, region: 'eu-west-1' });
    expect(invocation.records[0]).toEqual({ recordId: out.RequestResponses![0]!.RecordId, approximateArrivalTimestamp: expect.any(Number), data: event('MESSAGE_RECEIVED', 1).toString('base64') });
  });

  it('sends ProcessingFailed records and records missing partition keys to the error prefix, keeping the rest', async () => {
    const [name] = (await env.cloud.call('firehose', 'ListDeliveryStreams', {})).DeliveryStreamNames as string[];
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from('{not json') } }));
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: event('NO_KEYS', 5) } }));
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: event('SEND_REPLY', 6) } }));
    await instance().flush();
    const errors = await objects('errors/');
    const byType = (type: string) =>
      Object.entries(errors)
        .filter(([k]) => k.startsWith(`errors/${type}/dt=`))
        .flatMap(([, v]) => v.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
    expect(byType('processing-failed')).toEqual([
      expect.objectContaining({ errorCode: 'Lambda.ProcessingFailed', rawData: Buffer.from('{not json').toString('base64'), attemptsMade: 1, lambdaArn: expect.stringContaining('function:transform') }),
    ]);
    expect(byType('partitioning-failed')).toEqual([expect.objectContaining({ errorCode: 'DynamicPartitioning.MetadataExtractionFailed' })]);
    expect(Object.keys(await objects('events/detail_type=SEND_REPLY/'))).toHaveLength(1);
  });

  it('retries a failing processor NumberOfRetries times, then fails the batch to the error prefix', async () => {
    const [name] = (await env.cloud.call('firehose', 'ListDeliveryStreams', {})).DeliveryStreamNames as string[];
    failInvocations = 10;
    const before = invocations.length;
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: event('MESSAGE_RECEIVED', 7) } }));
    await instance().flush();
    failInvocations = 0;
    expect(invocations.length - before).toBe(4);
    const failed = Object.values(await objects('errors/processing-failed/')).flatMap((v) => v.trim().split('\n').map((l) => JSON.parse(l) as { errorCode: string; errorMessage: string }));
    expect(failed.some((f) => f.errorCode === 'Lambda.FunctionError' && f.errorMessage.includes('transform crashed'))).toBe(true);
  });

  it('flushes by the buffering interval on its own, and keeps accepted records across a restart', async () => {
    const [name] = (await env.cloud.call('firehose', 'ListDeliveryStreams', {})).DeliveryStreamNames as string[];
    // delayScale 0.01: 60 s of processor buffer + 60 s of destination buffer become 1.2 s.
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: event('TIMED', 8) } }));
    await new Promise((r) => setTimeout(r, 2000));
    expect(Object.keys(await objects('events/detail_type=TIMED/'))).toHaveLength(1);

    await firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: event('DURABLE', 9) } }));
    env = await env.restart(); // stop flushes; the new process must not deliver it again
    s3 = new S3Client({ ...env.client, forcePathStyle: true });
    firehose = new FirehoseClient(env.client);
    await env.provision('AWS::S3::Bucket', 'Lake', { BucketName: LAKE });
    await env.provision('AWS::KinesisFirehose::DeliveryStream', 'Stream', STREAM_PROPS, 'Analytics');
    await (env.cloud.instance('firehose') as FirehoseInstance).flush();
    const durable = await objects('events/detail_type=DURABLE/');
    expect(Object.values(durable).join('').trim().split('\n')).toHaveLength(1);

    // A crash after the 200 and before the write: the accepted record is only in the journal.
    await env.cloud.stop();
    const journal = join(env.dataDir, 'firehose', name!, 'records.ndjson');
    appendFileSync(journal, `${JSON.stringify({ k: 'in', id: '9'.repeat(56), t: Date.now(), d: event('CRASHED', 10).toString('base64') })}\n`);
    env = await startTestCloud([s3Service, lambda, firehoseService], env.dataDir);
    s3 = new S3Client({ ...env.client, forcePathStyle: true });
    firehose = new FirehoseClient(env.client);
    await env.provision('AWS::S3::Bucket', 'Lake', { BucketName: LAKE });
    await env.provision('AWS::KinesisFirehose::DeliveryStream', 'Stream', STREAM_PROPS, 'Analytics');
    await (env.cloud.instance('firehose') as FirehoseInstance).flush();
    expect(Object.values(await objects('events/detail_type=CRASHED/')).join('')).toContain('"id":"e-10"');
  });

  it('refuses bad input and unknown streams clearly', async () => {
    await expect(firehose.send(new PutRecordCommand({ DeliveryStreamName: 'nope', Record: { Data: Buffer.from('x') } }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const [name] = (await env.cloud.call('firehose', 'ListDeliveryStreams', {})).DeliveryStreamNames as string[];
    await expect(firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.alloc(1_024_001) } }))).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    await expect(
      env.provision('AWS::KinesisFirehose::DeliveryStream', 'Bad', { ExtendedS3DestinationConfiguration: { ...STREAM_PROPS.ExtendedS3DestinationConfiguration, ErrorOutputPrefix: undefined } }),
    ).rejects.toThrow('ErrorOutputPrefix cannot be null or empty');
    await expect(
      env.provision('AWS::KinesisFirehose::DeliveryStream', 'Snappy', { ExtendedS3DestinationConfiguration: { BucketARN: `arn:aws:s3:::${LAKE}`, CompressionFormat: 'Snappy' } }),
    ).rejects.toThrow('Snappy compression is not supported by the local cloud');
  });
});
