import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountActivityKind } from '@sma/contracts';

/**
 * Recorded-shape Account Activity deliveries: one per activity kind (named by
 * the kind), plus the mention variants the mapper must tell apart.
 */
export const TWITTER_FIXTURES = [
  'tweet_create_events',
  'favorite_events',
  'follow_events',
  'unfollow_events',
  'block_events',
  'unblock_events',
  'mute_events',
  'unmute_events',
  'user_event',
  'direct_message_events',
  'direct_message_indicate_typing_events',
  'direct_message_mark_read_events',
  'tweet_delete_events',
  'tweet_create_events-extended',
  'tweet_create_events-own',
  'tweet_create_events-repost',
  'tweet_create_events-blocked',
  'tweet_create_events-quote',
  'unknown-kind',
  'multiple-events',
] as const;
export type TwitterFixture = (typeof TWITTER_FIXTURES)[number];

/** Compile-time check: every activity kind of the contracts has a fixture of its own name. */
const _everyKindHasAFixture: readonly TwitterFixture[] = [] as AccountActivityKind[];

/** Recorded-shape Slack Events API bodies. */
export const SLACK_FIXTURES = [
  'url_verification',
  'app_rate_limited',
  'app_mention',
  'message-channel-mention',
  'message-im',
  'message-channel',
  'message-thread-reply',
  'message-own',
  'message-bot',
  'message-changed',
  'message-file-share',
  'reaction_added',
] as const;
export type SlackFixture = (typeof SLACK_FIXTURES)[number];

/** A fixture as the platform would send it: the exact bytes (to sign) and the parsed JSON. */
export interface Fixture {
  readonly body: string;
  readonly json: Record<string, unknown>;
}

const load = (folder: string, name: string): Fixture => {
  const body = readFileSync(join(__dirname, '..', folder, '__fixtures__', `${name}.json`), 'utf8');
  return { body, json: JSON.parse(body) as Record<string, unknown> };
};

export const twitterFixture = (name: TwitterFixture): Fixture => load('twitter', name);
export const slackFixture = (name: SlackFixture): Fixture => load('slack', name);

/** The subscribed (bot) account of the X fixtures, and the bot user of the Slack fixtures. */
export const FIXTURE_ACCOUNTS = { twitterBotUserId: '19985099', slackBotUserId: 'U0BOTMAKIT' } as const;
