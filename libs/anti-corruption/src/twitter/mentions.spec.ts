import { MessageReceivedSchema } from '@sma/contracts';
import { exampleDetail } from '@sma/contracts/testing';
import { TweetSchema } from './account-activity';
import { mapAccountActivity } from './map-delivery';
import { photoUrls } from './mentions';
import { twitterFixture } from '../testing';

const RECEIVED_AT = '2022-09-21T12:56:22.000Z';
const map = (name: Parameters<typeof twitterFixture>[0]) => mapAccountActivity(twitterFixture(name).json, RECEIVED_AT);

describe('mentions and replies become MESSAGE_RECEIVED', () => {
  it('maps a mention with a photo to exactly the contracts’ example message', () => {
    const { messages, skipped } = map('tweet_create_events');
    expect(skipped).toEqual([]);
    expect(messages).toEqual([exampleDetail('MESSAGE_RECEIVED')]);
  });

  it('takes the full text of a truncated tweet, unescaped, and only its photos', () => {
    const [message] = map('tweet_create_events-extended').messages;
    expect(message!.Text).toBe(
      "@makitdev Honestly the worst delivery experience I've had in years & the courier left the box in the rain. Two photos of what arrived, plus a video of the lid. Can your bot tell what's in them?",
    );
    expect(message!.ImageUrls).toEqual([
      'https://pbs.twimg.com/media/FhO8c4TWQAAl2vS.jpg',
      'https://pbs.twimg.com/media/FhO8c4TXEAAJx1Z.jpg',
    ]);
    expect(message!.Twitter).toEqual({
      TweetId: '1590012240000000001',
      UserId: '3001969357',
      ScreenName: 'annalind_dev',
      InReplyToTweetId: '1589990011122233344',
    });
    expect(MessageReceivedSchema.safeParse(message).success).toBe(true);
  });

  it.each([
    ['tweet_create_events-own', 'own-message'],
    ['tweet_create_events-repost', 'repost'],
    ['tweet_create_events-blocked', 'blocked-author'],
    ['tweet_create_events-quote', 'not-addressed'],
  ] as const)('%s is published raw only (%s)', (fixture, reason) => {
    const { raw, messages, skipped } = map(fixture);
    expect(raw).toHaveLength(1);
    expect(messages).toEqual([]);
    expect(skipped).toEqual([{ eventId: raw[0]!.detail.EventId, reason }]);
  });

  it('keeps links the author wrote', () => {
    const body = structuredClone(twitterFixture('tweet_create_events').json) as {
      tweet_create_events: Array<Record<string, unknown>>;
    };
    body.tweet_create_events[0]!['text'] = '@makitdev read https://t.co/Other1 https://t.co/Xq1bQ0Zy9c';
    expect(mapAccountActivity(body, RECEIVED_AT).messages[0]!.Text).toBe('@makitdev read https://t.co/Other1');
  });

  it('takes a conversation id X sends, and none for a reply without one', () => {
    const body = structuredClone(twitterFixture('tweet_create_events-extended').json) as {
      tweet_create_events: Array<Record<string, unknown>>;
    };
    body.tweet_create_events[0]!['conversation_id_str'] = '1589990011122233344';
    expect(mapAccountActivity(body, RECEIVED_AT).messages[0]!.Twitter!.ConversationId).toBe('1589990011122233344');
  });

  it('keeps a text far over Comprehend’s limits whole (analysis truncates per API)', () => {
    const body = structuredClone(twitterFixture('tweet_create_events').json) as {
      tweet_create_events: Array<Record<string, unknown>>;
    };
    const long = `@makitdev ${'é'.repeat(12_000)}`;
    body.tweet_create_events[0]!['extended_tweet'] = { full_text: long };
    const [message] = mapAccountActivity(body, RECEIVED_AT).messages;
    expect(message!.Text).toBe(long);
    expect(Buffer.byteLength(message!.Text)).toBeGreaterThan(5_000);
  });

  it('keeps at most four photos, https only, without duplicates', () => {
    const media = [
      ...Array.from({ length: 5 }, (_, i) => ({ type: 'photo', media_url_https: `https://pbs.twimg.com/media/p${i}.jpg` })),
      { type: 'photo', media_url_https: 'https://pbs.twimg.com/media/p0.jpg' },
      { type: 'animated_gif', media_url_https: 'https://pbs.twimg.com/tweet_video_thumb/g.jpg' },
    ];
    const base = { id_str: '1', text: 'x', user: { id_str: '2', screen_name: 's' } };
    expect(photoUrls(TweetSchema.parse({ ...base, extended_entities: { media } }))).toEqual([
      'https://pbs.twimg.com/media/p0.jpg',
      'https://pbs.twimg.com/media/p1.jpg',
      'https://pbs.twimg.com/media/p2.jpg',
      'https://pbs.twimg.com/media/p3.jpg',
    ]);
    expect(
      photoUrls(TweetSchema.parse({ ...base, extended_entities: { media: [{ type: 'photo', media_url_https: 'http://x/a.jpg' }] } })),
    ).toEqual([]);
  });
});
