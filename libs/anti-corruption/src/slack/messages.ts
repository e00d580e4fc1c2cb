import type { MessageReceived } from '@sma/contracts';
import type { MessageDecision } from '../delivery';
import { parsePayload } from '../json';
import { unescapeEntities } from '../text';
import { NEW_MESSAGE_SUBTYPES, SlackMessageEventSchema, type EventCallback, type SlackMessageEvent } from './events-api';

/** The event types that may carry a message for the bot. */
export const SLACK_MESSAGE_EVENT_TYPES: readonly string[] = ['app_mention', 'message'];

/** Our bot's user id in the workspace, from the callback's `authorizations`. */
export function botUserId(callback: EventCallback): string | undefined {
  const authorizations = callback.authorizations ?? [];
  return (authorizations.find((a) => a.is_bot) ?? authorizations[0])?.user_id;
}

/**
 * Whether a message is addressed to the bot: `app_mention` always; a `message`
 * when it is a direct message, mentions the bot (`<@U…>`), or replies in a
 * thread the bot started. A plain channel message is not, even in a channel
 * the bot is in: the bot answers when spoken to, like on X.
 */
export function addressesBot(event: SlackMessageEvent, bot: string | undefined): boolean {
  if (event.type === 'app_mention' || event.channel_type === 'im') return true;
  if (bot === undefined) return false;
  return event.parent_user_id === bot || (event.text ?? '').includes(`<@${bot}`);
}

const authorName = (event: SlackMessageEvent): string => {
  const profile = event.user_profile;
  return profile?.display_name || profile?.real_name || profile?.name || event.user;
};

/**
 * Turns an `app_mention` or `message` event into a `MESSAGE_RECEIVED` when a
 * person (not our bot, not another bot) wrote something new to the bot.
 *
 * `MessageId` is `SLACK-<channel>-<ts>`, not the event id: a mention in a
 * channel arrives as both an `app_mention` and a `message` event (two event
 * ids), and must become one message. Slack files are not passed on as images:
 * their URLs need the bot token, which analysis never holds (see the README).
 */
export function slackEventToMessage(callback: EventCallback, receivedAt: string): MessageDecision {
  const inner = callback.event as { type: string; subtype?: unknown; bot_id?: unknown; user?: unknown };
  if (!SLACK_MESSAGE_EVENT_TYPES.includes(inner.type)) return { reason: 'no-message' };
  const bot = botUserId(callback);
  if (bot !== undefined && inner.user === bot) return { reason: 'own-message' };
  if (inner.bot_id !== undefined || inner.subtype === 'bot_message') return { reason: 'bot-message' };
  if (!NEW_MESSAGE_SUBTYPES.includes(inner.subtype as string | undefined)) return { reason: 'not-a-new-message' };

  const event = parsePayload(SlackMessageEventSchema, `Slack ${inner.type} event`, callback.event);
  if (!addressesBot(event, bot)) return { reason: 'not-addressed' };
  const message: MessageReceived = {
    MessageId: `SLACK-${event.channel}-${event.ts}`,
    Channel: 'SLACK',
    Text: unescapeEntities(event.text ?? ''),
    ImageUrls: [],
    Author: authorName(event),
    AuthorId: event.user,
    ReceivedAt: receivedAt,
    Slack: {
      TeamId: callback.team_id,
      ChannelId: event.channel,
      UserId: event.user,
      Ts: event.ts,
      ThreadTs: event.thread_ts ?? event.ts,
      EventId: callback.event_id,
    },
  };
  return { message };
}
