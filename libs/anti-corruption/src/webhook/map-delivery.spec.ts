import { relative, join, dirname } from 'node:path';
import { parseDetail } from '@sma/contracts';
import { tsdocExamples } from '@sma/contracts/testing';
import { InvalidPayloadError } from '../errors';
import { MAX_WEBHOOK_TEXT_LENGTH, WebhookBodySchema } from './body';
import { mapWebhookDelivery } from './map-delivery';

const RECEIVED_AT = '2024-03-01T09:30:00.000Z';
// tsdocExamples reads files relative to the contracts' src folder.
const contractsSrc = join(dirname(require.resolve('@sma/contracts/package.json')), 'src');
const [EXAMPLE] = tsdocExamples(relative(contractsSrc, join(__dirname, 'body.ts'))) as Array<Record<string, unknown>>;

describe('generic webhook body', () => {
  it('the TSDoc example is a valid body', () => {
    expect(WebhookBodySchema.safeParse(EXAMPLE).success).toBe(true);
  });

  it('maps a body to a raw WEBHOOK_EVENT and a MESSAGE_RECEIVED sharing one deterministic id', () => {
    const { raw, messages, skipped } = mapWebhookDelivery('shop-reviews', EXAMPLE, RECEIVED_AT);
    expect(skipped).toEqual([]);
    expect(raw).toEqual([
      {
        detailType: 'WEBHOOK_EVENT',
        detail: { EventId: 'WEBHOOK-shop-reviews-review-8812', Source: 'shop-reviews', ReceivedAt: RECEIVED_AT, Payload: EXAMPLE },
      },
    ]);
    expect(messages).toEqual([
      {
        MessageId: 'WEBHOOK-shop-reviews-review-8812',
        Channel: 'WEBHOOK',
        Text: 'The parcel arrived broken and nobody answers my emails',
        ImageUrls: ['https://reviews.example.com/uploads/8812/parcel.jpg'],
        Author: 'Dana',
        AuthorId: 'c-19',
        ReceivedAt: RECEIVED_AT,
        Webhook: { Source: 'shop-reviews', ExternalId: 'review-8812', ReplyUrl: 'https://reviews.example.com/replies' },
      },
    ]);
    expect(() => parseDetail('WEBHOOK_EVENT', raw[0]!.detail)).not.toThrow();
    expect(() => parseDetail('MESSAGE_RECEIVED', messages[0])).not.toThrow();
  });

  it('needs only id, text and author id', () => {
    const { messages } = mapWebhookDelivery('forms', { id: 'f1', text: '', author: { id: 'a1' } }, RECEIVED_AT);
    expect(messages[0]).toMatchObject({ Text: '', ImageUrls: [], Author: 'a1', Webhook: { Source: 'forms', ExternalId: 'f1' } });
  });

  it('keeps a text over Comprehend’s limits whole', () => {
    const text = 'x'.repeat(MAX_WEBHOOK_TEXT_LENGTH);
    expect(mapWebhookDelivery('forms', { id: 'f1', text, author: { id: 'a' } }, RECEIVED_AT).messages[0]!.Text).toBe(text);
  });

  it.each([
    ['an unknown field', { ...EXAMPLE, rating: 1 }, /Unrecognized key/],
    ['an id with a space', { ...EXAMPLE, id: 'review 8812' }, /id: must be/],
    ['no author', { ...EXAMPLE, author: undefined }, /author/],
    ['an http image', { ...EXAMPLE, imageUrls: ['http://reviews.example.com/a.jpg'] }, /imageUrls\.0: must be an https URL/],
    ['five images', { ...EXAMPLE, imageUrls: Array.from({ length: 5 }, (_, i) => `https://x.example/${i}.jpg`) }, /imageUrls/],
    ['a text over the limit', { ...EXAMPLE, text: 'x'.repeat(MAX_WEBHOOK_TEXT_LENGTH + 1) }, /text/],
    ['a non-ISO occurredAt', { ...EXAMPLE, occurredAt: 'yesterday' }, /occurredAt/],
    ['an array', [EXAMPLE], /\(root\)/],
  ])('refuses %s with InvalidPayloadError', (_case, body, message) => {
    expect(() => mapWebhookDelivery('shop-reviews', body, RECEIVED_AT)).toThrow(InvalidPayloadError);
    expect(() => mapWebhookDelivery('shop-reviews', body, RECEIVED_AT)).toThrow(message);
  });
});
