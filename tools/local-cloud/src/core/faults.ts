/**
 * Fault injection, for fault tests and benchmarks: while a rule is active, calls of a
 * service's operations are answered with the AWS error the rule names instead of
 * running — over HTTP and in process alike, so a Step Functions SDK integration, an
 * EventBridge target delivery and an SDK client all meet it the same way. Off until a
 * rule is added at runtime (`POST /_localcloud/faults`); nothing of it exists in a
 * deployed stack.
 *
 * A rule ends after `count` failures, after `durationMs`, or when removed. With
 * `perRequest`, each distinct request (same operation, same input: what a retry sends
 * again) fails that many times and then goes through — a throttle storm a retry policy
 * can ride out, deterministically.
 */
import { createHash } from 'node:crypto';
import { AwsError, LocalCloudError } from './errors';

/** What a client asks for (the JSON body of `POST /_localcloud/faults`). */
export interface FaultSpec {
  /** The service, as the catalog names it (`comprehend`, `rekognition`, `lambda`…). */
  readonly service: string;
  /** Operations (SDK names, `DetectSentiment`); all of the service's when absent. */
  readonly operations?: readonly string[];
  /** Only calls whose input has these top-level values (`{ "FunctionName": "<arn>" }`). */
  readonly where?: Readonly<Record<string, string>>;
  /** The AWS error code answered (`ThrottlingException`). */
  readonly error: string;
  /** @default "Rate exceeded" */
  readonly message?: string;
  /** HTTP status of the error answer. @default 400 */
  readonly statusCode?: number;
  /** Failures to inject in all, then the rule is spent. */
  readonly count?: number;
  /** Milliseconds the rule stays active. */
  readonly durationMs?: number;
  /** Fail each distinct request this many times, then let it through. */
  readonly perRequest?: number;
}

/** A rule as listed (`GET /_localcloud/faults`). */
export interface FaultRuleView {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly createdAt: string;
  /** Failures answered so far. */
  readonly injected: number;
  /** Calls that matched but went through (`perRequest` already spent for that request). */
  readonly passed: number;
  readonly active: boolean;
}

/** A fault rule the injector refuses (the route answers 400 with its message). */
export class FaultSpecError extends LocalCloudError {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

interface Rule {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly createdAt: number;
  injected: number;
  passed: number;
  /** perRequest: failures answered per request key. */
  readonly seen: Map<string, number>;
}

const positiveInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Checks a spec from the outside world; returns it typed. */
export function parseFaultSpec(value: unknown, knownServices: readonly string[]): FaultSpec {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new FaultSpecError('a fault rule is a JSON object');
  const spec = value as Record<string, unknown>;
  const allowed = new Set(['service', 'operations', 'where', 'error', 'message', 'statusCode', 'count', 'durationMs', 'perRequest']);
  const unknown = Object.keys(spec).filter((k) => !allowed.has(k));
  if (unknown.length > 0) throw new FaultSpecError(`unknown field(s) ${unknown.join(', ')}; a rule has ${[...allowed].join(', ')}`);
  if (typeof spec['service'] !== 'string' || !knownServices.includes(spec['service'])) {
    throw new FaultSpecError(`service must be one of ${knownServices.join(', ')}; got ${JSON.stringify(spec['service'])}`);
  }
  if (typeof spec['error'] !== 'string' || !/^[A-Za-z][\w.]*$/.test(spec['error'])) throw new FaultSpecError('error must be an AWS error code, e.g. "ThrottlingException"');
  if (spec['operations'] !== undefined && (!Array.isArray(spec['operations']) || spec['operations'].some((o) => typeof o !== 'string'))) {
    throw new FaultSpecError('operations must be a list of operation names');
  }
  if (spec['where'] !== undefined && (typeof spec['where'] !== 'object' || spec['where'] === null || Object.values(spec['where']).some((v) => typeof v !== 'string'))) {
    throw new FaultSpecError('where must map input fields to strings');
  }
  if (spec['message'] !== undefined && typeof spec['message'] !== 'string') throw new FaultSpecError('message must be a string');
  if (spec['statusCode'] !== undefined && !(positiveInteger(spec['statusCode']) && (spec['statusCode'] as number) >= 400 && (spec['statusCode'] as number) <= 599)) {
    throw new FaultSpecError('statusCode must be an HTTP error status (400–599)');
  }
  for (const field of ['count', 'durationMs', 'perRequest'] as const) {
    if (spec[field] !== undefined && !positiveInteger(spec[field])) throw new FaultSpecError(`${field} must be a positive integer`);
  }
  return spec as unknown as FaultSpec;
}

/** Bytes become their digest, so a request key does not hold an image. */
function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return `sha1:${createHash('sha1').update(value).digest('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The identity of a request across retries: its operation and its input. */
export function requestKey(operation: string, input: object): string {
  return createHash('sha1').update(operation).update('\0').update(JSON.stringify(canonical(input))).digest('hex');
}

export class FaultInjector {
  private readonly rules = new Map<string, Rule>();
  private sequence = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Is any rule in force? (The check costs nothing when none is.) */
  get armed(): boolean {
    return this.rules.size > 0;
  }

  add(spec: FaultSpec): FaultRuleView {
    const rule: Rule = { id: `fault-${++this.sequence}`, spec, createdAt: this.now(), injected: 0, passed: 0, seen: new Map() };
    this.rules.set(rule.id, rule);
    return this.view(rule);
  }

  /** Removes one rule; false if there was none with that id. */
  remove(id: string): boolean {
    return this.rules.delete(id);
  }

  clear(): void {
    this.rules.clear();
  }

  list(): FaultRuleView[] {
    return [...this.rules.values()].map((r) => this.view(r));
  }

  /**
   * The error to answer this call with, if a rule takes it. Rules are tried in the
   * order they were added; spent and expired ones stay listed but take nothing.
   */
  check(service: string, operation: string, input: object): AwsError | undefined {
    if (this.rules.size === 0) return undefined;
    for (const rule of this.rules.values()) {
      const { spec } = rule;
      if (spec.service !== service || !this.active(rule)) continue;
      if (spec.operations && !spec.operations.includes(operation)) continue;
      if (spec.where && Object.entries(spec.where).some(([k, v]) => String((input as Record<string, unknown>)[k]) !== v)) continue;
      if (spec.perRequest !== undefined) {
        const key = requestKey(operation, input);
        const failures = rule.seen.get(key) ?? 0;
        if (failures >= spec.perRequest) {
          rule.passed++;
          continue;
        }
        rule.seen.set(key, failures + 1);
      }
      rule.injected++;
      return new AwsError(spec.error, spec.message ?? 'Rate exceeded', {
        statusCode: spec.statusCode ?? 400,
        fault: (spec.statusCode ?? 400) >= 500 ? 'server' : 'client',
      });
    }
    return undefined;
  }

  private active(rule: Rule): boolean {
    if (rule.spec.count !== undefined && rule.injected >= rule.spec.count) return false;
    if (rule.spec.durationMs !== undefined && this.now() - rule.createdAt >= rule.spec.durationMs) return false;
    return true;
  }

  private view(rule: Rule): FaultRuleView {
    return {
      id: rule.id,
      spec: rule.spec,
      createdAt: new Date(rule.createdAt).toISOString(),
      injected: rule.injected,
      passed: rule.passed,
      active: this.active(rule),
    };
  }
}
