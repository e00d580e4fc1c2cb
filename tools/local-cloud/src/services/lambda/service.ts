/**
 * Lambda: runs each function's built bundle (its `cdk.out` asset) in child-process
 * execution environments with the template's environment plus the local overlay,
 * its timeout and memory; `Invoke` over restJson with Lambda's wire format
 * (`X-Amz-Function-Error`, `X-Amz-Log-Result`, 202 for `Event`), asynchronous
 * invocations queued durably with retries and destinations; output shipped to each
 * function's log group.
 */
import type {
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  GetFunctionResponse,
  FunctionConfiguration,
  InvocationRequest,
  InvocationResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
} from '@aws-sdk/client-lambda';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Cloud } from '../../core/cloud';
import { AwsError, ResourceNotFoundError } from '../../core/errors';
import { jsonResponse } from '../../core/http/types';
import { placeholderValues } from '../../core/local-endpoints';
import { paginate } from '../../core/paginate';
import { ensureDir } from '../../core/persistence';
import { defineService, type ResolvedResource } from '../../core/service';
import { AsyncInvoker, DEFAULT_EVENT_INVOKE_CONFIG, type EventInvokeConfig } from './async-invoker';
import { functionConfig, parseFunctionName, type FunctionConfig } from './function-config';
import { LogShipper } from './log-shipper';
import { overlayFor, readOverrides, unusedRules, type Overrides } from './overrides';
import { FunctionPool, type InvocationRecord } from './pool';
import type { Outcome } from './sandbox';

/** Lambda's payload limits. */
const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
const ASYNC_PAYLOAD_LIMIT = 256 * 1024;

/** X-Ray trace header for one invocation. */
function traceId(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0;Lineage=1:0:0`;
}

/** The process environment Lambda gives a function, then the template's variables, then the overlay. */
function sandboxEnvironment(cloud: Cloud, fn: FunctionConfig, overlay: Readonly<Record<string, string>>): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: fn.codeDir,
    LAMBDA_RUNTIME_DIR: join(__dirname, 'runtime'),
    _HANDLER: fn.handler,
    AWS_REGION: cloud.config.region,
    AWS_DEFAULT_REGION: cloud.config.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    AWS_ENDPOINT_URL: cloud.endpoint,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroupName,
    AWS_LAMBDA_LOG_FORMAT: fn.logFormat,
    ...(fn.applicationLogLevel ? { AWS_LAMBDA_LOG_LEVEL: fn.applicationLogLevel } : {}),
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    // The local process runs Node 20 where Lambda runs 22; the SDK's notice about it is noise here.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...fn.environment,
    ...overlay,
  };
}

function platformLines(fn: FunctionConfig, r: InvocationRecord): string[] {
  const billed = Math.ceil(r.durationMs);
  const maxMemoryMb = Math.round(r.memoryBytes / 1024 / 1024);
  if (fn.logFormat === 'JSON') {
    const time = new Date().toISOString();
    return [
      JSON.stringify({ time, type: 'platform.runtimeDone', record: { requestId: r.requestId, status: r.ok ? 'success' : 'error', ...(r.errorType ? { errorType: r.errorType } : {}) } }),
      JSON.stringify({
        time,
        type: 'platform.report',
        record: {
          requestId: r.requestId,
          metrics: {
            durationMs: Number(r.durationMs.toFixed(2)),
            billedDurationMs: billed,
            memorySizeMB: fn.memoryMb,
            maxMemoryUsedMB: maxMemoryMb,
            ...(r.initMs !== undefined ? { initDurationMs: Number(r.initMs.toFixed(2)) } : {}),
          },
          status: r.ok ? 'success' : 'error',
        },
      }),
    ];
  }
  return [
    `END RequestId: ${r.requestId}`,
    `REPORT RequestId: ${r.requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${fn.memoryMb} MB\tMax Memory Used: ${maxMemoryMb} MB${r.initMs !== undefined ? `\tInit Duration: ${r.initMs.toFixed(2)} ms` : ''}`,
  ];
}

function startLine(fn: FunctionConfig, requestId: string): string {
  return fn.logFormat === 'JSON'
    ? JSON.stringify({ time: new Date().toISOString(), type: 'platform.start', record: { requestId, version: '$LATEST' } })
    : `START RequestId: ${requestId} Version: $LATEST`;
}

/** The API view of a function. */
function configurationOf(fn: FunctionConfig): FunctionConfiguration {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime as FunctionConfiguration['Runtime'],
    Handler: fn.handler,
    Description: fn.description,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memoryMb,
    Version: '$LATEST',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: fn.architectures as FunctionConfiguration['Architectures'],
    Environment: { Variables: { ...fn.environment } },
    LoggingConfig: { LogFormat: fn.logFormat, LogGroup: fn.logGroupName },
    ...(fn.deadLetterTargetArn ? { DeadLetterConfig: { TargetArn: fn.deadLetterTargetArn } } : {}),
  };
}

/** The Lambda service's `api` (console, bench, CLI). */
export interface LambdaApi {
  /** Every function, by name. */
  readonly functions: ReadonlyMap<string, FunctionPool>;
  /** Cold-start and init figures per function. */
  stats(): Record<string, FunctionPool['stats']>;
  /** Asynchronous invocations still queued. */
  queued(): number;
  /** Re-reads the overrides file. */
  reloadOverrides(): void;
}

export const lambdaService = defineService({
  name: 'lambda',
  signingName: 'lambda',
  protocol: 'restJson1',
  sdk: () => require('@aws-sdk/client-lambda'),
  resourceTypes: ['AWS::Lambda::Function', 'AWS::Lambda::EventInvokeConfig'],
  create: (cloud) => {
    const pools = new Map<string, FunctionPool>();
    const invokeConfigs = new Map<string, EventInvokeConfig>();
    const shipper = new LogShipper(cloud);
    let overrides: Overrides = readOverrides(cloud.config.overridesFile);
    const log = cloud.log.child('lambda');

    const poolOf = (functionName: string): FunctionPool => {
      const { name, qualifier } = parseFunctionName(functionName);
      const pool = pools.get(name);
      if (!pool || (qualifier !== undefined && qualifier !== '$LATEST' && !/^\d+$/.test(qualifier))) {
        throw new ResourceNotFoundError(
          `Function not found: arn:${cloud.config.partition}:lambda:${cloud.config.region}:${cloud.config.accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`,
          { fields: { Type: 'User' } },
        );
      }
      return pool;
    };

    const run = async (pool: FunctionPool, payload: string, requestId: string, options: { throttle: boolean; tail?: boolean }) => {
      const started = performance.now();
      const outcome = await pool.invoke(JSON.parse(payload) as unknown, { awsRequestId: requestId, invokedFunctionArn: pool.fn.arn, traceId: traceId() }, options);
      cloud.activity.record('lambda', 'invocation', `${pool.fn.name} ${outcome.ok ? 'ok' : outcome.error.errorType} in ${Math.round(performance.now() - started)} ms${outcome.coldStart ? ' (cold)' : ''}`, {
        function: pool.fn.name,
        requestId,
        ok: outcome.ok,
        coldStart: outcome.coldStart,
        durationMs: Math.round(outcome.durationMs * 100) / 100,
        ...(outcome.ok ? {} : { error: outcome.error }),
      });
      return outcome;
    };

    const asyncInvoker = new AsyncInvoker({
      cloud,
      run: (fn, payload, requestId): Promise<Outcome> => run(poolOf(fn), payload, requestId, { throttle: false }),
      config: (fn) => invokeConfigs.get(fn) ?? DEFAULT_EVENT_INVOKE_CONFIG,
      functionArn: (fn) => poolOf(fn).fn.arn,
      deadLetterArn: (fn) => pools.get(fn)?.fn.deadLetterTargetArn,
    });

    /**
     * The deployed code: a copy of the asset folder (named by its content hash) under the
     * data directory, as Lambda keeps its own copy of a deployed package — a rebuild that
     * rewrites cdk.out does not pull the code from under running sandboxes.
     */
    const deployedCode = (assetDir: string): string => {
      const dest = join(cloud.dataDir('lambda', 'code'), basename(assetDir));
      if (!existsSync(dest)) {
        const tmp = `${dest}.${process.pid}.tmp`;
        rmSync(tmp, { recursive: true, force: true });
        cpSync(assetDir, tmp, { recursive: true, dereference: true });
        renameSync(tmp, dest);
      }
      return dest;
    };

    const provisionFunction = (r: ResolvedResource) => {
      const template = functionConfig(r, cloud.config, (name, code) => {
        const dir = ensureDir(cloud.dataDir('lambda', 'inline', name));
        writeFileSync(join(dir, 'index.js'), code);
        return dir;
      });
      const fn = template.codeDir.startsWith(cloud.config.dataDir) ? template : { ...template, codeDir: deployedCode(template.codeDir) };
      const existing = pools.get(fn.name);
      if (existing) existing.reconfigure(fn);
      else {
        pools.set(
          fn.name,
          new FunctionPool(fn, {
            defaultConcurrency: cloud.config.lambdaConcurrency,
            idleMs: 10 * 60_000,
            environment: () => {
              const current = pools.get(fn.name)!.fn;
              return sandboxEnvironment(cloud, current, overlayFor(overrides, current, placeholderValues(cloud.endpoints)));
            },
            sink: (logStream) => {
              const write = shipper.writer(pools.get(fn.name)!.fn.logGroupName, logStream);
              return (line) => write(line);
            },
            onStart: (sandbox, requestId) => sandbox.log(startLine(pools.get(fn.name)!.fn, requestId)),
            onInvocation: (record, sandbox) => {
              for (const line of platformLines(pools.get(fn.name)!.fn, record)) sandbox.log(line);
            },
          }),
        );
      }
      return { ref: fn.name, arn: fn.arn, attributes: { Arn: fn.arn } };
    };

    const provisionInvokeConfig = (r: ResolvedResource) => {
      const p = r.properties as {
        FunctionName?: string;
        Qualifier?: string;
        MaximumRetryAttempts?: number;
        MaximumEventAgeInSeconds?: number;
        DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
      };
      const { name } = parseFunctionName(String(p.FunctionName ?? ''));
      invokeConfigs.set(name, {
        maximumRetryAttempts: p.MaximumRetryAttempts ?? DEFAULT_EVENT_INVOKE_CONFIG.maximumRetryAttempts,
        maximumEventAgeSeconds: p.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_INVOKE_CONFIG.maximumEventAgeSeconds,
        onSuccess: p.DestinationConfig?.OnSuccess?.Destination,
        onFailure: p.DestinationConfig?.OnFailure?.Destination,
      });
      return { ref: `${name}-${p.Qualifier ?? '$LATEST'}` };
    };

    const api: LambdaApi = {
      functions: pools,
      stats: () => Object.fromEntries([...pools].map(([name, pool]) => [name, pool.stats])),
      queued: () => asyncInvoker.queued,
      reloadOverrides: () => {
        overrides = readOverrides(cloud.config.overridesFile);
      },
    };

    return {
      api,
      routes: {
        /** `GET /_lambda/stats`: cold starts, init and start-up times per function (bench, console). */
        '/_lambda': async () => jsonResponse(200, api.stats()),
      },
      resources: {
        'AWS::Lambda::Function': provisionFunction,
        'AWS::Lambda::EventInvokeConfig': provisionInvokeConfig,
      },

      async start() {
        const functions = [...pools.values()].map((p) => p.fn);
        for (const pattern of unusedRules(overrides, functions)) {
          log.warn(`${overrides.file}: "${pattern}" selects no function of its stack (renamed?)`);
        }
        // Check every overlay now: an unknown placeholder is a start-up error, not a first-invoke one.
        for (const fn of functions) overlayFor(overrides, fn, placeholderValues(cloud.endpoints));
        await asyncInvoker.open(cloud.dataDir('lambda'));
        const resumed = asyncInvoker.resume();
        if (resumed > 0) log.info(`resuming ${resumed} queued asynchronous invocation(s)`);
      },

      async stop() {
        await asyncInvoker.close();
        await Promise.all([...pools.values()].map((p) => p.close()));
        await shipper.close();
      },

      operations: {
        Invoke: async (input: InvocationRequest, ctx): Promise<InvocationResponse> => {
          const pool = poolOf(input.FunctionName ?? '');
          const bytes = input.Payload ?? new Uint8Array();
          const type = input.InvocationType ?? 'RequestResponse';
          const limit = type === 'Event' ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
          if (bytes.byteLength > limit) {
            throw new AwsError('RequestTooLargeException', `Request must be smaller than ${limit} bytes for the ${type === 'Event' ? 'Event' : 'RequestResponse'} invocation type`, {
              statusCode: 413,
              fields: { Type: 'User' },
            });
          }
          const payload = bytes.byteLength === 0 ? '{}' : Buffer.from(bytes).toString('utf8');
          try {
            JSON.parse(payload);
          } catch (err) {
            throw new AwsError('InvalidRequestContentException', `Could not parse request body into json: ${(err as Error).message}`, {
              statusCode: 400,
              fields: { Type: 'User' },
            });
          }
          if (type === 'DryRun') return { StatusCode: 204 };
          if (type === 'Event') {
            await asyncInvoker.enqueue(pool.fn.name, payload);
            return { StatusCode: 202 };
          }
          const outcome = await run(pool, payload, ctx.requestId, { throttle: true, tail: input.LogType === 'Tail' });
          const logResult = outcome.logTail !== undefined ? Buffer.from(Buffer.from(outcome.logTail).subarray(-4096)).toString('base64') : undefined;
          const common = { StatusCode: 200, ExecutedVersion: '$LATEST', ...(logResult !== undefined ? { LogResult: logResult } : {}) };
          if (outcome.ok) {
            if (Buffer.byteLength(outcome.payload) > SYNC_PAYLOAD_LIMIT) {
              const error = { errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${SYNC_PAYLOAD_LIMIT} bytes).` };
              return { ...common, FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify(error)) };
            }
            return { ...common, Payload: Buffer.from(outcome.payload) };
          }
          const { errorType, errorMessage, trace } = outcome.error;
          return { ...common, FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify({ errorType, errorMessage, ...(trace && trace.length > 0 ? { trace } : {}) })) };
        },

        GetFunction: (input: GetFunctionRequest): GetFunctionResponse => {
          const pool = poolOf(input.FunctionName ?? '');
          return {
            Configuration: configurationOf(pool.fn),
            Code: { RepositoryType: 'S3', Location: `file://${pool.fn.codeDir}` },
            ...(pool.fn.reservedConcurrency !== undefined ? { Concurrency: { ReservedConcurrentExecutions: pool.fn.reservedConcurrency } } : {}),
          };
        },

        GetFunctionConfiguration: (input: GetFunctionConfigurationRequest): FunctionConfiguration => configurationOf(poolOf(input.FunctionName ?? '').fn),

        ListFunctions: (input: ListFunctionsRequest): ListFunctionsResponse => {
          const all = [...pools.values()].map((p) => configurationOf(p.fn)).sort((a, b) => a.FunctionName!.localeCompare(b.FunctionName!));
          const { page, next } = paginate(all, input.Marker, input.MaxItems ?? 50);
          return { Functions: page, ...(next ? { NextMarker: next } : {}) };
        },
      },
    };
  },
});
