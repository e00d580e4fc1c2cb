import { ACCOUNT_ACTIVITY_KINDS, TWITTER_UNKNOWN, type AccountActivityKind, type MessageReceived } from '@sma/contracts';
import type { ChannelDelivery, RawTwitterEvent, SkippedItem } from '../delivery';
import { InvalidPayloadError } from '../errors';
import { parsePayload } from '../json';
import { AccountActivitySchema, ENVELOPE_KEYS, authorIsBlocked } from './account-activity';
import { MAX_KIND_LENGTH, activityEventId } from './activity-ids';
import { tweetToMessage } from './mentions';

type Item = Record<string, unknown>;

const isKnownKind = (key: string): key is AccountActivityKind => Object.hasOwn(ACCOUNT_ACTIVITY_KINDS, key);
const isEnvelopeKey = (key: string) => (ENVELOPE_KEYS as readonly string[]).includes(key);

/** The items of one top-level value: arrays item by item, a lone object as one item, anything else wrapped. */
function itemsOf(value: unknown): Item[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Item) : { value: item }));
}

/** `for_user_id`, or for a lone revocation (`user_event` carries none) the user who revoked. */
function subscribedAccount(body: Item, forUserId: string | undefined): string {
  if (forUserId !== undefined) return forUserId;
  const revoke = itemsOf(body['user_event'])[0]?.['revoke'] as { source?: { user_id?: unknown } } | undefined;
  const revoker = revoke?.source?.user_id;
  if (typeof revoker === 'string' && /^[0-9]{1,20}$/.test(revoker)) return revoker;
  throw new InvalidPayloadError('Account Activity delivery', [
    { path: ['for_user_id'], message: 'for_user_id is required' },
  ]);
}

/**
 * Maps one verified Account Activity delivery (the parsed JSON body) to domain
 * events: one raw `TWITTER_<KIND>` event per item of every activity array,
 * exactly as X sent it; `TWITTER_UNKNOWN` for arrays X adds later (never
 * dropped); and a `MESSAGE_RECEIVED` for each mention of or reply to our
 * account by someone else. Throws `InvalidPayloadError` if the body is not an
 * Account Activity delivery.
 */
export function mapAccountActivity(body: unknown, receivedAt: string): ChannelDelivery<RawTwitterEvent> {
  const payload = parsePayload(AccountActivitySchema, 'Account Activity delivery', body);
  const original = body as Item;
  const forUserId = subscribedAccount(original, payload.for_user_id);
  const authorBlocked = authorIsBlocked(payload);

  const raw: RawTwitterEvent[] = [];
  const messages: MessageReceived[] = [];
  const skipped: SkippedItem[] = [];
  const unknownKinds: string[] = [];

  for (const [key, value] of Object.entries(original)) {
    if (isEnvelopeKey(key)) continue;
    const known = isKnownKind(key);
    if (!known) unknownKinds.push(key);
    const kind = known ? key : key.slice(0, MAX_KIND_LENGTH);
    itemsOf(value).forEach((item, index) => {
      const eventId = activityEventId(kind, item);
      raw.push({
        detailType: known ? ACCOUNT_ACTIVITY_KINDS[key] : TWITTER_UNKNOWN,
        detail: { EventId: eventId, ForUserId: forUserId, Kind: kind, ReceivedAt: receivedAt, Activity: item },
      });
      const tweet = key === 'tweet_create_events' ? payload.tweet_create_events?.[index] : undefined;
      if (!tweet) {
        skipped.push({ eventId, reason: 'no-message' });
        return;
      }
      const decision = tweetToMessage(tweet, { forUserId, authorBlocked, receivedAt });
      if (decision.message) messages.push(decision.message);
      else skipped.push({ eventId, reason: decision.reason });
    });
  }
  return { raw, messages, skipped, unknownKinds };
}
