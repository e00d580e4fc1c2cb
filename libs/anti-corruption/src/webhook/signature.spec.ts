import { InvalidSignatureError, MissingSignatureError, StaleRequestError } from '../errors';
import { signWebhookRequest, verifyWebhookSignature } from './signature';

const SECRET = 'whsec_3f1b2c0d9e8a7f6b5c4d3e2f1a0b9c8d';
const BODY = '{"id":"review-8812"}';
const TIMESTAMP = '1709285400';

const request = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) => ({
  rawBody: BODY,
  signature: signWebhookRequest(BODY, TIMESTAMP, SECRET),
  timestamp: TIMESTAMP,
  secret: SECRET,
  nowSeconds: Number(TIMESTAMP),
  ...overrides,
});

describe('generic webhook signature', () => {
  it('is v1= + hex HMAC-SHA256 of "<timestamp>.<raw body>" (openssl vector)', () => {
    expect(signWebhookRequest(BODY, TIMESTAMP, SECRET)).toBe(
      'v1=37786a2c5977906b130184bcb5fbbe846c90cfc72183c72c8167e8b1687ecc08',
    );
  });

  it('accepts a correctly signed request within the 5-minute window', () => {
    expect(() => verifyWebhookSignature(request())).not.toThrow();
    expect(() => verifyWebhookSignature(request({ nowSeconds: Number(TIMESTAMP) + 299 }))).not.toThrow();
  });

  it('refuses a replay outside the window', () => {
    expect(() => verifyWebhookSignature(request({ nowSeconds: Number(TIMESTAMP) + 301 }))).toThrow(StaleRequestError);
  });

  it('refuses a missing header, another secret, a changed body or a changed timestamp', () => {
    expect(() => verifyWebhookSignature(request({ signature: undefined }))).toThrow(MissingSignatureError);
    expect(() => verifyWebhookSignature(request({ timestamp: undefined }))).toThrow(MissingSignatureError);
    expect(() => verifyWebhookSignature(request({ secret: `${SECRET}x` }))).toThrow(InvalidSignatureError);
    expect(() => verifyWebhookSignature(request({ rawBody: '{"id":"review-8813"}' }))).toThrow(InvalidSignatureError);
    expect(() => verifyWebhookSignature(request({ timestamp: String(Number(TIMESTAMP) + 1) }))).toThrow(
      InvalidSignatureError,
    );
  });
});
