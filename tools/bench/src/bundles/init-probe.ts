import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { MeasurementError } from '../errors';

/**
 * The child's program: load the bundle the way the Lambda runtime does (one
 * `require` of the handler module), time it, check the handler export, and
 * report. `performance.now()` counts from the process's start, so `readyMs`
 * is Node's own start-up plus the module's init.
 */
const PROBE = `
const { performance } = require('node:perf_hooks');
const start = performance.now();
let error;
try {
  const loaded = require(process.env.SMA_BENCH_BUNDLE);
  if (typeof loaded[process.env.SMA_BENCH_EXPORT] !== 'function') error = 'the bundle exports no function ' + process.env.SMA_BENCH_EXPORT;
} catch (e) {
  error = String((e && e.stack) || e).split('\\n').slice(0, 3).join(' | ');
}
const end = performance.now();
const files = Object.keys(require.cache);
process.stdout.write(JSON.stringify({
  initMs: end - start,
  readyMs: end,
  modules: files.length,
  fromNodeModules: files.filter((f) => f.includes('/node_modules/')).length,
  error,
}) + '\\n');
process.exit(error ? 1 : 0);
`;

export interface InitSample {
  /** Time of the handler module's `require`, what Lambda reports as most of "Init Duration". */
  readonly initMs: number;
  /** From process start to the handler being loaded. */
  readonly readyMs: number;
  /** Module files loaded (1 for a self-contained bundle; more when packages resolve from `node_modules`). */
  readonly modules: number;
  readonly fromNodeModules: number;
}

export interface ProbeTarget {
  readonly bundlePath: string;
  /** The handler's export name (`handler` of `twitter.handler`). */
  readonly exportName: string;
  /** The function's environment as deployed (template variables, `NODE_OPTIONS` included). */
  readonly environment: Readonly<Record<string, string>>;
  readonly memoryMb: number;
  readonly functionName: string;
}

/** The variables the Lambda runtime sets for every function, with harmless credentials. */
export function lambdaEnvironment(target: ProbeTarget, region: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: target.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(target.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${target.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2025/01/01/[$LATEST]00000000000000000000000000000000',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key',
    AWS_SESSION_TOKEN: 'bench-session-token',
    AWS_EC2_METADATA_DISABLED: 'true',
    LAMBDA_TASK_ROOT: dirname(target.bundlePath),
    _HANDLER: `${target.functionName}.${target.exportName}`,
    ...target.environment,
  };
}

/** One cold load of the bundle in a fresh Node process. */
export function probeInit(target: ProbeTarget, region: string, overrides: Readonly<Record<string, string>> = {}): InitSample {
  const env = { ...lambdaEnvironment(target, region), ...overrides, SMA_BENCH_BUNDLE: target.bundlePath, SMA_BENCH_EXPORT: target.exportName };
  const child = spawnSync(process.execPath, ['-e', PROBE], { env, encoding: 'utf8', timeout: 60_000, cwd: dirname(target.bundlePath) });
  const line = child.stdout?.trim().split('\n').pop() ?? '';
  let report: InitSample & { error?: string };
  try {
    report = JSON.parse(line) as InitSample & { error?: string };
  } catch (error) {
    throw new MeasurementError(target.bundlePath, `no report (exit ${child.status}): ${child.stderr?.slice(0, 500)}`, { cause: error });
  }
  if (report.error) throw new MeasurementError(target.bundlePath, `failed at init: ${report.error}`);
  return { initMs: report.initMs, readyMs: report.readyMs, modules: report.modules, fromNodeModules: report.fromNodeModules };
}
