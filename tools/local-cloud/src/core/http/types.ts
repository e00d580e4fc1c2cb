/**
 * The HTTP request and response as the service framework sees them: the whole
 * body already read (and `aws-chunked` decoded), header names lower-cased.
 */

/** An HTTP request to the endpoint, fully read. */
export interface HttpRequest {
  readonly method: string;
  /** The raw path, still percent-encoded, without the query string. */
  readonly path: string;
  /** Query parameters in order; a name may repeat. Values are decoded. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Header names lower-cased; repeated headers joined with ", " as Node does. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** `Host` header value (without scheme). */
  readonly host: string;
  /**
   * Path labels bound outside the operation's URI pattern, set by a service's
   * `rewrite` (S3 moves the bucket from the host or first path segment here).
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The operation, when a service's `rewrite` can tell it and the REST route
   * cannot (S3 requests without `x-id` from the AWS CLI: UploadPart and
   * UploadPartCopy share a route). A REST codec takes it if the route matches.
   */
  readonly operation?: string;
  /** Header names and values as received (name, value, name, value…), case and repeats kept. */
  readonly rawHeaders?: readonly string[];
  /** The client's address. */
  readonly remoteAddress?: string;
}

/** An HTTP response to write back. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string | NodeJS.ReadableStream | undefined;
}

/** First value of a query parameter. */
export function queryParam(req: Pick<HttpRequest, 'query'>, name: string): string | undefined {
  for (const [k, v] of req.query) if (k === name) return v;
  return undefined;
}

/** Every value of a query parameter, in order. */
export function queryParams(req: Pick<HttpRequest, 'query'>, name: string): string[] {
  return req.query.filter(([k]) => k === name).map(([, v]) => v);
}

/** Splits a `path?query` into a raw path and decoded query pairs (`+` is a space only in form bodies, not here). */
export function splitUrl(url: string): { path: string; query: Array<[string, string]> } {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query: Array<[string, string]> = [];
  if (q !== -1) {
    for (const part of url.slice(q + 1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const rawKey = eq === -1 ? part : part.slice(0, eq);
      const rawValue = eq === -1 ? '' : part.slice(eq + 1);
      query.push([safeDecode(rawKey), safeDecode(rawValue)]);
    }
  }
  return { path, query };
}

/** Decodes a `application/x-www-form-urlencoded` body into ordered pairs. */
export function parseForm(body: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([safeDecode(key.replace(/\+/g, ' ')), safeDecode(value.replace(/\+/g, ' '))]);
  }
  return pairs;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A JSON response with the right content type. */
export function jsonResponse(statusCode: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}
