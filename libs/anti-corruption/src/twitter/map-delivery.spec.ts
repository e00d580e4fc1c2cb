import { ACCOUNT_ACTIVITY_KINDS, parseDetail, type AccountActivityKind } from '@sma/contracts';
import { InvalidPayloadError } from '../errors';
import { FIXTURE_ACCOUNTS, TWITTER_FIXTURES, twitterFixture } from '../testing';
import { mapAccountActivity } from './map-delivery';

const RECEIVED_AT = '2022-09-21T12:56:22.000Z';
const map = (name: Parameters<typeof twitterFixture>[0]) => mapAccountActivity(twitterFixture(name).json, RECEIVED_AT);
const kinds = Object.keys(ACCOUNT_ACTIVITY_KINDS) as AccountActivityKind[];

/** What X uses as each fixture's own id, so a redelivery has the same EventId. */
const EXPECTED_EVENT_IDS: Record<AccountActivityKind, string> = {
  tweet_create_events: 'TWITTER-tweet_create_events-1572570427880538999',
  favorite_events: 'TWITTER-favorite_events-a7ba59eab0bfcba386f7acedac279542',
  follow_events: 'TWITTER-follow_events-3001969357-19985099-1667919702111',
  unfollow_events: 'TWITTER-unfollow_events-3001969357-19985099-1668005102874',
  block_events: 'TWITTER-block_events-19985099-3001969357-1670573700031',
  unblock_events: 'TWITTER-unblock_events-19985099-3001969357-1670660100555',
  mute_events: 'TWITTER-mute_events-19985099-1498961531635122999-1670746500902',
  unmute_events: 'TWITTER-unmute_events-19985099-1498961531635122999-1670832900417',
  user_event: 'TWITTER-user_event-19985099-13090192-2022-12-12T09:48:12+00:00',
  direct_message_events: 'TWITTER-direct_message_events-1601000000000000777',
  direct_message_indicate_typing_events: 'TWITTER-direct_message_indicate_typing_events-3001969357-19985099-1670574990456',
  direct_message_mark_read_events: 'TWITTER-direct_message_mark_read_events-3001969357-19985099-1670575093312',
  tweet_delete_events: 'TWITTER-tweet_delete_events-1572570431234567890',
};

describe('mapAccountActivity: raw events', () => {
  it('has a recorded-shape fixture for every Account Activity kind', () => {
    for (const kind of kinds) expect(TWITTER_FIXTURES).toContain(kind);
  });

  it.each(kinds)('%s: one raw event per item, with its TWITTER_<KIND>, X’s own id and the item untouched', (kind) => {
    const fixture = twitterFixture(kind);
    const { raw } = mapAccountActivity(fixture.json, RECEIVED_AT);
    expect(raw).toHaveLength(1);
    const [event] = raw;
    expect(event!.detailType).toBe(ACCOUNT_ACTIVITY_KINDS[kind]);
    expect(event!.detail.EventId).toBe(EXPECTED_EVENT_IDS[kind]);
    expect(event!.detail).toMatchObject({ ForUserId: FIXTURE_ACCOUNTS.twitterBotUserId, Kind: kind, ReceivedAt: RECEIVED_AT });
    const value = fixture.json[kind];
    expect(event!.detail.Activity).toEqual(Array.isArray(value) ? value[0] : value);
    // Every detail satisfies its contract, as putEvents will check.
    expect(() => parseDetail(event!.detailType, event!.detail)).not.toThrow();
  });

  it.each(kinds.filter((k) => k !== 'tweet_create_events'))('%s never becomes a MESSAGE_RECEIVED', (kind) => {
    const { messages, skipped } = map(kind);
    expect(messages).toEqual([]);
    expect(skipped).toEqual([{ eventId: EXPECTED_EVENT_IDS[kind], reason: 'no-message' }]);
  });

  it('publishes an unknown activity array as TWITTER_UNKNOWN under its key, and reports it', () => {
    const { raw, unknownKinds } = map('unknown-kind');
    expect(unknownKinds).toEqual(['tweet_bookmark_events']);
    expect(raw).toHaveLength(1);
    expect(raw[0]!.detailType).toBe('TWITTER_UNKNOWN');
    expect(raw[0]!.detail.Kind).toBe('tweet_bookmark_events');
    expect(raw[0]!.detail.EventId).toMatch(/^TWITTER-tweet_bookmark_events-[0-9a-f]{32}$/);
  });

  it('gives the same EventIds to a redelivery whatever its key order, and different ones to different items', () => {
    const first = map('unknown-kind').raw[0]!.detail.EventId;
    const reordered = JSON.parse(twitterFixture('unknown-kind').body, (_k, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).reverse()) : v,
    ) as unknown;
    expect(mapAccountActivity(reordered, RECEIVED_AT).raw[0]!.detail.EventId).toBe(first);
    const changed = structuredClone(twitterFixture('unknown-kind').json) as { tweet_bookmark_events: Array<{ tweet_id: string }> };
    changed.tweet_bookmark_events[0]!.tweet_id = '1';
    expect(mapAccountActivity(changed, RECEIVED_AT).raw[0]!.detail.EventId).not.toBe(first);
  });

  it('maps several kinds and items of one delivery, keeping the side tables out of the events', () => {
    const { raw, messages } = map('multiple-events');
    expect(raw.map((e) => e.detailType)).toEqual(['TWITTER_TWEETED', 'TWITTER_TWEETED', 'TWITTER_FAVOURITED']);
    expect(messages.map((m) => m.MessageId)).toEqual(['TWITTER-1610000000000000001', 'TWITTER-1610000000000000002']);
    expect(map('direct_message_events').raw.map((e) => e.detail.Kind)).toEqual(['direct_message_events']);
  });

  it('accepts a delivery with no activity at all (nothing to publish)', () => {
    expect(mapAccountActivity({ for_user_id: '19985099' }, RECEIVED_AT)).toEqual({
      raw: [],
      messages: [],
      skipped: [],
      unknownKinds: [],
    });
  });
});

describe('mapAccountActivity: bad input', () => {
  const tweets = () => structuredClone(twitterFixture('tweet_create_events').json) as Record<string, unknown> & {
    tweet_create_events: Array<Record<string, unknown>>;
  };

  it.each([
    ['a JSON array', [], /\(root\)/],
    ['a string', 'hello', /\(root\)/],
    ['no for_user_id', { tweet_create_events: [] }, /for_user_id/],
    ['a non-numeric for_user_id', { for_user_id: 'makitdev' }, /for_user_id: must be a numeric id string/],
    ['tweet_create_events not an array', { for_user_id: '1', tweet_create_events: {} }, /tweet_create_events/],
    ['follow_events holding strings', { for_user_id: '1', follow_events: ['x'] }, /follow_events\.0/],
  ])('refuses %s with InvalidPayloadError naming the path', (_case, body, message) => {
    expect(() => mapAccountActivity(body, RECEIVED_AT)).toThrow(InvalidPayloadError);
    expect(() => mapAccountActivity(body, RECEIVED_AT)).toThrow(message);
  });

  it('refuses a tweet without id_str, user or text', () => {
    for (const field of ['id_str', 'user', 'text']) {
      const body = tweets();
      delete body.tweet_create_events[0]![field];
      expect(() => mapAccountActivity(body, RECEIVED_AT)).toThrow(InvalidPayloadError);
    }
  });
});
