import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { z } from 'zod';
import { InvalidSecretError } from '../errors';

/** How long a secret is cached in the Lambda: a rotation is picked up within this time. */
export const SECRET_MAX_AGE_SECONDS = 300;

/**
 * A reader of one channel secret through Powertools Parameters (cached for
 * `SECRET_MAX_AGE_SECONDS`), checked against its `@sma/contracts` schema.
 * Secrets Manager errors propagate: the invocation fails and is retried.
 */
export function secretReader<S extends z.ZodType>(provider: SecretsProvider, name: string, schema: S): () => Promise<z.infer<S>> {
  return async () => {
    const value: unknown = await provider.get(name, { transform: 'json', maxAge: SECRET_MAX_AGE_SECONDS });
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new InvalidSecretError(name, details, { cause: parsed.error });
    }
    return parsed.data;
  };
}

/** A client made from a secret, made again only when the secret's value changes (rotation). */
export function clientFromSecret<T, C>(read: () => Promise<T>, create: (secret: T) => C): () => Promise<C> {
  let cached: { key: string; client: C } | undefined;
  return async () => {
    const secret = await read();
    const key = JSON.stringify(secret);
    if (cached?.key !== key) cached = { key, client: create(secret) };
    return cached.client;
  };
}
