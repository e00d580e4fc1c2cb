import type { z } from 'zod';
import type { EventSource } from './sources';
import { MessageAnalysedSchema } from './events/message-analysed';
import { MessageReceivedSchema } from './events/message-received';
import { ReplyFailedSchema, ReplySentSchema, SendReplySchema } from './events/replies';
import { SlackEventSchema } from './events/slack-event';
import { TWITTER_DETAIL_TYPES, TwitterActivitySchema, type TwitterDetailType } from './events/twitter-activity';
import { WebhookEventSchema } from './events/webhook-event';

/** Every detail-type on the bus. The registry below must have an entry for each, or this file fails to compile. */
export const DETAIL_TYPES = [
  ...TWITTER_DETAIL_TYPES,
  'SLACK_EVENT',
  'WEBHOOK_EVENT',
  'MESSAGE_RECEIVED',
  'MESSAGE_ANALYSED',
  'SEND_REPLY',
  'REPLY_SENT',
  'REPLY_FAILED',
] as const;
export type DetailType = (typeof DETAIL_TYPES)[number];

export interface Contract<S extends z.ZodType = z.ZodType> {
  /** The only source allowed to publish this detail-type. */
  readonly source: EventSource;
  /** The schema of the event's `detail`. */
  readonly schema: S;
  /** One sentence for the schema registry and docs. */
  readonly description: string;
  /** The source file holding the schema and its TSDoc `@example` (relative to `src/`). */
  readonly file: string;
}

const twitterContract = (kind: TwitterDetailType): Contract<typeof TwitterActivitySchema> => ({
  source: 'TWITTER',
  schema: TwitterActivitySchema,
  description: `Raw X Account Activity item (${kind}), as X sent it.`,
  file: 'events/twitter-activity.ts',
});

const twitterContracts = Object.fromEntries(TWITTER_DETAIL_TYPES.map((t) => [t, twitterContract(t)])) as {
  readonly [K in TwitterDetailType]: Contract<typeof TwitterActivitySchema>;
};

/**
 * The registry: detail-type → source, schema and description. The one place
 * detail-types, their producers and their schemas are defined.
 */
export const CONTRACTS = {
  ...twitterContracts,
  SLACK_EVENT: {
    source: 'SLACK',
    schema: SlackEventSchema,
    description: 'Raw Slack Events API event_callback, as Slack sent it.',
    file: 'events/slack-event.ts',
  },
  WEBHOOK_EVENT: {
    source: 'WEBHOOK',
    schema: WebhookEventSchema,
    description: 'Raw delivery of the generic signed webhook.',
    file: 'events/webhook-event.ts',
  },
  MESSAGE_RECEIVED: {
    source: 'INGRESS',
    schema: MessageReceivedSchema,
    description: 'A message for the bot from any channel, in the system’s own terms.',
    file: 'events/message-received.ts',
  },
  MESSAGE_ANALYSED: {
    source: 'ANALYSIS',
    schema: MessageAnalysedSchema,
    description: 'The message plus its language, sentiment, entities, PII and image analysis.',
    file: 'events/message-analysed.ts',
  },
  SEND_REPLY: {
    source: 'RESPONDING',
    schema: SendReplySchema,
    description: 'Command to post a reply to a message on its channel.',
    file: 'events/replies.ts',
  },
  REPLY_SENT: {
    source: 'EGRESS',
    schema: ReplySentSchema,
    description: 'A reply was posted on its channel.',
    file: 'events/replies.ts',
  },
  REPLY_FAILED: {
    source: 'EGRESS',
    schema: ReplyFailedSchema,
    description: 'A reply could not be posted.',
    file: 'events/replies.ts',
  },
} as const satisfies { readonly [K in DetailType]: Contract };

/** The detail type of a detail-type, inferred from its schema. */
export type DetailOf<T extends DetailType> = z.infer<(typeof CONTRACTS)[T]['schema']>;

/** True when `value` is a detail-type of the registry. */
export function isDetailType(value: string): value is DetailType {
  return Object.prototype.hasOwnProperty.call(CONTRACTS, value);
}
