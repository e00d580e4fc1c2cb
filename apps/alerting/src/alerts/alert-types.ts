import type { DetailType, MessageAnalysed } from '@sma/contracts';
import { plainTextTemplate, type PlainTextTemplate } from './plain-text-template';

/**
 * The kinds of alert this service raises. Each has its own SNS topic, so a
 * subscriber takes exactly the kinds it asks for (see README: why topics per
 * type rather than a message attribute).
 */
export const ALERT_TYPES = ['NEGATIVE_MESSAGE', 'IMAGE_MODERATION'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** What configuration decides about the alerts' rules. */
export interface AlertSettings {
  /** Rekognition moderation confidence (a percentage) at or above which an image raises an alert. */
  readonly moderationMinConfidence: number;
}

export interface AlertDefinition {
  /** The topic's display name: the sender name of the e-mails (at most 100 characters). */
  readonly displayName: string;
  /**
   * The rule's description. Kept free of configuration values: the alert
   * expectations fixture (reused by the local cloud) finds the rule by it.
   */
  readonly ruleDescription: string;
  /** The detail-types the rule matches (their contract sources are pinned by the pattern). */
  readonly detailTypes: readonly DetailType[];
  /** Conditions on `detail`, in EventBridge pattern syntax. */
  readonly detail: (settings: AlertSettings) => Record<string, unknown>;
  /** What subscribers read. */
  readonly message: PlainTextTemplate;
}

/** A JSON path to a top-level field of a `MESSAGE_ANALYSED` detail; renaming the field breaks the build here. */
const field = (name: keyof MessageAnalysed & string): string => `$.detail.${name}`;

/** The placeholders every alert shows: who wrote what, where, and the id to look the message up by. */
const MESSAGE_PATHS = {
  text: field('Text'),
  author: field('Author'),
  channel: field('Channel'),
  messageId: field('MessageId'),
} as const;

/**
 * The registry of alerts. Typed by `AlertType`, so an alert type without a rule,
 * topic and message fails to compile.
 */
export const ALERTS: { readonly [K in AlertType]: AlertDefinition } = {
  NEGATIVE_MESSAGE: {
    displayName: 'Negative messages',
    ruleDescription: 'MESSAGE_ANALYSED with NEGATIVE sentiment to the NEGATIVE_MESSAGE alert topic',
    detailTypes: ['MESSAGE_ANALYSED'],
    detail: () => ({ Analysis: { TextSentiment: ['NEGATIVE'] } }),
    message: plainTextTemplate(
      'You have received a Negative Message: <text> - <author> (channel: <channel>, message: <messageId>)',
      MESSAGE_PATHS,
    ),
  },
  IMAGE_MODERATION: {
    displayName: 'Images needing moderation',
    ruleDescription: 'MESSAGE_ANALYSED with an image moderation label at or above the configured confidence to the IMAGE_MODERATION alert topic',
    detailTypes: ['MESSAGE_ANALYSED'],
    // EventBridge flattens arrays of objects: this matches when any moderation label of any image qualifies.
    detail: ({ moderationMinConfidence }) => ({
      Analysis: { Images: { ModerationLabels: { Confidence: [{ numeric: ['>=', moderationMinConfidence] }] } } },
    }),
    message: plainTextTemplate(
      'You have received an image that needs moderation: <text> - <author> (channel: <channel>, message: <messageId>)',
      MESSAGE_PATHS,
    ),
  },
};
