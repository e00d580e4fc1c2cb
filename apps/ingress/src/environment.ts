import { IngressConfigurationError } from './errors';

/**
 * The ingress handlers' environment variables: the stack sets them, the
 * runtime reads them. One list, so the two cannot drift apart.
 */
export const INGRESS_ENV = {
  /** The idempotency table created by the stack. */
  idempotencyTable: 'IDEMPOTENCY_TABLE_NAME',
  /** How long a completed record blocks redeliveries, in seconds. */
  idempotencyTtlSeconds: 'IDEMPOTENCY_TTL_SECONDS',
  /** How long a secret is cached in the execution environment, in seconds. */
  secretsMaxAgeSeconds: 'SECRETS_MAX_AGE_SECONDS',
} as const;

export interface IngressEnvironment {
  readonly idempotencyTable: string;
  readonly idempotencyTtlSeconds: number;
  readonly secretsMaxAgeSeconds: number;
}

export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;
export const DEFAULT_SECRETS_MAX_AGE_SECONDS = 300;

const positiveInteger = (env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new IngressConfigurationError(`${name} must be a positive integer, got "${raw}"`);
  return value;
};

/** Reads and checks the environment once, at cold start: a misconfigured function fails to initialise, loudly. */
export function ingressEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): IngressEnvironment {
  const idempotencyTable = env[INGRESS_ENV.idempotencyTable];
  if (!idempotencyTable) throw new IngressConfigurationError(`${INGRESS_ENV.idempotencyTable} is not set`);
  return {
    idempotencyTable,
    idempotencyTtlSeconds: positiveInteger(env, INGRESS_ENV.idempotencyTtlSeconds, DEFAULT_IDEMPOTENCY_TTL_SECONDS),
    secretsMaxAgeSeconds: positiveInteger(env, INGRESS_ENV.secretsMaxAgeSeconds, DEFAULT_SECRETS_MAX_AGE_SECONDS),
  };
}
