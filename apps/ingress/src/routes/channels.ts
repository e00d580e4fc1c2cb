import { TWITTER_DETAIL_TYPES, type Channel, type DetailType, type SECRET_NAMES } from '@sma/contracts';

/** The key of a channel secret in `SECRET_NAMES`. */
export type SecretKey = keyof typeof SECRET_NAMES;

export interface IngressChannel {
  /** The handler file in `src/handlers/` and the bundle name. */
  readonly handler: string;
  /** The secret the handler verifies signatures with. */
  readonly secret: SecretKey;
  /** Exactly what the handler publishes; its `events:PutEvents` grant allows these and nothing else. */
  readonly detailTypes: readonly DetailType[];
  /**
   * Refuse a known id with a different payload (HTTP 422). Only for the generic
   * webhook: X and Slack redeliver their own ids with changed counters.
   */
  readonly rejectReusedIds: boolean;
  /** Prefix of the channel's idempotency keys: stable across deployments, unlike the function name. */
  readonly idempotencyKeyPrefix: string;
}

/** One entry per channel: a channel added to the contracts and forgotten here fails to compile. */
export const INGRESS_CHANNELS = {
  TWITTER: {
    handler: 'twitter',
    secret: 'twitter',
    detailTypes: [...TWITTER_DETAIL_TYPES, 'MESSAGE_RECEIVED'] as readonly DetailType[],
    rejectReusedIds: false,
    idempotencyKeyPrefix: 'ingress.twitter',
  },
  SLACK: {
    handler: 'slack',
    secret: 'slack',
    detailTypes: ['SLACK_EVENT', 'MESSAGE_RECEIVED'],
    rejectReusedIds: false,
    idempotencyKeyPrefix: 'ingress.slack',
  },
  WEBHOOK: {
    handler: 'webhook',
    secret: 'webhook',
    detailTypes: ['WEBHOOK_EVENT', 'MESSAGE_RECEIVED'],
    rejectReusedIds: true,
    idempotencyKeyPrefix: 'ingress.webhook',
  },
} as const satisfies { readonly [C in Channel]: IngressChannel };
