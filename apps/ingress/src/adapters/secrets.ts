import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { z } from 'zod';
import { SECRET_NAMES, SlackSecretSchema, TwitterSecretSchema, WebhookSecretSchema } from '@sma/contracts';
import { SecretInvalidError, SecretUnavailableError } from '../errors';
import type { SecretKey } from '../routes/channels';

/** The schema of each channel secret, from the contracts. */
export const SECRET_SCHEMAS = {
  twitter: TwitterSecretSchema,
  slack: SlackSecretSchema,
  webhook: WebhookSecretSchema,
} as const satisfies { readonly [K in SecretKey]: z.ZodType };

export type SecretOf<K extends SecretKey> = z.infer<(typeof SECRET_SCHEMAS)[K]>;

/**
 * Returns a reader of one channel secret through Powertools Parameters: cached
 * in the execution environment for `maxAgeSeconds` (one Secrets Manager call
 * per cold start and per expiry, not per request), parsed as JSON and checked
 * against the contracts' schema. Errors name the secret, never its values.
 */
export function secretReader<K extends SecretKey>(
  provider: SecretsProvider,
  key: K,
  maxAgeSeconds: number,
): () => Promise<SecretOf<K>> {
  const name = SECRET_NAMES[key];
  const schema: z.ZodType = SECRET_SCHEMAS[key];
  return async () => {
    let raw: string | Uint8Array | undefined;
    try {
      raw = await provider.get(name, { maxAge: maxAgeSeconds });
    } catch (error) {
      throw new SecretUnavailableError(name, { cause: error });
    }
    let value: unknown;
    try {
      value = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw ?? []).toString('utf8'));
    } catch {
      throw new SecretInvalidError(name, ['(not JSON)']);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new SecretInvalidError(name, parsed.error.issues.map((i) => i.path.map(String).join('.') || '(root)'));
    }
    return parsed.data as SecretOf<K>;
  };
}
