import type { MessageAnalysed, SendReply } from '@sma/contracts';
import { cutToLength } from '../text/utterance';

/** The longest reply text the contract carries; egress fits it to each channel's own limit. */
export const MAX_REPLY_CHARS = 4000;

export interface Reply {
  readonly responder: SendReply['Responder'];
  readonly text: string;
  readonly image?: SendReply['Image'];
}

/** `REPLY-<MessageId>`: the same message, redelivered or replayed, always asks for the same reply. */
export function commandIdFor(messageId: string): string {
  return `REPLY-${messageId}`;
}

/** The `SEND_REPLY` command answering an analysed message on the channel it came from. */
export function replyCommand(message: MessageAnalysed, reply: Reply, now: Date): SendReply {
  const text = reply.text.length > MAX_REPLY_CHARS ? `${cutToLength(reply.text, MAX_REPLY_CHARS - 1)}…` : reply.text;
  return {
    CommandId: commandIdFor(message.MessageId),
    MessageId: message.MessageId,
    Channel: message.Channel,
    Responder: reply.responder,
    Text: text,
    ...(reply.image ? { Image: reply.image } : {}),
    RequestedAt: now.toISOString(),
    ...(message.Twitter ? { Twitter: message.Twitter } : {}),
    ...(message.Slack ? { Slack: message.Slack } : {}),
    ...(message.Webhook ? { Webhook: message.Webhook } : {}),
  };
}
