import { createHash } from 'node:crypto';
import type { Channel } from '@sma/contracts';

/** What Lex V2 accepts as a session id. */
export const LEX_SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;

/**
 * The Lex session of a person on a channel, so that one person's messages share
 * a conversation (and the bot does not repeat a joke within it), while two
 * channels' users never do.
 *
 * `<channel>-<user id>` when that is a valid session id (X's numeric ids and
 * Slack's `U…` ids always are); otherwise, for ids with other characters or too
 * long, `<channel>:<sha-256 of the id, 40 hex digits>`. The `-` and `:` forms
 * cannot collide, and both always have between 2 and 100 allowed characters
 * (unlike the original design's screen names, which could be 1 character).
 */
export function sessionIdFor(channel: Channel, userId: string): string {
  const prefix = channel.toLowerCase();
  const plain = `${prefix}-${userId}`;
  if (userId.length > 0 && LEX_SESSION_ID.test(plain)) return plain;
  const digest = createHash('sha256').update(userId, 'utf8').digest('hex').slice(0, 40);
  return `${prefix}:${digest}`;
}
