/**
 * The local secrets file (`<dataDir>/secrets.json`): the channel credentials of
 * `SECRET_NAMES` with generated development values (the Secrets Manager service's
 * generators), created on first run and then the user's to edit. The local Secrets
 * Manager serves it; the fake X and Slack APIs check requests against it;
 * `npm run send` signs with it.
 *
 * ```json
 * { "sma/twitter": { "consumerKey": "…", … }, "sma/slack": { … }, "sma/webhook": { "sources": { "local-dev": { "secret": "…" } } } }
 * ```
 */
import { SECRET_NAMES, SlackSecretSchema, TwitterSecretSchema, WebhookSecretSchema, type SlackSecret, type TwitterSecret, type WebhookSecret } from '@sma/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors';
import { writeJsonAtomic } from '../core/persistence';
import { generateDevSecrets } from '../services/secretsmanager/dev-values';

export interface DevSecrets {
  readonly [SECRET_NAMES.twitter]: TwitterSecret;
  readonly [SECRET_NAMES.slack]: SlackSecret;
  readonly [SECRET_NAMES.webhook]: WebhookSecret;
}

/** Where the secrets file lives. */
export const secretsFile = (dataDir: string) => join(dataDir, 'secrets.json');

/** Reads and checks the secrets file against the contracts' schemas. */
export function readDevSecrets(dataDir: string): DevSecrets {
  const file = secretsFile(dataDir);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new ConfigError(`${file} is not readable JSON: ${(cause as Error).message}`, { cause });
  }
  const check = <T>(name: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }): T => {
    const parsed = schema.safeParse(raw[name]);
    if (!parsed.success) throw new ConfigError(`${file}: "${name}" is not a valid secret: ${parsed.error.message}`);
    return parsed.data;
  };
  return {
    [SECRET_NAMES.twitter]: check(SECRET_NAMES.twitter, TwitterSecretSchema),
    [SECRET_NAMES.slack]: check(SECRET_NAMES.slack, SlackSecretSchema),
    [SECRET_NAMES.webhook]: check(SECRET_NAMES.webhook, WebhookSecretSchema),
  };
}

/** Creates the secrets file with generated values if it does not exist; returns its path and values. */
export function ensureDevSecrets(dataDir: string): { file: string; created: boolean; secrets: DevSecrets } {
  const file = secretsFile(dataDir);
  if (existsSync(file)) return { file, created: false, secrets: readDevSecrets(dataDir) };
  writeJsonAtomic(file, generateDevSecrets());
  return { file, created: true, secrets: readDevSecrets(dataDir) };
}
