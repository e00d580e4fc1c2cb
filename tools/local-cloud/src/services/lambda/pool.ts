/**
 * The execution environments of one function: warm sandboxes are reused (most
 * recently used first, as Lambda does), new ones start on demand up to the
 * function's concurrency, further invocations wait in order. Idle sandboxes are
 * reaped. Reserved concurrency is a hard limit: a synchronous invocation beyond it
 * is throttled (429), as in Lambda.
 */
import { AwsError } from '../../core/errors';
import type { FunctionConfig } from './function-config';
import { Sandbox, type InvokeContext, type LineSink, type Outcome } from './sandbox';

export interface PoolOptions {
  /** Concurrency when the function reserves none (`CloudConfig.lambdaConcurrency`). */
  readonly defaultConcurrency: number;
  /** Idle sandboxes are stopped after this long. @default 10 minutes */
  readonly idleMs: number;
  /** The process environment of a new sandbox. */
  readonly environment: () => Readonly<Record<string, string>>;
  readonly sink: (logStream: string) => LineSink;
  /** Called before each invocation runs (to write the platform start record). */
  readonly onStart?: (sandbox: Sandbox, requestId: string) => void;
  /** Called after each invocation (platform end and report records, the console). */
  readonly onInvocation?: (record: InvocationRecord, sandbox: Sandbox) => void;
}

export interface InvocationRecord {
  readonly function: string;
  readonly requestId: string;
  readonly logStream: string;
  readonly coldStart: boolean;
  readonly initMs: number | undefined;
  readonly durationMs: number;
  readonly memoryBytes: number;
  readonly ok: boolean;
  readonly errorType: string | undefined;
}

export class FunctionPool {
  private readonly idle: Sandbox[] = [];
  private starting = 0;
  private busy = 0;
  private readonly waiters: Array<() => void> = [];
  private readonly reaper: NodeJS.Timeout;
  private closed = false;
  readonly stats = { coldStarts: 0, warmStarts: 0, coldStartMs: [] as number[], initMs: [] as number[], throttles: 0 };

  constructor(
    public fn: FunctionConfig,
    private readonly options: PoolOptions,
  ) {
    this.reaper = setInterval(() => this.reap(), Math.min(60_000, options.idleMs)).unref();
  }

  /** The number of concurrent sandboxes allowed. */
  get limit(): number {
    return this.fn.reservedConcurrency ?? this.options.defaultConcurrency;
  }

  get inFlight(): number {
    return this.busy;
  }

  /** Runs one invocation. `throttle`: refuse instead of waiting when at the reserved limit (synchronous calls). */
  async invoke(event: unknown, ctx: InvokeContext, options: { throttle: boolean; tail?: boolean }): Promise<Outcome & { coldStart: boolean; logTail?: string }> {
    if (this.fn.reservedConcurrency === 0 || (options.throttle && this.fn.reservedConcurrency !== undefined && this.busy + this.starting >= this.limit && this.idle.length === 0)) {
      this.stats.throttles++;
      throw new AwsError('TooManyRequestsException', 'Rate Exceeded.', {
        statusCode: 429,
        fields: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User' },
      });
    }
    let acquired: { sandbox: Sandbox; coldStart: boolean };
    try {
      acquired = await this.acquire();
    } catch (err) {
      if (err instanceof AwsError) throw err;
      // The runtime could not start: Lambda reports it as the invocation's error.
      return { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: (err as Error).message }, durationMs: 0, memoryBytes: 0, fatal: true, coldStart: true };
    }
    const { sandbox, coldStart } = acquired;
    try {
      const stopCapture = options.tail ? sandbox.captureLines() : undefined;
      this.options.onStart?.(sandbox, ctx.awsRequestId);
      const outcome = await sandbox.invoke(event, ctx, this.fn.timeoutSeconds * 1000);
      this.options.onInvocation?.({
        function: this.fn.name,
        requestId: ctx.awsRequestId,
        logStream: sandbox.logStream,
        coldStart,
        initMs: coldStart ? sandbox.initMs : undefined,
        durationMs: outcome.durationMs,
        memoryBytes: outcome.memoryBytes,
        ok: outcome.ok,
        errorType: outcome.ok ? undefined : outcome.error.errorType,
      }, sandbox);
      const lines = stopCapture?.();
      return { ...outcome, coldStart, ...(lines ? { logTail: lines.join('\n') } : {}) };
    } finally {
      this.release(sandbox);
    }
  }

  private async acquire(): Promise<{ sandbox: Sandbox; coldStart: boolean }> {
    for (;;) {
      if (this.closed) throw new AwsError('ServiceException', `${this.fn.name} is shutting down`, { statusCode: 500, fault: 'server' });
      while (this.idle.length > 0) {
        const sandbox = this.idle.pop()!;
        if (sandbox.alive) {
          this.busy++;
          this.stats.warmStarts++;
          return { sandbox, coldStart: false };
        }
      }
      if (this.busy + this.starting < this.limit) {
        this.starting++;
        try {
          const sandbox = await Sandbox.start(this.fn, this.options.environment(), this.options.sink);
          this.stats.coldStarts++;
          this.stats.coldStartMs.push(sandbox.coldStartMs);
          this.stats.initMs.push(sandbox.initMs);
          this.busy++;
          return { sandbox, coldStart: true };
        } finally {
          this.starting--;
        }
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private release(sandbox: Sandbox): void {
    this.busy--;
    if (sandbox.alive && !this.closed) this.idle.push(sandbox);
    else sandbox.kill();
    this.waiters.shift()?.();
  }

  private reap(): void {
    const now = Date.now();
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const s = this.idle[i]!;
      if (!s.alive || now - s.lastUsed > this.options.idleMs) {
        this.idle.splice(i, 1);
        s.kill();
      }
    }
  }

  /** Replaces the configuration (a template reload); running sandboxes finish, idle ones are dropped. */
  reconfigure(fn: FunctionConfig): void {
    this.fn = fn;
    for (const s of this.idle.splice(0)) s.kill();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    for (const s of this.idle.splice(0)) s.kill();
    for (const w of this.waiters.splice(0)) w();
  }
}
