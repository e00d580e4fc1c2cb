import { z } from 'zod';

/**
 * The channel credentials, kept in AWS Secrets Manager under these names (never
 * in the repository or the logs). Ingress verifies signatures with them, egress
 * posts with them, and the local cloud creates development values for them on
 * first run. The shapes are the secrets' JSON.
 */
export const SECRET_NAMES = {
  twitter: 'sma/twitter',
  slack: 'sma/slack',
  webhook: 'sma/webhook',
} as const;
export type SecretName = (typeof SECRET_NAMES)[keyof typeof SECRET_NAMES];

/**
 * X app and bot-account credentials (OAuth 1.0a user context).
 *
 * @example
 * ```json
 * { "consumerKey": "xvz1evFS4wEEPTGEFPHBog", "consumerSecret": "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "accessToken": "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "accessTokenSecret": "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE" }
 * ```
 */
export const TwitterSecretSchema = z.object({
  /** The app's API key. */
  consumerKey: z.string().min(1),
  /** The app's API secret: signs CRC answers and verifies webhook signatures. */
  consumerSecret: z.string().min(1),
  accessToken: z.string().min(1),
  accessTokenSecret: z.string().min(1),
});
export type TwitterSecret = z.infer<typeof TwitterSecretSchema>;

/**
 * Slack app credentials.
 *
 * @example
 * ```json
 * { "signingSecret": "8f742231b10e8888abcd99yyyzzz85a5", "botToken": "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy" }
 * ```
 */
export const SlackSecretSchema = z.object({
  /** Verifies `X-Slack-Signature`. */
  signingSecret: z.string().min(1),
  /** Posts replies (`chat.postMessage`, file uploads). */
  botToken: z.string().min(1),
});
export type SlackSecret = z.infer<typeof SlackSecretSchema>;

/**
 * One shared HMAC secret per generic-webhook sender, keyed by the `{source}` of
 * `POST /webhook/{source}`. A source missing here is refused.
 *
 * @example
 * ```json
 * { "sources": { "shop-reviews": { "secret": "whsec_3f1b2c0d9e8a7f6b5c4d3e2f1a0b9c8d" } } }
 * ```
 */
export const WebhookSecretSchema = z.object({
  sources: z.record(
    z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    z.object({ secret: z.string().min(16) }),
  ),
});
export type WebhookSecret = z.infer<typeof WebhookSecretSchema>;
