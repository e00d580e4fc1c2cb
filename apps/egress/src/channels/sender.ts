import type { Channel, SendReply } from '@sma/contracts';

/** An image to attach to a reply, read from the annotated-images bucket. */
export interface Attachment {
  readonly bytes: Uint8Array;
  readonly contentType: 'image/png' | 'image/jpeg';
  readonly filename: string;
}

export interface Posted {
  /** The new post's id on the platform (tweet id, Slack `ts` or file id, the webhook receiver's id). */
  readonly platformMessageId: string;
}

/**
 * Posts a reply on one channel. Throws a `DeliveryError` subclass whose kind
 * says whether trying again can help; anything else is unexpected and retried.
 */
export interface ChannelSender {
  send(command: SendReply, attachment: Attachment | undefined): Promise<Posted>;
}

/** One sender per channel: a new channel fails to compile until it has one. */
export type ChannelSenders = Readonly<Record<Channel, ChannelSender>>;
