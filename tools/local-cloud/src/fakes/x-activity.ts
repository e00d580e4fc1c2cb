/**
 * X Account Activity deliveries as X sends them: a `tweet_create_events` payload in
 * the v1.1 tweet shape (mentions with their indices, photos in `extended_entities`
 * with the `t.co` link X appends), signed with `x-twitter-webhooks-signature`
 * (`sha256=` + base64 HMAC-SHA256 of the raw body with the app's consumer secret).
 * Used by `npm run send`, the end-to-end tests and the bench. Pure.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { snowflake } from './x-api';

export interface MentionOptions {
  /** The subscribed (bot) account's user id (`for_user_id`). */
  readonly botUserId: string;
  /** The text, e.g. `@sma_bot tell me a joke`; a leading `@handle` mentions the bot. */
  readonly text: string;
  /** Photo URLs (https) attached to the tweet. */
  readonly imageUrls?: readonly string[];
  readonly sender?: { readonly id: string; readonly screenName: string; readonly name: string };
  /** @default a new snowflake id */
  readonly tweetId?: string;
  /** @default now */
  readonly at?: Date;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Wed Sep 21 12:56:21 +0000 2022`: v1.1's `created_at`. */
export function v1Date(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

/** The bot account's user id: X access tokens start with it (`<userId>-…`). */
export function userIdOfAccessToken(accessToken: string): string {
  const id = accessToken.split('-')[0] ?? '';
  if (!/^\d+$/.test(id)) throw new Error('The X access token does not start with a user id');
  return id;
}

/** A mention delivery: the raw JSON body X posts, and the tweet's id. */
export function mentionDelivery(o: MentionOptions): { body: string; tweetId: string } {
  const at = o.at ?? new Date();
  const tweetId = o.tweetId ?? snowflake();
  const sender = o.sender ?? { id: '1498961531635122999', screenName: 'local_user', name: 'Local User' };
  const handle = /^@([A-Za-z0-9_]{1,15})/.exec(o.text)?.[1];
  const photos = (o.imageUrls ?? []).map((url, i) => ({ url, id: (BigInt(tweetId) - BigInt(i + 1)).toString(), link: `https://t.co/${randomBytes(7).toString('base64url')}` }));
  // X appends one t.co link for the photos at the end of the text.
  const text = photos.length > 0 ? `${o.text} ${photos[0]!.link}` : o.text;
  const media = photos.map((p) => ({
    id: Number(p.id),
    id_str: p.id,
    indices: [o.text.length + 1, text.length],
    media_url: p.url.replace(/^https:/, 'http:'),
    media_url_https: p.url,
    url: photos[0]!.link,
    display_url: `pic.x.com/${p.id.slice(-10)}`,
    expanded_url: `https://x.com/${sender.screenName}/status/${tweetId}/photo/1`,
    type: 'photo',
    sizes: { large: { w: 1200, h: 900, resize: 'fit' }, thumb: { w: 150, h: 150, resize: 'crop' } },
  }));
  const tweet = {
    created_at: v1Date(at),
    id: Number(tweetId),
    id_str: tweetId,
    text,
    display_text_range: [0, o.text.length],
    source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
    truncated: false,
    in_reply_to_status_id: null,
    in_reply_to_status_id_str: null,
    in_reply_to_user_id: handle ? Number(o.botUserId) : null,
    in_reply_to_user_id_str: handle ? o.botUserId : null,
    in_reply_to_screen_name: handle ?? null,
    user: { id: Number(sender.id), id_str: sender.id, name: sender.name, screen_name: sender.screenName, protected: false, verified: false, created_at: v1Date(new Date('2022-03-02T09:12:44Z')) },
    geo: null,
    coordinates: null,
    place: null,
    contributors: null,
    is_quote_status: false,
    quote_count: 0,
    reply_count: 0,
    retweet_count: 0,
    favorite_count: 0,
    entities: {
      hashtags: [],
      urls: [],
      user_mentions: handle ? [{ screen_name: handle, name: handle, id: Number(o.botUserId), id_str: o.botUserId, indices: [0, handle.length + 1] }] : [],
      symbols: [],
      ...(media.length > 0 ? { media: [media[0]] } : {}),
    },
    ...(media.length > 0 ? { extended_entities: { media } } : {}),
    favorited: false,
    retweeted: false,
    filter_level: 'low',
    lang: 'en',
    timestamp_ms: String(at.getTime()),
  };
  const payload = { for_user_id: o.botUserId, user_has_blocked: 'false', tweet_create_events: [tweet] };
  return { body: JSON.stringify(payload), tweetId };
}

/** The `x-twitter-webhooks-signature` header value for a raw body. */
export function signDelivery(body: string | Buffer, consumerSecret: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(body).digest('base64')}`;
}
