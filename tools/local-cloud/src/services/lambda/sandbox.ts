/**
 * One execution environment: a Node child process running `runtime/bootstrap.cjs`
 * with the function's environment, cwd in its code folder and heap capped at its
 * memory size. It serves one invocation at a time; a timeout or a crash kills it
 * (the next invocation gets a fresh one, as in Lambda).
 *
 * Why child processes rather than worker threads: a Lambda's `NODE_OPTIONS`
 * (`--enable-source-maps`), `NODE_EXTRA_CA_CERTS`, process-wide environment,
 * `process.exit`, native modules and memory limit all behave as in Lambda only in a
 * process of their own; worker threads share the parent's CA store and options.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FunctionConfig } from './function-config';

export interface ErrorRecord {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export type Outcome =
  | { readonly ok: true; readonly payload: string; readonly durationMs: number; readonly memoryBytes: number }
  | { readonly ok: false; readonly error: ErrorRecord; readonly durationMs: number; readonly memoryBytes: number; readonly fatal: boolean };

export interface InvokeContext {
  readonly awsRequestId: string;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  readonly clientContext?: unknown;
}

/** Where a sandbox's output lines go (the function's log group). */
export type LineSink = (line: string, stream: 'stdout' | 'stderr') => void;

const BOOTSTRAP = join(__dirname, 'runtime', 'bootstrap.cjs');

type Message =
  | { type: 'booted' }
  | { type: 'ready'; initMs: number }
  | { type: 'init-error'; error: ErrorRecord; initMs: number }
  | { type: 'result'; id: number; ok: true; payload: string; durationMs: number; memory: number }
  | { type: 'result'; id: number; ok: false; error: ErrorRecord; durationMs: number; memory: number }
  | { type: 'fatal'; error: ErrorRecord };

/** `2024/05/01/[$LATEST]0123…`: a log stream per execution environment, as Lambda names them. */
function logStreamName(): string {
  const d = new Date();
  const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

export class Sandbox {
  /** Milliseconds the handler module took to load (the init phase). */
  initMs = 0;
  /** Milliseconds from spawn to ready (process start + init). */
  coldStartMs = 0;
  invocations = 0;
  lastUsed = Date.now();
  private child: ChildProcess | undefined;
  private nextId = 1;
  private pending: { id: number; resolve: (o: Outcome) => void; timer: NodeJS.Timeout; started: number } | undefined;
  private dead = false;
  /** The init error, when the handler module failed to load: every invocation answers it. */
  initError: ErrorRecord | undefined;

  /** Lines written during the current invocation (for `LogType: Tail`). */
  private capture: string[] | undefined;

  private constructor(
    readonly fn: FunctionConfig,
    private readonly sink: LineSink,
    readonly logStream: string,
  ) {}

  /** Writes a line to the sandbox's log stream (platform records use it too). */
  log(line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    this.capture?.push(line);
    this.sink(line, stream);
  }

  /** Starts collecting the lines of an invocation; returns the function that stops and returns them. */
  captureLines(): () => string[] {
    const lines: string[] = [];
    this.capture = lines;
    return () => {
      if (this.capture === lines) this.capture = undefined;
      return lines;
    };
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Spawns the process and loads the handler; resolves when ready (or when init failed). */
  static async start(fn: FunctionConfig, env: Readonly<Record<string, string>>, sinkFor: (logStream: string) => LineSink): Promise<Sandbox> {
    const logStream = logStreamName();
    const sandbox = new Sandbox(fn, sinkFor(logStream), logStream);
    const started = performance.now();
    const child = fork(BOOTSTRAP, [], {
      cwd: fn.codeDir,
      env: { ...env, AWS_LAMBDA_LOG_STREAM_NAME: sandbox.logStream },
      execArgv: [`--max-old-space-size=${Math.max(64, fn.memoryMb)}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    sandbox.child = child;
    for (const [stream, name] of [
      [child.stdout!, 'stdout'],
      [child.stderr!, 'stderr'],
    ] as const) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => sandbox.log(line, name));
    }
    child.on('message', (m: Message) => sandbox.onMessage(m));
    child.on('exit', (code, signal) => sandbox.onExit(code, signal));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: Message) => {
        if (m.type === 'booted') {
          child.send({ type: 'init', handler: fn.handler, taskRoot: fn.codeDir });
        } else if (m.type === 'ready' || m.type === 'init-error') {
          child.off('message', onMessage);
          child.off('exit', onExit);
          sandbox.initMs = m.initMs;
          if (m.type === 'init-error') sandbox.initError = m.error;
          resolve();
        }
      };
      const onExit = (code: number | null) => reject(new Error(`The runtime of ${fn.name} exited during init (code ${code})`));
      // A spawn failure (no code folder any more, no node) is an 'error' event: fail this start, not the process.
      child.once('error', (err) => {
        sandbox.dead = true;
        reject(new Error(`The runtime of ${fn.name} could not start in ${fn.codeDir}: ${err.message}`));
      });
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
    sandbox.coldStartMs = performance.now() - started;
    return sandbox;
  }

  /** Runs one invocation; `timeoutMs` kills the sandbox when exceeded. */
  invoke(event: unknown, ctx: InvokeContext, timeoutMs: number): Promise<Outcome> {
    if (this.dead || !this.child) return Promise.resolve(this.failure({ errorType: 'Runtime.ExitError', errorMessage: 'The runtime is not running' }, 0, true));
    if (this.initError) return Promise.resolve(this.failure(this.initError, 0, false));
    if (this.pending) throw new Error('A sandbox runs one invocation at a time');
    this.invocations++;
    this.lastUsed = Date.now();
    const id = this.nextId++;
    const deadline = Date.now() + timeoutMs;
    return new Promise<Outcome>((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        const seconds = (timeoutMs / 1000).toFixed(2);
        this.settle(this.failure({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${ctx.awsRequestId} Error: Task timed out after ${seconds} seconds` }, performance.now() - started, true));
        this.kill();
      }, timeoutMs);
      this.pending = { id, resolve, timer, started };
      this.child!.send({
        type: 'invoke',
        id,
        event,
        traceId: ctx.traceId,
        context: {
          awsRequestId: ctx.awsRequestId,
          functionName: this.fn.name,
          functionVersion: '$LATEST',
          invokedFunctionArn: ctx.invokedFunctionArn,
          memoryLimitInMB: this.fn.memoryMb,
          logGroupName: this.fn.logGroupName,
          logStreamName: this.logStream,
          deadline,
          ...(ctx.clientContext ? { clientContext: ctx.clientContext } : {}),
        },
      });
    });
  }

  private failure(error: ErrorRecord, durationMs: number, fatal: boolean): Outcome {
    return { ok: false, error, durationMs, memoryBytes: 0, fatal };
  }

  private settle(outcome: Outcome): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = undefined;
    this.lastUsed = Date.now();
    p.resolve(outcome);
  }

  private onMessage(m: Message): void {
    if (m.type === 'result' && this.pending?.id === m.id) {
      this.settle(
        m.ok
          ? { ok: true, payload: m.payload, durationMs: m.durationMs, memoryBytes: m.memory }
          : { ok: false, error: m.error, durationMs: m.durationMs, memoryBytes: m.memory, fatal: false },
      );
    } else if (m.type === 'fatal') {
      this.dead = true;
      this.settle(this.failure(m.error, performance.now() - (this.pending?.started ?? performance.now()), true));
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.dead = true;
    if (this.pending) {
      const oom = signal === 'SIGABRT' || code === 134;
      this.settle(
        this.failure(
          oom
            ? { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: Error: Runtime exited with error: signal: killed (memory size ${this.fn.memoryMb} MB)` }
            : { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}` },
          performance.now() - this.pending.started,
          true,
        ),
      );
    }
  }

  kill(): void {
    this.dead = true;
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
