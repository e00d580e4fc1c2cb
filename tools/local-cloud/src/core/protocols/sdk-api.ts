/**
 * A service's API as the AWS SDK v3 client package describes it: every operation's
 * Smithy schema (input, output, HTTP binding) and every error shape. The codecs are
 * driven by these schemas, so the wire format is the one the SDK itself speaks,
 * operation by operation, without a hand-written model.
 */
import { NormalizedSchema } from '@smithy/core/schema';

/** The exports of an `@aws-sdk/client-*` package (schemas end in `$`). */
export type SdkModule = Readonly<Record<string, unknown>>;

/** One operation of the API. */
export interface OperationInfo {
  readonly name: string;
  readonly namespace: string;
  readonly input: NormalizedSchema;
  readonly output: NormalizedSchema;
  /** `[method, uriPattern, successCode]` for REST protocols. */
  readonly http: readonly [string, string, number] | undefined;
}

/** The schema tuple the SDK exports per operation: `[9, namespace, name, traits, input, output]`. */
type OperationTuple = readonly [9, string, string, unknown, unknown, unknown];
/** The schema tuple of an error shape: `[-3, namespace, name, traits, memberNames, memberSchemas]`. */
type ErrorTuple = readonly [-3, string, string, Record<string, unknown>, readonly string[], readonly unknown[]];

const isOperationTuple = (v: unknown): v is OperationTuple => Array.isArray(v) && v[0] === 9 && typeof v[2] === 'string';
const isErrorTuple = (v: unknown): v is ErrorTuple => Array.isArray(v) && v[0] === -3 && typeof v[2] === 'string';

export class SdkApi {
  private readonly ops = new Map<string, OperationInfo>();
  private readonly errors = new Map<string, NormalizedSchema>();
  readonly namespace: string;

  constructor(module: SdkModule) {
    let namespace = '';
    for (const [key, value] of Object.entries(module)) {
      if (!key.endsWith('$')) continue;
      if (isOperationTuple(value)) {
        const traits = (value[3] ?? {}) as { http?: [string, string, number] };
        const info: OperationInfo = {
          name: value[2],
          namespace: value[1],
          input: NormalizedSchema.of(value[4] as never),
          output: NormalizedSchema.of(value[5] as never),
          http: traits.http,
        };
        this.ops.set(info.name, info);
        namespace ||= value[1];
      } else if (isErrorTuple(value)) {
        this.errors.set(value[2], NormalizedSchema.of(value as never));
      }
    }
    if (this.ops.size === 0) throw new TypeError('The given module exports no operation schemas: is it an @aws-sdk/client-* package?');
    this.namespace = namespace;
  }

  operation(name: string): OperationInfo | undefined {
    return this.ops.get(name);
  }

  operations(): IterableIterator<OperationInfo> {
    return this.ops.values();
  }

  /** The error shape for an AWS error code, if the API models it. */
  errorSchema(code: string): NormalizedSchema | undefined {
    return this.errors.get(code);
  }
}

/** The traits an error shape carries that decide its wire form. */
export function errorTraits(schema: NormalizedSchema | undefined): {
  httpError?: number;
  fault?: 'client' | 'server';
  awsQueryError?: readonly [string, number];
} {
  if (!schema) return {};
  const traits = schema.getMergedTraits() as Record<string, unknown>;
  return {
    ...(typeof traits['httpError'] === 'number' ? { httpError: traits['httpError'] } : {}),
    ...(traits['error'] === 'client' || traits['error'] === 'server' ? { fault: traits['error'] } : {}),
    ...(Array.isArray(traits['awsQueryError']) ? { awsQueryError: traits['awsQueryError'] as [string, number] } : {}),
  };
}

/** The member names of a structure schema, in model order. */
export function memberNames(schema: NormalizedSchema): string[] {
  if (!schema.isStructSchema()) return [];
  return [...schema.structIterator()].map(([name]) => name);
}
