import type { DomainEvent, MessageReceived, TwitterDetailType } from '@sma/contracts';

/** A raw channel event, published as the platform sent it. */
export type RawEvent = Extract<DomainEvent, { detailType: TwitterDetailType | 'SLACK_EVENT' | 'WEBHOOK_EVENT' }>;
export type RawTwitterEvent = Extract<RawEvent, { detailType: TwitterDetailType }>;
export type RawSlackEvent = Extract<RawEvent, { detailType: 'SLACK_EVENT' }>;
export type RawWebhookEvent = Extract<RawEvent, { detailType: 'WEBHOOK_EVENT' }>;

/** Why an item did not become a `MESSAGE_RECEIVED` (its raw event is still published). */
export type SkipReason =
  /** Our own account wrote it: answering would talk to ourselves. */
  | 'own-message'
  /** Another bot or integration wrote it: answering could start a bot-to-bot loop. */
  | 'bot-message'
  /** Neither a mention of, a reply to, nor a direct message to our account. */
  | 'not-addressed'
  /** A repost of someone else's message, not a message to us. */
  | 'repost'
  /** X flags the author as blocked by our account. */
  | 'blocked-author'
  /** An edit, deletion or other system message rather than something a person wrote. */
  | 'not-a-new-message'
  /** An activity kind that never carries a message (likes, follows, DMs on X...). */
  | 'no-message';

export interface SkippedItem {
  /** The raw event's `EventId`. */
  readonly eventId: string;
  readonly reason: SkipReason;
}

/**
 * What one platform delivery becomes: the raw events (always, one per item),
 * the messages for the bot, and what was not a message and why (for logs).
 */
export interface ChannelDelivery<R extends RawEvent = RawEvent> {
  readonly raw: readonly R[];
  readonly messages: readonly MessageReceived[];
  readonly skipped: readonly SkippedItem[];
  /** Top-level keys X sent that are not known activity kinds (published as `TWITTER_UNKNOWN`). */
  readonly unknownKinds: readonly string[];
}

/** One message-or-not decision of a mapper. */
export type MessageDecision =
  | { readonly message: MessageReceived; readonly reason?: undefined }
  | { readonly message?: undefined; readonly reason: SkipReason };
