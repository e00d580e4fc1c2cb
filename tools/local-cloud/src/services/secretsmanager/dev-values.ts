/**
 * Development values for every secret the contracts name, generated on the
 * first run into the local secrets file. Each generator is typed by its
 * schema, and each value is parsed by the schema before it is written: a
 * contract change that the values no longer satisfy fails here, loudly.
 */
import { randomBytes } from 'node:crypto';
import { SECRET_NAMES, SlackSecretSchema, TwitterSecretSchema, WebhookSecretSchema } from '@sma/contracts';
import type { z } from 'zod';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function token(length: number): string {
  const bytes = randomBytes(length);
  return [...bytes].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

const digits = (n: number) => [...randomBytes(n)].map((b) => String(b % 10)).join('');

/** The generic-webhook source the local cloud's `send` command and tests sign with. */
export const DEV_WEBHOOK_SOURCE = 'local-dev';

type Secrets = typeof SECRET_NAMES;
interface Generator<S extends z.ZodType> {
  readonly schema: S;
  readonly generate: () => z.infer<S>;
}

/** One generator per `SECRET_NAMES` key: a new secret name fails to compile until it has one. */
const GENERATORS: { readonly [K in keyof Secrets]: Generator<z.ZodType> } = {
  twitter: {
    schema: TwitterSecretSchema,
    generate: (): z.infer<typeof TwitterSecretSchema> => ({
      consumerKey: token(25),
      consumerSecret: token(50),
      accessToken: `${digits(19)}-${token(30)}`,
      accessTokenSecret: token(45),
    }),
  },
  slack: {
    schema: SlackSecretSchema,
    generate: (): z.infer<typeof SlackSecretSchema> => ({
      signingSecret: randomBytes(16).toString('hex'),
      botToken: `xoxb-${digits(11)}-${digits(13)}-${token(24)}`,
    }),
  },
  webhook: {
    schema: WebhookSecretSchema,
    generate: (): z.infer<typeof WebhookSecretSchema> => ({ sources: { [DEV_WEBHOOK_SOURCE]: { secret: `whsec_${randomBytes(16).toString('hex')}` } } }),
  },
};

/** Fresh development values for every contract secret, keyed by secret name, each valid against its schema. */
export function generateDevSecrets(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SECRET_NAMES) as Array<keyof Secrets>) {
    const { schema, generate } = GENERATORS[key];
    out[SECRET_NAMES[key]] = schema.parse(generate());
  }
  return out;
}

/** Problems of user-edited values against the contracts' schemas (secrets the contracts do not name are not checked). */
export function checkAgainstContracts(values: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(SECRET_NAMES) as Array<keyof Secrets>) {
    const name = SECRET_NAMES[key];
    if (!(name in values)) {
      problems.push(`${name} is missing`);
      continue;
    }
    const result = GENERATORS[key].schema.safeParse(values[name]);
    if (!result.success) problems.push(`${name}: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  }
  return problems;
}
