import { TWITTER_SIGNATURE_HEADER, crcResponse, mapAccountActivity, parseJson, verifyTwitterSignature } from '@sma/anti-corruption';
import type { TwitterSecret } from '@sma/contracts';
import { MethodNotAllowedError } from '../errors';
import { receivedAt, type Route } from './route';

/**
 * `GET /twitter?crc_token=…`: X's challenge-response check, answered with the
 * token signed under the consumer secret (only plausible tokens are signed).
 * `POST /twitter`: an Account Activity delivery, verified over its raw bytes
 * and mapped to raw events and messages.
 */
export const twitterRoute: Route<TwitterSecret> = (request, secret) => {
  if (request.method === 'GET') {
    return {
      kind: 'respond',
      status: 200,
      body: crcResponse(request.query['crc_token'] ?? '', secret.consumerSecret),
      log: { crc: true },
    };
  }
  if (request.method !== 'POST') throw new MethodNotAllowedError(request.method, ['GET', 'POST']);
  verifyTwitterSignature(request.rawBody, request.headers[TWITTER_SIGNATURE_HEADER], secret.consumerSecret);
  return { kind: 'publish', delivery: mapAccountActivity(parseJson(request.rawBody), receivedAt(request)) };
};
