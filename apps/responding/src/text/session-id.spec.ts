import fc from 'fast-check';
import { CHANNELS } from '@sma/contracts';
import { LEX_SESSION_ID, sessionIdFor } from './session-id';

describe('sessionIdFor', () => {
  it('uses the channel and the user id as they are when Lex accepts them', () => {
    expect(sessionIdFor('TWITTER', '1498961531635122999')).toBe('twitter-1498961531635122999');
    expect(sessionIdFor('SLACK', 'U0123456')).toBe('slack-U0123456');
  });

  it('makes a valid id of a one-character user id (the original design used 1-character screen names)', () => {
    expect(sessionIdFor('WEBHOOK', 'x')).toBe('webhook-x');
    expect(sessionIdFor('WEBHOOK', 'x')).toMatch(LEX_SESSION_ID);
  });

  it('hashes ids with characters Lex refuses, or too long, into 40 hex digits', () => {
    const spaced = sessionIdFor('WEBHOOK', 'customer 19 / Dana');
    expect(spaced).toMatch(/^webhook:[0-9a-f]{40}$/);
    expect(sessionIdFor('WEBHOOK', 'customer 19 / Dana')).toBe(spaced);
    expect(sessionIdFor('WEBHOOK', 'customer 19 / Dana!')).not.toBe(spaced);
    expect(sessionIdFor('WEBHOOK', 'é')).toMatch(/^webhook:[0-9a-f]{40}$/);
    expect(sessionIdFor('WEBHOOK', 'a'.repeat(128))).toMatch(/^webhook:[0-9a-f]{40}$/);
    expect(sessionIdFor('WEBHOOK', '')).toMatch(/^webhook:[0-9a-f]{40}$/);
  });

  it('keeps channels apart and the hashed form apart from the plain one', () => {
    expect(sessionIdFor('SLACK', 'U1')).not.toBe(sessionIdFor('WEBHOOK', 'U1'));
    const hashed = sessionIdFor('WEBHOOK', 'a b');
    expect(sessionIdFor('WEBHOOK', hashed.slice('webhook:'.length))).not.toBe(hashed);
  });

  it('always satisfies [0-9a-zA-Z._:-]{2,100}, for any channel and any user id', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHANNELS), fc.string({ maxLength: 200, unit: 'grapheme' }), (channel, userId) => {
        expect(sessionIdFor(channel, userId)).toMatch(LEX_SESSION_ID);
      }),
      { numRuns: 500 },
    );
  });
});
