import type { PutLogEventsRequest } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogOf } from '../../core/catalog';
import { LocalCloud } from '../../core/runtime';
import { defineService } from '../../core/service';
import { readAssembly, stackLoader } from '../../loader';
import type { LambdaApi } from './service';
import { lambdaService } from './service';

const shipped: PutLogEventsRequest[] = [];

/** A stand-in logs service recording what Lambda ships. */
const logsStandIn = defineService({
  name: 'logs',
  signingName: 'logs',
  protocol: 'awsJson1_1',
  targetPrefix: 'Logs_20140328',
  sdk: () => require('@aws-sdk/client-cloudwatch-logs'),
  resourceTypes: ['AWS::Logs::LogGroup'],
  create: () => ({
    resources: { 'AWS::Logs::LogGroup': (r) => ({ ref: r.physicalName(), attributes: { Arn: `arn:aws:logs:eu-west-1:000000000000:log-group:${r.physicalName()}:*` } }) },
    operations: {
      CreateLogStream: () => ({}),
      CreateLogGroup: () => ({}),
      PutLogEvents: (input: PutLogEventsRequest) => {
        shipped.push(input);
        return {};
      },
    },
  }),
});

const catalog = catalogOf({ lambda: lambdaService, logs: logsStandIn });

let cloud: LocalCloud;
let lambda: LambdaClient;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lc-lambda-'));
  const overridesFile = join(root, 'overrides.json');
  writeFileSync(
    overridesFile,
    JSON.stringify({
      functions: {
        echo: { environment: { OVERLAID: '${fakes.x}' } },
        'Fns/Recorder/*': { environment: { RECORD_FILE: '${dataDir}/recorded.ndjson' } },
      },
    }),
  );
  cloud = await LocalCloud.start(
    { workspaceRoot: root, port: 0, quiet: true, overridesFile, delayScale: 0.001 },
    { catalog, loader: stackLoader(readAssembly(join(__dirname, '__fixtures__', 'fns.out'))) },
  );
  lambda = new LambdaClient({ region: 'eu-west-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
});
afterAll(() => cloud.stop());

const invoke = async (name: string, event: unknown, extra: Partial<ConstructorParameters<typeof InvokeCommand>[0]> = {}) => {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), ...extra }));
  return { ...out, body: out.Payload ? (JSON.parse(Buffer.from(out.Payload).toString()) as Record<string, unknown>) : undefined };
};

describe('Invoke (RequestResponse)', () => {
  it('runs the bundle with the template environment, Lambda’s variables and the overlay; reuses the warm sandbox', async () => {
    const first = await invoke('echo', { hello: 'world' });
    expect(first.StatusCode).toBe(200);
    expect(first.FunctionError).toBeUndefined();
    expect(first.body).toMatchObject({
      event: { hello: 'world' },
      invocations: 1,
      functionName: 'echo',
      env: {
        AWS_ENDPOINT_URL: cloud.endpoint,
        AWS_LAMBDA_FUNCTION_NAME: 'echo',
        AWS_REGION: 'eu-west-1',
        TABLE_NAME: 'Fns',
        OVERLAID: cloud.endpoints.xApi,
        NODE_OPTIONS: '--enable-source-maps',
        TRACE: expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};/),
      },
      // The deployed copy of the asset, as Lambda keeps its own copy of the package.
      cwd: join(root, '.local-cloud', 'lambda', 'code', 'asset.fns'),
    });
    expect(first.body!['remaining']).toBeGreaterThan(4000);
    const second = await invoke('arn:aws:lambda:eu-west-1:000000000000:function:echo:$LATEST', { again: true });
    expect(second.body).toMatchObject({ invocations: 2, loadedAt: first.body!['loadedAt'] });
    expect(second.body!['requestId']).not.toBe(first.body!['requestId']);
  });

  it('answers a thrown error as Lambda does: 200, X-Amz-Function-Error, the error record', async () => {
    const out = await invoke('fail', { why: 'testing' });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(out.body).toMatchObject({ errorType: 'PurposefulError', errorMessage: 'failed on purpose: testing', trace: expect.any(Array) });
  });

  it('enforces the timeout by killing the sandbox, then starts a fresh one', async () => {
    const out = await invoke('slow', { ms: 5000 });
    expect(out.FunctionError).toBe('Unhandled');
    expect(out.body).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds/) });
    const ok = await invoke('slow', { ms: 10 });
    expect(ok.body).toBe('done' as unknown as Record<string, unknown>);
  });

  it('reports a runtime that exits, and supports callback handlers', async () => {
    const out = await invoke('crash', {});
    expect(out.FunctionError).toBe('Unhandled');
    expect(out.body).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: expect.stringContaining('exit status 3') });
    expect((await invoke('callback', { n: 7 })).body).toEqual({ viaCallback: 7 });
  });

  it('returns the log tail, and ships output and platform records to the function’s log group', async () => {
    const out = await invoke('echo', { tail: true }, { LogType: 'Tail' });
    const tail = Buffer.from(out.LogResult!, 'base64').toString();
    expect(tail).toContain('"type":"platform.start"');
    expect(tail).toContain('echo called');
    expect(tail).toContain('"type":"platform.report"');
    await new Promise((r) => setTimeout(r, 400));
    const lines = shipped.flatMap((s) => s.logEvents!.map((e) => ({ group: s.logGroupName, stream: s.logStreamName, message: e.message! })));
    const ours = lines.filter((l) => l.message.includes('powertools-style line'));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours[0]!.group).toMatch(/^Fns-Logs-/);
    expect(ours[0]!.stream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const consoleRecord = lines.find((l) => l.message.includes('echo called'));
    expect(JSON.parse(consoleRecord!.message)).toMatchObject({ level: 'INFO', requestId: expect.any(String), message: expect.stringContaining('echo called') });
  });

  it('throttles synchronous calls beyond reserved concurrency with 429', async () => {
    const slow = lambda.send(new InvokeCommand({ FunctionName: 'reserved', Payload: Buffer.from('{"ms":800}') }));
    await new Promise((r) => setTimeout(r, 300));
    const noRetries = new LambdaClient({ region: 'eu-west-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    await expect(noRetries.send(new InvokeCommand({ FunctionName: 'reserved', Payload: Buffer.from('{"ms":1}') }))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
    expect((await slow).StatusCode).toBe(200);
  });

  it('refuses unknown functions and bad payloads with Lambda’s errors', async () => {
    await expect(invoke('nope', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{not json') }))).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: Buffer.alloc(300 * 1024, 32) }))).rejects.toMatchObject({
      name: 'RequestTooLargeException',
      $metadata: { httpStatusCode: 413 },
    });
  });
});

describe('Invoke (Event)', () => {
  it('answers 202, retries per EventInvokeConfig, then sends Lambda’s invocation record to the on-failure destination', async () => {
    const attempts = join(root, 'attempts.ndjson');
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'fail', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ why: 'async', record: attempts })) }));
    expect(out.StatusCode).toBe(202);
    const recorded = join(root, '.local-cloud', 'recorded.ndjson');
    for (let i = 0; i < 100 && !existsSync(recorded); i++) await new Promise((r) => setTimeout(r, 50));
    const [record] = readFileSync(recorded, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 2, functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:fail:$LATEST' },
      requestPayload: { why: 'async', record: attempts },
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      responsePayload: { errorType: 'PurposefulError', errorMessage: 'failed on purpose: async' },
    });
    expect(readFileSync(attempts, 'utf8').trim().split('\n')).toHaveLength(2);
    const api = cloud.instance('lambda')!.api as LambdaApi;
    for (let i = 0; i < 50 && api.queued() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(api.queued()).toBe(0);
  });
});

describe('control plane', () => {
  it('describes and lists functions', async () => {
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    expect(fn.Configuration).toMatchObject({ FunctionName: 'echo', Runtime: 'nodejs22.x', Timeout: 5, MemorySize: 256, LoggingConfig: { LogFormat: 'JSON' } });
    const list = await lambda.send(new ListFunctionsCommand({}));
    expect(list.Functions?.map((f) => f.FunctionName)).toEqual(['callback', 'crash', 'echo', 'fail', 'recorder', 'reserved', 'slow']);
    const stats = (cloud.instance('lambda')!.api as LambdaApi).stats();
    expect(stats['echo']!.coldStarts).toBe(1);
    expect(stats['echo']!.warmStarts).toBeGreaterThanOrEqual(2);
  });
});
