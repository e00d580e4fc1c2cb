import { mentionDelivery, mentionText } from './delivery';

describe('mentionDelivery: what ingress publishes for one X mention', () => {
  it('is the raw tweet event and one MESSAGE_RECEIVED of the given length, without a photo', () => {
    const [raw, message] = mentionDelivery(140, false);
    expect(raw!.detailType).toBe('TWITTER_TWEETED');
    expect(message!.detailType).toBe('MESSAGE_RECEIVED');
    const detail = message!.detail as { Text: string; ImageUrls?: string[] };
    expect(detail.Text).toBe(mentionText(140));
    expect(detail.Text.length).toBeLessThanOrEqual(140);
    expect(detail.Text.length).toBeGreaterThan(130);
    expect(detail.ImageUrls ?? []).toEqual([]);
  });

  it('carries the recorded photo when there is one', () => {
    const detail = mentionDelivery(60, true)[1]!.detail as { ImageUrls: string[] };
    expect(detail.ImageUrls).toEqual(['https://pbs.twimg.com/media/FdJdXzWXkAEvKzM.jpg']);
  });

  it('writes mentions that start with the bot’s handle', () => {
    expect(mentionText(1_200)).toMatch(/^@makitdev the van/);
  });
});
