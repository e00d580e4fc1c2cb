import { IdempotencyAlreadyInProgressError } from '@aws-lambda-powertools/idempotency';
import { InvalidJsonError, InvalidSignatureError, StaleRequestError } from '@sma/anti-corruption';
import { ContractValidationError, EventTooLargeError, PutEventsFailedError } from '@sma/contracts';
import {
  IdempotencyKeyReusedError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  PublishFailedError,
  SecretInvalidError,
  SecretUnavailableError,
  UnknownWebhookSourceError,
} from '../errors';
import { errorAnswer, jsonResponse } from './response';

describe('errorAnswer', () => {
  it.each([
    [new InvalidSignatureError('x-slack-signature'), 401],
    [new StaleRequestError('x-slack-request-timestamp', 300), 401],
    [new UnknownWebhookSourceError('nope'), 401],
    [new InvalidJsonError(), 400],
    [new PayloadTooLargeError(2, 1), 413],
    [new EventTooLargeError('WEBHOOK_EVENT', 300_000, 262_144), 413],
    [new MethodNotAllowedError('PUT', ['POST']), 405],
    [new IdempotencyKeyReusedError('raw:WEBHOOK-a-b'), 422],
    [new IdempotencyAlreadyInProgressError('busy'), 409],
    [new PutEventsFailedError([], 3), 503],
    [new SecretUnavailableError('sma/slack'), 503],
    [Object.assign(new Error('throttled'), { name: 'ThrottlingException', $fault: 'client' }), 503],
    [new SecretInvalidError('sma/slack', ['signingSecret']), 500],
    [new ContractValidationError('MESSAGE_RECEIVED', []), 500],
    [new TypeError('bug'), 500],
    ['not even an error', 500],
  ])('%s → %i', (error, status) => {
    expect(errorAnswer(error).status).toBe(status);
  });

  it('never shows internal details on a 5xx', () => {
    expect(errorAnswer(new TypeError('secret detail')).message).not.toContain('secret detail');
    expect(errorAnswer(new SecretInvalidError('sma/slack', ['signingSecret'])).message).not.toContain('sma/slack');
  });

  it('answers a partly failed publication with its most serious failure, so the platform retries', () => {
    const mixed = new PublishFailedError(
      [
        { key: 'raw:a', error: new IdempotencyAlreadyInProgressError('busy') },
        { key: 'raw:b', error: new PutEventsFailedError([], 3) },
      ],
      1,
    );
    expect(errorAnswer(mixed).status).toBe(503);
    expect(errorAnswer(new PublishFailedError([{ key: 'raw:a', error: new IdempotencyAlreadyInProgressError('busy') }], 0)).status).toBe(409);
  });

  it('tells the caller which methods are allowed on a 405', () => {
    expect(errorAnswer(new MethodNotAllowedError('PUT', ['GET', 'POST'])).headers).toEqual({ allow: 'GET, POST' });
  });
});

describe('jsonResponse', () => {
  it('is JSON, never cached', () => {
    expect(jsonResponse(200, { ok: true })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: '{"ok":true}',
    });
  });
});
