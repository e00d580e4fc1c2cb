import { SlackSecretSchema, TwitterSecretSchema, WebhookSecretSchema } from './secrets';
import { tsdocExamples } from './testing';

describe('channel secrets', () => {
  it('each secret’s TSDoc example parses against its schema', () => {
    const [twitter, slack, webhook] = tsdocExamples('secrets.ts');
    expect(TwitterSecretSchema.parse(twitter).consumerSecret).toBeTruthy();
    expect(SlackSecretSchema.parse(slack).signingSecret).toBeTruthy();
    expect(Object.keys(WebhookSecretSchema.parse(webhook).sources)).toEqual(['shop-reviews']);
  });

  it('refuses a webhook secret too short to be a real key', () => {
    expect(WebhookSecretSchema.safeParse({ sources: { a: { secret: 'short' } } }).success).toBe(false);
  });
});
