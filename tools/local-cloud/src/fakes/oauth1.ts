/**
 * OAuth 1.0a (RFC 5849) HMAC-SHA1 signatures, as X checks them on user-context
 * requests: the signature base string of method, base URL and the sorted,
 * percent-encoded parameters (OAuth header parameters, query, and form body — never a
 * JSON or multipart body). Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding (what OAuth 1.0a requires; `encodeURIComponent` leaves !'()* alone). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The `oauth_*` parameters of an `Authorization: OAuth …` header, decoded; undefined if not OAuth. */
export function parseOAuthHeader(header: string | undefined): Record<string, string> | undefined {
  if (!header || !/^OAuth\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([A-Za-z0-9_]+)="([^"]*)"/g)) {
    try {
      params[m[1]!] = decodeURIComponent(m[2]!);
    } catch {
      return undefined;
    }
  }
  return params;
}

/** The signature base string. `params` are every parameter but `oauth_signature`. */
export function signatureBaseString(method: string, baseUrl: string, params: ReadonlyArray<readonly [string, string]>): string {
  const normalized = params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode(baseUrl)}&${percentEncode(normalized)}`;
}

export function hmacSha1Signature(base: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(base).digest('base64');
}

export interface OAuthCheck {
  readonly method: string;
  /** Scheme, host and path, without query or fragment. */
  readonly baseUrl: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Form body parameters (only for `application/x-www-form-urlencoded`). */
  readonly form: ReadonlyArray<readonly [string, string]>;
  readonly authorization: string | undefined;
  readonly credentials: { readonly consumerKey: string; readonly consumerSecret: string; readonly accessToken: string; readonly accessTokenSecret: string };
  /** Seconds since the epoch, now. */
  readonly now: number;
}

/** Why a request is refused, or undefined when its signature is valid for the credentials. */
export function verifyOAuth1(c: OAuthCheck): string | undefined {
  const oauth = parseOAuthHeader(c.authorization);
  if (!oauth) return 'no OAuth 1.0a Authorization header';
  if (oauth['oauth_signature_method'] !== 'HMAC-SHA1') return `unsupported signature method ${oauth['oauth_signature_method']}`;
  if (oauth['oauth_version'] !== undefined && oauth['oauth_version'] !== '1.0') return `unsupported OAuth version ${oauth['oauth_version']}`;
  if (oauth['oauth_consumer_key'] !== c.credentials.consumerKey) return 'unknown consumer key';
  if (oauth['oauth_token'] !== c.credentials.accessToken) return 'unknown access token';
  const timestamp = Number(oauth['oauth_timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(c.now - timestamp) > 300) return 'timestamp out of bounds';
  if (!oauth['oauth_nonce']) return 'missing nonce';
  const given = oauth['oauth_signature'] ?? '';
  const params = [...Object.entries(oauth).filter(([k]) => k !== 'oauth_signature' && k !== 'realm'), ...c.query, ...c.form];
  const expected = hmacSha1Signature(signatureBaseString(c.method, c.baseUrl, params), c.credentials.consumerSecret, c.credentials.accessTokenSecret);
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'signature mismatch';
  return undefined;
}
