import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError } from '../errors';

/** Largest body ingress accepts: 1 MiB. Platforms' deliveries are a few KB; events must fit EventBridge's 256 KB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** An API Gateway proxy request, normalised once so routes never deal with its quirks. */
export interface IngressRequest {
  readonly method: string;
  /** The API resource that matched, e.g. `/webhook/{source}`. */
  readonly resource: string;
  /** Header names in lower case (HTTP header names are case-insensitive). */
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly pathParameters: Readonly<Record<string, string>>;
  /** The exact bytes the caller sent: signatures are computed over these. */
  readonly rawBody: Buffer;
  /** When API Gateway received the request (ms since the epoch). */
  readonly receivedAtMs: number;
  readonly requestId: string;
}

/** Lower-cases header names; of two spellings of one header, the first wins. */
export function lowerCaseHeaders(event: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    const key = name.toLowerCase();
    if (value !== undefined && !(key in headers)) headers[key] = value;
  }
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    const key = name.toLowerCase();
    const first = values?.[0];
    if (first !== undefined && !(key in headers)) headers[key] = first;
  }
  return headers;
}

const defined = (record: Record<string, string | undefined> | null | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(record ?? {}).filter((e): e is [string, string] => e[1] !== undefined));

/**
 * Normalises a proxy event: the raw body decoded from base64 when API Gateway
 * encoded it (binary media types, or the local cloud), never re-serialised;
 * `PayloadTooLargeError` over `MAX_BODY_BYTES`.
 */
export function toIngressRequest(event: APIGatewayProxyEvent, now: () => number = Date.now): IngressRequest {
  const body = event.body ?? '';
  const rawBody = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (rawBody.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(rawBody.length, MAX_BODY_BYTES);
  return {
    method: event.httpMethod.toUpperCase(),
    resource: event.resource,
    headers: lowerCaseHeaders(event),
    query: defined(event.queryStringParameters),
    pathParameters: defined(event.pathParameters),
    rawBody,
    receivedAtMs: event.requestContext?.requestTimeEpoch ?? now(),
    requestId: event.requestContext?.requestId ?? '',
  };
}
