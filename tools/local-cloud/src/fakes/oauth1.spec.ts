import { hmacSha1Signature, percentEncode, signatureBaseString, verifyOAuth1 } from './oauth1';

// X's documented "Creating a signature" example (the same credentials as the TwitterSecret contract's @example).
const credentials = {
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  accessToken: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  accessTokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};
const oauth = {
  oauth_consumer_key: credentials.consumerKey,
  oauth_nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
  oauth_signature_method: 'HMAC-SHA1',
  oauth_timestamp: '1318622958',
  oauth_token: credentials.accessToken,
  oauth_version: '1.0',
};
const url = 'https://api.twitter.com/1.1/statuses/update.json';
const query: Array<[string, string]> = [['include_entities', 'true']];
const form: Array<[string, string]> = [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']];

const header = (signature: string, extra: Record<string, string> = {}) =>
  `OAuth ${Object.entries({ ...oauth, ...extra, oauth_signature: signature })
    .map(([k, v]) => `${k}="${percentEncode(v)}"`)
    .join(', ')}`;

describe('OAuth 1.0a', () => {
  it('computes X’s documented signature', () => {
    const base = signatureBaseString('POST', url, [...Object.entries(oauth), ...query, ...form]);
    expect(base.startsWith('POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key')).toBe(true);
    expect(hmacSha1Signature(base, credentials.consumerSecret, credentials.accessTokenSecret)).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('percent-encodes as RFC 3986 requires', () => {
    expect(percentEncode("Ladies + Gentlemen!*'()")).toBe('Ladies%20%2B%20Gentlemen%21%2A%27%28%29');
  });

  const check = (authorization: string | undefined, now = 1318622958, creds = credentials) =>
    verifyOAuth1({ method: 'POST', baseUrl: url, query, form, authorization, credentials: creds, now });

  it('accepts the signed request and refuses every tampering', () => {
    expect(check(header('hCtSmYh+iHYCEqBWrE7C7hYmtUk='))).toBeUndefined();
    expect(check(header('hCtSmYh+iHYCEqBWrE7C7hYmtUk=', { oauth_nonce: 'another' }))).toBe('signature mismatch');
    expect(check(header('short'))).toBe('signature mismatch');
    expect(check(header('hCtSmYh+iHYCEqBWrE7C7hYmtUk='), 1318622958 + 301)).toBe('timestamp out of bounds');
    expect(check(header('hCtSmYh+iHYCEqBWrE7C7hYmtUk='), undefined, { ...credentials, accessToken: 'other' })).toBe('unknown access token');
    expect(check(header('hCtSmYh+iHYCEqBWrE7C7hYmtUk=', { oauth_signature_method: 'PLAINTEXT' }))).toMatch(/unsupported signature method/);
    expect(check(undefined)).toBe('no OAuth 1.0a Authorization header');
    expect(check('Bearer abc')).toBe('no OAuth 1.0a Authorization header');
  });
});
