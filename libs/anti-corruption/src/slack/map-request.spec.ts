import { MessageReceivedSchema, parseDetail } from '@sma/contracts';
import { InvalidPayloadError } from '../errors';
import { FIXTURE_ACCOUNTS, SLACK_FIXTURES, slackFixture, type SlackFixture } from '../testing';
import { mapSlackRequest } from './map-request';

const RECEIVED_AT = '2023-11-14T22:13:20.000Z';
const map = (name: SlackFixture) => mapSlackRequest(slackFixture(name).json, RECEIVED_AT);
const delivery = (name: SlackFixture) => {
  const request = map(name);
  if (request.kind !== 'event_callback') throw new Error(`${name} is ${request.kind}`);
  return request.delivery;
};

describe('mapSlackRequest', () => {
  it('answers url_verification with its challenge', () => {
    expect(map('url_verification')).toEqual({
      kind: 'url_verification',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
  });

  it('recognises app_rate_limited', () => {
    expect(map('app_rate_limited')).toEqual({ kind: 'app_rate_limited', teamId: 'T02HQ7U3N5K', minuteRateLimited: 1700000040 });
  });

  it.each(SLACK_FIXTURES.filter((f) => f !== 'url_verification' && f !== 'app_rate_limited'))(
    '%s: one raw SLACK_EVENT with the event as sent, valid against its contract',
    (name) => {
      const fixture = slackFixture(name);
      const { raw } = delivery(name);
      expect(raw).toHaveLength(1);
      expect(raw[0]!.detailType).toBe('SLACK_EVENT');
      expect(raw[0]!.detail).toEqual({
        EventId: `SLACK-${fixture.json['event_id'] as string}`,
        TeamId: 'T02HQ7U3N5K',
        Type: (fixture.json['event'] as { type: string }).type,
        ReceivedAt: RECEIVED_AT,
        Event: fixture.json['event'],
      });
      expect(() => parseDetail('SLACK_EVENT', raw[0]!.detail)).not.toThrow();
    },
  );

  it('turns an app_mention into a MESSAGE_RECEIVED with the text unescaped', () => {
    const { messages, skipped } = delivery('app_mention');
    expect(skipped).toEqual([]);
    expect(messages).toEqual([
      {
        MessageId: 'SLACK-C051BCDEFGH-1700000000.000100',
        Channel: 'SLACK',
        Text: `<@${FIXTURE_ACCOUNTS.slackBotUserId}> the new release broke my dashboard & nobody answers <support>`,
        ImageUrls: [],
        Author: 'U05DANA123',
        AuthorId: 'U05DANA123',
        ReceivedAt: RECEIVED_AT,
        Slack: {
          TeamId: 'T02HQ7U3N5K',
          ChannelId: 'C051BCDEFGH',
          UserId: 'U05DANA123',
          Ts: '1700000000.000100',
          ThreadTs: '1700000000.000100',
          EventId: 'Ev06APPMENT1',
        },
      },
    ]);
    expect(MessageReceivedSchema.safeParse(messages[0]).success).toBe(true);
  });

  it('gives the message event of the same mention the same MessageId, so it is published once', () => {
    const mention = delivery('app_mention').messages[0]!;
    const message = delivery('message-channel-mention').messages[0]!;
    expect(message.MessageId).toBe(mention.MessageId);
    expect(delivery('message-channel-mention').raw[0]!.detail.EventId).not.toBe(delivery('app_mention').raw[0]!.detail.EventId);
  });

  it('turns a direct message and a reply in the bot’s thread into messages', () => {
    expect(delivery('message-im').messages[0]).toMatchObject({ MessageId: 'SLACK-D05DMCHAN01-1700000300.000200', Text: 'tell me a fact about octopuses' });
    expect(delivery('message-thread-reply').messages[0]!.Slack).toMatchObject({ Ts: '1700000500.000400', ThreadTs: '1700000450.000350' });
  });

  it('keeps the text of a file share but no image URLs (Slack files need the bot token)', () => {
    expect(delivery('message-file-share').messages[0]).toMatchObject({ Text: 'who is this?', ImageUrls: [] });
  });

  it.each([
    ['message-channel', 'not-addressed'],
    ['message-own', 'own-message'],
    ['message-bot', 'bot-message'],
    ['message-changed', 'not-a-new-message'],
    ['reaction_added', 'no-message'],
  ] as const)('%s is published raw only (%s)', (name, reason) => {
    const result = delivery(name);
    expect(result.messages).toEqual([]);
    expect(result.skipped).toEqual([{ eventId: result.raw[0]!.detail.EventId, reason }]);
  });

  it('treats a message from another bot as a bot message even when it mentions ours', () => {
    const body = structuredClone(slackFixture('app_mention').json) as { event: Record<string, unknown> };
    body.event['bot_id'] = 'B0OTHER';
    const request = mapSlackRequest(body, RECEIVED_AT);
    expect(request.kind === 'event_callback' && request.delivery.skipped[0]?.reason).toBe('bot-message');
  });

  it.each([
    ['an unknown envelope type', { type: 'block_actions' }, /type/],
    ['an event_callback without event_id', { ...slackFixture('app_mention').json, event_id: undefined }, /event_id/],
    ['a url_verification without challenge', { type: 'url_verification' }, /challenge/],
    [
      'an app_mention without user',
      { ...slackFixture('app_mention').json, event: { type: 'app_mention', text: 'hi', ts: '1.1', channel: 'C1' } },
      /user/,
    ],
  ])('refuses %s with InvalidPayloadError', (_case, body, message) => {
    expect(() => mapSlackRequest(body, RECEIVED_AT)).toThrow(InvalidPayloadError);
    expect(() => mapSlackRequest(body, RECEIVED_AT)).toThrow(message);
  });
});
