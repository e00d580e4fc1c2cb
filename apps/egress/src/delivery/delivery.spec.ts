import fc from 'fast-check';
import { exampleDetail } from '@sma/contracts/testing';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../errors';
import { MAX_REASON_CHARS, deliveryErrorFor, failureKindOf, reasonText, retryAfterMs } from './http-failures';
import { outcomeEvent, retryingEvent } from './outcome';
import { MAX_TWEET_WEIGHT, fitTweet, tweetWeight } from './post-text';
import { withRateLimitRetries, type RateLimitPolicy } from './rate-limit';
import { receiverId } from './webhook-reply';

const NOW = Date.parse('2024-03-01T09:30:00Z');

describe('failureKindOf', () => {
  it.each([
    [429, 'RATE_LIMITED'],
    [408, 'TRANSIENT'],
    [500, 'TRANSIENT'],
    [503, 'TRANSIENT'],
    [400, 'PERMANENT'],
    [401, 'PERMANENT'],
    [403, 'PERMANENT'],
    [404, 'PERMANENT'],
    [410, 'PERMANENT'],
    [301, 'PERMANENT'],
  ])('%d → %s', (status, kind) => {
    expect(failureKindOf(status)).toBe(kind);
  });

  it('builds the matching error with the platform message and status', () => {
    expect(deliveryErrorFor('TWITTER', 403, 'Forbidden', {}, NOW)).toBeInstanceOf(PermanentDeliveryError);
    expect(deliveryErrorFor('SLACK', 502, 'Bad Gateway', {}, NOW)).toBeInstanceOf(TransientDeliveryError);
    const limited = deliveryErrorFor('WEBHOOK', 429, 'slow down', { 'Retry-After': '7' }, NOW);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited).toMatchObject({ retryAfterMs: 7000, statusCode: 429, reason: '429: slow down', channel: 'WEBHOOK' });
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after as seconds or as an HTTP date, whatever the header case', () => {
    expect(retryAfterMs({ 'retry-after': '30' }, NOW)).toBe(30_000);
    expect(retryAfterMs({ 'Retry-After': 'Fri, 01 Mar 2024 09:30:12 GMT' }, NOW)).toBe(12_000);
    expect(retryAfterMs({ 'retry-after': ['5', '9'] }, NOW)).toBe(5000);
  });

  it('reads X’s x-rate-limit-reset (Unix seconds) and never answers a negative wait', () => {
    expect(retryAfterMs({ 'x-rate-limit-reset': String(NOW / 1000 + 90) }, NOW)).toBe(90_000);
    expect(retryAfterMs({ 'x-rate-limit-reset': String(NOW / 1000 - 5) }, NOW)).toBe(0);
  });

  it('says nothing when there is nothing readable', () => {
    expect(retryAfterMs({}, NOW)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
  });
});

describe('reasonText', () => {
  it('keeps the platform message on one line, within the contract’s length', () => {
    expect(reasonText('  a\n b  ')).toBe('a b');
    expect(reasonText('')).toBe('no message');
    expect(reasonText('x'.repeat(5000))).toHaveLength(MAX_REASON_CHARS);
  });
});

describe('withRateLimitRetries', () => {
  const limited = (ms?: number) => new RateLimitedError({ channel: 'SLACK', reason: '429', statusCode: 429 }, ms);
  const policy = (remaining: number, waits: number[]): RateLimitPolicy => ({
    maxAttempts: 3,
    defaultWaitMs: 1000,
    reserveMs: 8000,
    remainingMs: () => remaining,
    sleep: async (ms) => void waits.push(ms),
  });

  it('waits as asked and tries again while the wait fits in the invocation', async () => {
    const waits: number[] = [];
    const attempt = jest.fn().mockRejectedValueOnce(limited(2000)).mockRejectedValueOnce(limited()).mockResolvedValue('ok');
    await expect(withRateLimitRetries(attempt, policy(60_000, waits))).resolves.toBe('ok');
    expect(waits).toEqual([2000, 1000]);
  });

  it('gives up when the wait would not leave enough time, or after the last attempt', async () => {
    const waits: number[] = [];
    await expect(withRateLimitRetries(() => Promise.reject(limited(55_000)), policy(60_000, waits))).rejects.toThrow(RateLimitedError);
    await expect(withRateLimitRetries(() => Promise.reject(limited(10)), policy(60_000, waits))).rejects.toThrow(RateLimitedError);
    expect(waits).toEqual([10, 10]);
  });

  it('does not retry other errors', async () => {
    const attempt = jest.fn().mockRejectedValue(new TransientDeliveryError({ channel: 'SLACK', reason: '503' }));
    await expect(withRateLimitRetries(attempt, policy(60_000, []))).rejects.toThrow(TransientDeliveryError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});

describe('X text', () => {
  it('weighs as X does: Latin 1, CJK and emoji 2, links 23', () => {
    expect(tweetWeight('hello')).toBe(5);
    expect(tweetWeight('こんにちは')).toBe(10);
    expect(tweetWeight('😀')).toBe(2);
    expect(tweetWeight('see https://example.com/a/very/long/path/indeed')).toBe(4 + 23);
  });

  it('leaves text that fits and cuts what does not, with an ellipsis', () => {
    expect(fitTweet('short')).toBe('short');
    const cut = fitTweet('word '.repeat(100));
    expect(cut.endsWith('…')).toBe(true);
    expect(tweetWeight(cut)).toBeLessThanOrEqual(MAX_TWEET_WEIGHT);
  });

  it('always fits, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), (text) => {
        expect(tweetWeight(fitTweet(text))).toBeLessThanOrEqual(MAX_TWEET_WEIGHT);
      }),
    );
  });
});

describe('outcome events', () => {
  const command = exampleDetail('SEND_REPLY');

  it('announce a post, a refusal (permanent) and a failed attempt (to be retried)', () => {
    expect(outcomeEvent(command, { Status: 'SENT', PlatformMessageId: '1', SentAt: '2024-03-01T09:30:00.000Z' })).toEqual({
      detailType: 'REPLY_SENT',
      detail: { CommandId: command.CommandId, MessageId: command.MessageId, Channel: 'TWITTER', PlatformMessageId: '1', SentAt: '2024-03-01T09:30:00.000Z' },
    });
    expect(outcomeEvent(command, { Status: 'FAILED', Reason: '403: no', StatusCode: 403, FailedAt: '2024-03-01T09:30:00.000Z' }).detail).toMatchObject({
      Permanent: true,
      StatusCode: 403,
    });
    const retrying = retryingEvent(command, new TransientDeliveryError({ channel: 'TWITTER', reason: '503: down', statusCode: 503 }), new Date(NOW));
    expect(retrying.detail).toMatchObject({ Permanent: false, StatusCode: 503, Reason: '503: down' });
    expect(retryingEvent(command, new Error('socket hang up'), new Date(NOW)).detail).toMatchObject({ Reason: 'Error: socket hang up' });
  });
});

describe('receiverId', () => {
  it('takes a string id from the receiver’s JSON answer, and nothing else', () => {
    expect(receiverId({ id: 'reply-1' })).toBe('reply-1');
    expect(receiverId({ id: 42 })).toBeUndefined();
    expect(receiverId({ id: '' })).toBeUndefined();
    expect(receiverId('ok')).toBeUndefined();
    expect(receiverId(null)).toBeUndefined();
  });
});
