import {
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  contentId,
  mapWebhookDelivery,
  parseJson,
  verifyWebhookSignature,
} from '@sma/anti-corruption';
import type { WebhookSecret } from '@sma/contracts';
import { MethodNotAllowedError, UnknownWebhookSourceError } from '../errors';
import { receivedAt, receivedAtSeconds, type Route } from './route';

/**
 * `POST /webhook/{source}`: a message from any other system, signed with that
 * source's own secret. An unknown source is refused exactly like a bad
 * signature (401), so the API does not reveal which sources exist.
 */
export const webhookRoute: Route<WebhookSecret> = (request, secret) => {
  if (request.method !== 'POST') throw new MethodNotAllowedError(request.method, ['POST']);
  const source = request.pathParameters['source'] ?? '';
  // hasOwn: a source named `__proto__` or `constructor` must not find something.
  const sender = Object.hasOwn(secret.sources, source) ? secret.sources[source] : undefined;
  if (sender === undefined) throw new UnknownWebhookSourceError(source);
  verifyWebhookSignature({
    rawBody: request.rawBody,
    signature: request.headers[WEBHOOK_SIGNATURE_HEADER],
    timestamp: request.headers[WEBHOOK_TIMESTAMP_HEADER],
    secret: sender.secret,
    nowSeconds: receivedAtSeconds(request),
  });
  const body = parseJson(request.rawBody);
  return {
    kind: 'publish',
    delivery: mapWebhookDelivery(source, body, receivedAt(request)),
    fingerprint: contentId(body),
    log: { source },
  };
};
