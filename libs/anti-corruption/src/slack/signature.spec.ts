import { InvalidSignatureError, MissingSignatureError, StaleRequestError } from '../errors';
import { signSlackRequest, verifySlackSignature } from './signature';

// Slack's documented example request (a slash command body) and its signature.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const request = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) => ({
  rawBody: BODY,
  signature: SIGNATURE,
  timestamp: TIMESTAMP,
  signingSecret: SECRET,
  nowSeconds: Number(TIMESTAMP) + 10,
  ...overrides,
});

describe('Slack request signature', () => {
  it('computes Slack’s documented example signature', () => {
    expect(signSlackRequest(BODY, TIMESTAMP, SECRET)).toBe(SIGNATURE);
  });

  it('accepts a correctly signed request within 5 minutes', () => {
    expect(() => verifySlackSignature(request())).not.toThrow();
    expect(() => verifySlackSignature(request({ nowSeconds: Number(TIMESTAMP) + 300 }))).not.toThrow();
    expect(() => verifySlackSignature(request({ nowSeconds: Number(TIMESTAMP) - 300 }))).not.toThrow();
  });

  it('refuses a timestamp older than 5 minutes, even correctly signed', () => {
    expect(() => verifySlackSignature(request({ nowSeconds: Number(TIMESTAMP) + 301 }))).toThrow(StaleRequestError);
  });

  it('refuses a timestamp more than 5 minutes in the future', () => {
    expect(() => verifySlackSignature(request({ nowSeconds: Number(TIMESTAMP) - 301 }))).toThrow(StaleRequestError);
  });

  it('refuses a missing or non-numeric timestamp', () => {
    expect(() => verifySlackSignature(request({ timestamp: undefined }))).toThrow(MissingSignatureError);
    expect(() => verifySlackSignature(request({ timestamp: '1531420618.5' }))).toThrow(StaleRequestError);
  });

  it('refuses a missing, short or wrong signature', () => {
    expect(() => verifySlackSignature(request({ signature: undefined }))).toThrow(MissingSignatureError);
    expect(() => verifySlackSignature(request({ signature: 'v0=abc' }))).toThrow(InvalidSignatureError);
    expect(() => verifySlackSignature(request({ signature: SIGNATURE.replace('v0=a', 'v0=b') }))).toThrow(
      InvalidSignatureError,
    );
  });

  it('binds the timestamp: the signature of another timestamp does not verify', () => {
    const other = String(Number(TIMESTAMP) + 1);
    expect(() => verifySlackSignature(request({ timestamp: other }))).toThrow(InvalidSignatureError);
  });
});
