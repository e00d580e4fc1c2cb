import { MAX_IMAGES_PER_MESSAGE, type MessageReceived } from '@sma/contracts';
import type { MessageDecision } from '../delivery';
import { unescapeEntities } from '../text';
import type { Tweet } from './account-activity';

export interface TweetContext {
  /** The subscribed account: ours. */
  readonly forUserId: string;
  /** X flagged the author as blocked by our account. */
  readonly authorBlocked: boolean;
  /** When ingress accepted the delivery (ISO 8601). */
  readonly receivedAt: string;
}

/**
 * The whole text: `extended_tweet.full_text` for tweets over 140 characters,
 * never the truncated `text`; HTML entities undone; without the `t.co` links X
 * appends for attached media (the author did not write those, and they would
 * only be noise to text analysis).
 */
export function fullText(tweet: Tweet): string {
  const text = tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '';
  const mediaLinks = new Set(
    [
      ...(tweet.extended_tweet?.extended_entities?.media ?? []),
      ...(tweet.extended_entities?.media ?? []),
      ...(tweet.extended_tweet?.entities?.media ?? []),
      ...(tweet.entities?.media ?? []),
    ]
      .map((m) => m.url)
      .filter((url): url is string => typeof url === 'string' && url !== ''),
  );
  let stripped = text;
  for (const link of mediaLinks) {
    // The link and the white space X put before it; nothing else of the text changes.
    stripped = stripped.replace(new RegExp(`\\s*${link.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'g'), '');
  }
  return unescapeEntities(stripped);
}

/**
 * Photo URLs (https) of the tweet, at most four, in order: videos and GIFs
 * are left out (their `media_url_https` is only a thumbnail). Extended entities
 * of `extended_tweet` win, because a truncated tweet lists its media there.
 */
export function photoUrls(tweet: Tweet): string[] {
  const media = tweet.extended_tweet?.extended_entities?.media ?? tweet.extended_entities?.media ?? [];
  const urls = media
    .filter((m) => m.type === 'photo' && typeof m.media_url_https === 'string')
    .map((m) => m.media_url_https!)
    .filter((url) => /^https:\/\/[^\s]+$/.test(url));
  return [...new Set(urls)].slice(0, MAX_IMAGES_PER_MESSAGE);
}

/** True when the tweet @mentions the account or replies to it. */
export function addressesAccount(tweet: Tweet, accountId: string): boolean {
  const mentions = tweet.extended_tweet?.entities?.user_mentions ?? tweet.entities?.user_mentions ?? [];
  return tweet.in_reply_to_user_id_str === accountId || mentions.some((m) => m.id_str === accountId);
}

/**
 * Turns a tweet into a `MESSAGE_RECEIVED` when it is addressed to our account
 * (a mention or a reply) by someone else: never our own tweets (the bot's
 * replies come back as tweet_create_events), never reposts, never an author
 * our account has blocked.
 */
export function tweetToMessage(tweet: Tweet, context: TweetContext): MessageDecision {
  if (tweet.user.id_str === context.forUserId) return { reason: 'own-message' };
  if (tweet.retweeted_status) return { reason: 'repost' };
  if (!addressesAccount(tweet, context.forUserId)) return { reason: 'not-addressed' };
  if (context.authorBlocked) return { reason: 'blocked-author' };

  const inReplyTo = tweet.in_reply_to_status_id_str ?? undefined;
  // v1.1 has no conversation id; a tweet that replies to nothing starts its own conversation.
  const conversationId = tweet.conversation_id_str ?? (inReplyTo === undefined ? tweet.id_str : undefined);
  const message: MessageReceived = {
    MessageId: `TWITTER-${tweet.id_str}`,
    Channel: 'TWITTER',
    Text: fullText(tweet),
    ImageUrls: photoUrls(tweet),
    Author: tweet.user.screen_name,
    AuthorId: tweet.user.id_str,
    ReceivedAt: context.receivedAt,
    Twitter: {
      TweetId: tweet.id_str,
      UserId: tweet.user.id_str,
      ScreenName: tweet.user.screen_name,
      ...(inReplyTo !== undefined ? { InReplyToTweetId: inReplyTo } : {}),
      ...(conversationId !== undefined ? { ConversationId: conversationId } : {}),
    },
  };
  return { message };
}
