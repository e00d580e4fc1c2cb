/**
 * EventBridge's resources as the local service keeps them: buses, rules with their
 * targets (input compiled once), archives, and the event envelope.
 */
import type { Target as SdkTarget } from '@aws-sdk/client-eventbridge';
import { compileTargetInput, type CompiledTargetInput } from './transform';

export interface Env {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

export const DEFAULT_BUS = 'default';

export const busArn = (env: Env, bus: string) => `arn:${env.partition}:events:${env.region}:${env.accountId}:event-bus/${bus}`;
export const ruleArn = (env: Env, bus: string, rule: string) =>
  `arn:${env.partition}:events:${env.region}:${env.accountId}:rule/${bus === DEFAULT_BUS ? '' : `${bus}/`}${rule}`;
export const archiveArn = (env: Env, name: string) => `arn:${env.partition}:events:${env.region}:${env.accountId}:archive/${name}`;
export const replayArn = (env: Env, name: string) => `arn:${env.partition}:events:${env.region}:${env.accountId}:replay/${name}`;

/** A bus name from a name or an event-bus ARN. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS;
  const m = /:event-bus\/(.+)$/.exec(nameOrArn);
  return m ? m[1]! : nameOrArn;
}

/** The event EventBridge delivers (its envelope), with the local bookkeeping fields kept apart. */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601 without milliseconds, as EventBridge writes it. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
  /** Set on replayed events. */
  readonly 'replay-name'?: string;
}

export interface RetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeSeconds: number;
}

/** EventBridge's defaults: 185 retries over at most 24 hours. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 };

export interface RuleTarget {
  readonly id: string;
  readonly arn: string;
  readonly input: CompiledTargetInput;
  readonly retryPolicy: RetryPolicy;
  readonly deadLetterArn: string | undefined;
  readonly messageGroupId: string | undefined;
  /** The target as the API shows it. */
  readonly raw: SdkTarget;
}

export interface Rule {
  readonly name: string;
  readonly bus: string;
  readonly arn: string;
  readonly pattern: string | undefined;
  readonly schedule: string | undefined;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly description: string | undefined;
  readonly targets: readonly RuleTarget[];
  /** `cloudformation` for template rules, `api` for PutRule. */
  readonly managedBy: 'cloudformation' | 'api';
}

export interface Archive {
  readonly name: string;
  readonly arn: string;
  readonly bus: string;
  readonly pattern: string | undefined;
  readonly retentionDays: number;
  readonly description: string | undefined;
  readonly createdAt: number;
}

/** A target as `AWS::Events::Rule` / `PutTargets` describe it, compiled for delivery. */
export function compileTarget(raw: SdkTarget): RuleTarget {
  const retry = raw.RetryPolicy;
  return {
    id: raw.Id ?? '',
    arn: raw.Arn ?? '',
    input: compileTargetInput({
      ...(raw.Id !== undefined ? { Id: raw.Id } : {}),
      ...(raw.Input !== undefined ? { Input: raw.Input } : {}),
      ...(raw.InputPath !== undefined ? { InputPath: raw.InputPath } : {}),
      ...(raw.InputTransformer !== undefined
        ? {
            InputTransformer: {
              InputTemplate: raw.InputTransformer.InputTemplate ?? '',
              ...(raw.InputTransformer.InputPathsMap ? { InputPathsMap: raw.InputTransformer.InputPathsMap } : {}),
            },
          }
        : {}),
    }),
    retryPolicy: {
      maximumRetryAttempts: retry?.MaximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts,
      maximumEventAgeSeconds: retry?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY_POLICY.maximumEventAgeSeconds,
    },
    deadLetterArn: raw.DeadLetterConfig?.Arn,
    messageGroupId: raw.SqsParameters?.MessageGroupId,
    raw,
  };
}

/** An event pattern given as an object (templates) or JSON text (API) → JSON text. */
export function patternText(pattern: unknown): string | undefined {
  if (pattern === undefined || pattern === null || pattern === '') return undefined;
  return typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
}
