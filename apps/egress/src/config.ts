import { ConfigurationError } from './errors';

type Env = Readonly<Record<string, string | undefined>>;

export interface EgressConfig {
  readonly idempotencyTable: string;
  /** How long a command's outcome is remembered: longer than the bus archive keeps events for replay. */
  readonly idempotencyTtlSeconds: number;
  readonly deadLetterQueueUrl: string;
  readonly twitterApiBaseUrl: string;
  readonly slackApiBaseUrl: string;
  readonly webhookTimeoutMs: number;
}

export const DEFAULT_TWITTER_API_BASE_URL = 'https://api.x.com';
export const DEFAULT_SLACK_API_BASE_URL = 'https://slack.com/api/';

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigurationError(name, 'is not set');
  return value;
}

function url(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)');
  } catch (error) {
    throw new ConfigurationError(name, `is not an http(s) URL: "${value}" (${(error as Error).message})`);
  }
  return value;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigurationError(name, `must be a positive integer, got "${value}"`);
  return n;
}

/** The egress function's configuration, from the variables the stack sets (and the local cloud may overlay). */
export function egressConfig(env: Env): EgressConfig {
  return {
    idempotencyTable: required(env, 'IDEMPOTENCY_TABLE'),
    idempotencyTtlSeconds: positiveInt(env, 'IDEMPOTENCY_TTL_SECONDS', 32 * 24 * 3600),
    deadLetterQueueUrl: required(env, 'DEAD_LETTER_QUEUE_URL'),
    twitterApiBaseUrl: url(env, 'TWITTER_API_BASE_URL', DEFAULT_TWITTER_API_BASE_URL),
    slackApiBaseUrl: url(env, 'SLACK_API_BASE_URL', DEFAULT_SLACK_API_BASE_URL),
    webhookTimeoutMs: positiveInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
  };
}
