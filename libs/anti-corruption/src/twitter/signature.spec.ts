import { InvalidCrcTokenError, InvalidSignatureError, MissingSignatureError } from '../errors';
import {
  MAX_CRC_TOKEN_LENGTH,
  crcResponse,
  signTwitterBody,
  validateCrcToken,
  verifyTwitterSignature,
} from './signature';

// The consumer secret of the contracts' TwitterSecret example; expected values computed with openssl.
const SECRET = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';

describe('X CRC', () => {
  it('answers sha256= + base64 HMAC-SHA256 of the token (openssl vector)', () => {
    expect(crcResponse('OWQxODYyNDItMTZiYS00YWJjLWJmNGEtNDUzMDUyM2E3MmRj', SECRET)).toEqual({
      response_token: 'sha256=1FVHr4V1OBOfQRzjvwz2xyX+3t8tjXzrJit/fGbAYOo=',
    });
  });

  it.each([
    ['missing', undefined, /required/],
    ['empty', '', /required/],
    ['too long', 'a'.repeat(MAX_CRC_TOKEN_LENGTH + 1), /longer than 256/],
    ['JSON (a forged body to get signed)', '{"for_user_id":"19985099"}', /base64/],
    ['with spaces', 'abc def', /base64/],
    ['with a newline', 'abc\n', /base64/],
  ])('refuses a %s token with InvalidCrcTokenError', (_case, token, message) => {
    expect(() => validateCrcToken(token)).toThrow(InvalidCrcTokenError);
    expect(() => validateCrcToken(token)).toThrow(message);
  });

  it('accepts base64 and base64url tokens up to 256 characters', () => {
    expect(validateCrcToken('a'.repeat(MAX_CRC_TOKEN_LENGTH))).toHaveLength(256);
    expect(validateCrcToken('ab+/cd==')).toBe('ab+/cd==');
    expect(validateCrcToken('ab-_cd')).toBe('ab-_cd');
  });
});

describe('X webhook signature', () => {
  const body = '{"for_user_id":"19985099"}';

  it('signs the raw bytes as sha256= + base64 (openssl vector)', () => {
    expect(signTwitterBody(body, SECRET)).toBe('sha256=8lxrATgAce3DVA3Vvz+jWBiQwWIUZ4Iu2LJT74P4DUs=');
    expect(signTwitterBody(Buffer.from(body), SECRET)).toBe(signTwitterBody(body, SECRET));
  });

  it('accepts the right signature', () => {
    expect(() => verifyTwitterSignature(body, signTwitterBody(body, SECRET), SECRET)).not.toThrow();
  });

  it('refuses a missing signature', () => {
    expect(() => verifyTwitterSignature(body, undefined, SECRET)).toThrow(MissingSignatureError);
    expect(() => verifyTwitterSignature(body, '', SECRET)).toThrow(MissingSignatureError);
  });

  it.each([
    ['of the wrong length', 'sha256=abc'],
    ['without the sha256= prefix', signTwitterBody(body, SECRET).slice('sha256='.length)],
    ['in hex instead of base64', `sha256=${Buffer.from(signTwitterBody(body, SECRET).slice(7), 'base64').toString('hex')}`],
    ['made with another secret', signTwitterBody(body, 'another-secret')],
  ])('refuses a signature %s with InvalidSignatureError', (_case, signature) => {
    expect(() => verifyTwitterSignature(body, signature, SECRET)).toThrow(InvalidSignatureError);
  });

  it('is over the raw body: the same JSON re-serialised does not verify', () => {
    const sent = '{ "for_user_id": "19985099" }';
    const reserialised = JSON.stringify(JSON.parse(sent));
    expect(() => verifyTwitterSignature(reserialised, signTwitterBody(sent, SECRET), SECRET)).toThrow(InvalidSignatureError);
  });

  it('refuses a body changed by one byte', () => {
    const signature = signTwitterBody(body, SECRET);
    expect(() => verifyTwitterSignature(body.replace('9', '8'), signature, SECRET)).toThrow(InvalidSignatureError);
  });
});
