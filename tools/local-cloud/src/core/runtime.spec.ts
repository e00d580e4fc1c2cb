import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ListTopicsCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { toyCatalog, type ToyState } from './__testing__/toy-services';
import { LocalCloud } from './runtime';

const state: ToyState = { events: [], objects: new Map(), published: [], contexts: [] };
let cloud: LocalCloud;
const client = { region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
let config: typeof client & { endpoint: string };

beforeAll(async () => {
  cloud = await LocalCloud.start(
    { workspaceRoot: mkdtempSync(join(tmpdir(), 'lc-core-')), port: 0, quiet: true },
    { catalog: toyCatalog(state) },
  );
  config = { ...client, endpoint: cloud.endpoint };
});
afterAll(() => cloud.stop());

describe('awsJson 1.1 (EventBridge client)', () => {
  it('decodes timestamps into Dates and answers the SDK output shape', async () => {
    const eb = new EventBridgeClient(config);
    const out = await eb.send(
      new PutEventsCommand({ Entries: [{ Source: 'TEST', DetailType: 'T', Detail: '{"a":1}', Time: new Date('2024-05-01T10:00:00Z') }] }),
    );
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries).toEqual([{ EventId: 'id-0' }]);
    const got = state.events.at(-1)!;
    expect(got.Entries![0]!.Time).toEqual(new Date('2024-05-01T10:00:00Z'));
    expect(state.contexts.at(-1)!.http?.headers['x-amz-target']).toBe('AWSEvents.PutEvents');
    expect(state.contexts.at(-1)!.region).toBe('eu-west-1');
  });

  it('answers errors with __type so the SDK throws the named exception', async () => {
    const eb = new EventBridgeClient(config);
    const entries = Array.from({ length: 11 }, () => ({ Source: 'S', DetailType: 'D', Detail: '{}' }));
    await expect(eb.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'At most 10 entries',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers NotImplemented (501) naming an operation the local cloud lacks', async () => {
    const res = await fetch(cloud.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.ListApiDestinations', 'content-type': 'application/x-amz-json-1.1', authorization: sigv4('events') },
      body: '{}',
    });
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({ __type: 'NotImplemented', message: expect.stringMatching(/events\.ListApiDestinations is not supported.*PutEvents/) });
  });
});

describe('awsJson 1.0 (Step Functions client)', () => {
  it('encodes Dates as epoch seconds the SDK reads back', async () => {
    const sfn = new SFNClient(config);
    const out = await sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:x' }));
    expect(out.startDate).toEqual(new Date('2024-05-01T10:00:00.250Z'));
    expect(out.status).toBe('SUCCEEDED');
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: 'missing' }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});

describe('restJson1 (Lambda client)', () => {
  const lambda = () => new LambdaClient(config);

  it('routes by path, binds labels/query/headers and returns the raw payload', async () => {
    const out = await lambda().send(new InvokeCommand({ FunctionName: 'fn', Qualifier: '$LATEST', Payload: Buffer.from('{"x":1}') }));
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toEqual({ echo: { x: 1 }, qualifier: '$LATEST' });
  });

  it('carries X-Amz-Function-Error and the async 202', async () => {
    const failed = await lambda().send(new InvokeCommand({ FunctionName: 'fn', Payload: Buffer.from('{"fail":true}') }));
    expect(failed.FunctionError).toBe('Unhandled');
    const queued = await lambda().send(new InvokeCommand({ FunctionName: 'fn', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    expect(queued.StatusCode).toBe(202);
  });

  it('answers modelled errors with their httpError status and x-amzn-ErrorType', async () => {
    await expect(lambda().send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
      Type: 'User',
    });
    const fn = await lambda().send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:f' }));
    expect(fn.Configuration?.FunctionName).toBe('arn:aws:lambda:eu-west-1:000000000000:function:f');
  });
});

describe('restXml (S3 client)', () => {
  const s3 = () => new S3Client({ ...config, forcePathStyle: true });

  it('puts and gets objects with metadata headers, including aws-chunked streaming uploads', async () => {
    await s3().send(new PutObjectCommand({ Bucket: 'b', Key: 'dir/a.txt', Body: 'hello', ContentType: 'text/plain', Metadata: { who: 'me' } }));
    const stream = Readable.from([Buffer.from('streamed '), Buffer.from('bytes')]);
    await s3().send(new PutObjectCommand({ Bucket: 'b', Key: 'dir/b.bin', Body: stream, ContentLength: 14 }));
    const a = await s3().send(new GetObjectCommand({ Bucket: 'b', Key: 'dir/a.txt' }));
    expect(await a.Body!.transformToString()).toBe('hello');
    expect(a.ContentType).toBe('text/plain');
    expect(a.Metadata).toEqual({ who: 'me' });
    expect(state.objects.get('b/dir/b.bin')!.body.toString()).toBe('streamed bytes');
  });

  it('lists with the XML shape and answers NoSuchKey as S3 does', async () => {
    const list = await s3().send(new ListObjectsV2Command({ Bucket: 'b', Prefix: 'dir/' }));
    expect(list.Contents?.map((c) => c.Key).sort()).toEqual(['dir/a.txt', 'dir/b.bin']);
    expect(list.Contents?.[0]?.LastModified).toEqual(new Date('2024-05-01T10:00:00Z'));
    await expect(s3().send(new GetObjectCommand({ Bucket: 'b', Key: 'nope' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('awsQuery (SNS client)', () => {
  it('decodes form maps and answers the XML envelope', async () => {
    const sns = new SNSClient(config);
    const out = await sns.send(
      new PublishCommand({
        TopicArn: 'arn:aws:sns:eu-west-1:000000000000:t',
        Message: 'hi & bye',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'alert' } },
      }),
    );
    expect(out.MessageId).toBe('m-1');
    expect(state.published.at(-1)).toEqual({
      TopicArn: 'arn:aws:sns:eu-west-1:000000000000:t',
      Message: 'hi & bye',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'alert' } },
    });
    const topics = await sns.send(new ListTopicsCommand({}));
    expect(topics.Topics?.map((t) => t.TopicArn)).toHaveLength(2);
  });

  it('answers the awsQueryError code and status', async () => {
    const sns = new SNSClient(config);
    await expect(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:missing', Message: 'x' }))).rejects.toMatchObject({
      name: 'NotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('in-process send', () => {
  it('calls a service with the SDK command, no HTTP, streaming bodies as the SDK gives them', async () => {
    await cloud.send(new PutObjectCommand({ Bucket: 'b', Key: 'in-process', Body: 'direct' }));
    const got = await cloud.send(new GetObjectCommand({ Bucket: 'b', Key: 'in-process' }));
    expect(await got.Body!.transformToString()).toBe('direct');
    expect(got.$metadata.httpStatusCode).toBe(200);
    expect(state.contexts.length).toBeGreaterThan(0);
    await expect(cloud.send(new GetObjectCommand({ Bucket: 'b', Key: 'missing' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});

describe('HTTP/2', () => {
  it('serves h2c with prior knowledge on the same port (the SDK’s HTTP/2 handler, e.g. Lex runtime)', async () => {
    const session = connect(cloud.endpoint);
    try {
      const body = JSON.stringify({ Entries: [{ Source: 'H2', DetailType: 'T', Detail: '{}' }] });
      const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = session.request({
          ':method': 'POST',
          ':path': '/',
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSEvents.PutEvents',
          authorization: sigv4('events'),
        });
        let status = 0;
        let text = '';
        req.on('response', (h) => (status = Number(h[':status'])));
        req.on('data', (d: Buffer) => (text += d.toString()));
        req.on('end', () => resolve({ status, text }));
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(200);
      expect(JSON.parse(text)).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: 'id-0' }] });
      expect(state.events.at(-1)!.Entries![0]!.Source).toBe('H2');
    } finally {
      session.close();
    }
  });
});

describe('routing', () => {
  it('refuses a request no service claims, and reports health', async () => {
    const res = await fetch(`${cloud.endpoint}/whatever`, { headers: { authorization: sigv4('kinesis') } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnrecognizedClientException', message: expect.stringContaining('kinesis') });
    const health = await (await fetch(`${cloud.endpoint}/_localcloud/health`)).json();
    expect(health).toMatchObject({ ready: true, region: 'eu-west-1', services: expect.arrayContaining(['events', 's3']) });
  });
});

function sigv4(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20240501/eu-west-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;
}
