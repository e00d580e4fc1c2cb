import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import slackApi from '../__fixtures__/slack-api.json';
import xApi from '../__fixtures__/x-api.json';

export interface Call {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

type Route = (call: Call, base: string) => Answer;

/** X API v2 and Slack Web API as they answer a successful reply, from the recorded fixtures. */
const DEFAULT_ROUTES: Record<string, Route> = {
  'POST /2/media/upload/initialize': () => ({ status: 200, body: xApi.mediaUploadInitialize }),
  'POST /2/media/upload/:id/append': () => ({ status: 204 }),
  'POST /2/media/upload/:id/finalize': () => ({ status: 200, body: xApi.mediaUploadFinalize }),
  'POST /2/tweets': () => ({ status: 201, body: xApi.createTweet }),
  'POST /api/chat.postMessage': () => ({ status: 200, body: slackApi.postMessage }),
  'POST /api/files.getUploadURLExternal': (_call, base) => ({
    status: 200,
    body: { ...slackApi.getUploadURLExternal, upload_url: slackApi.getUploadURLExternal.upload_url.replace('{base}', base) },
  }),
  'POST /upload/v1/:id': () => ({ status: 200, body: 'OK - 48213' }),
  'POST /api/files.completeUploadExternal': () => ({ status: 200, body: slackApi.completeUploadExternal }),
};

const routeKey = (method: string, path: string): string =>
  `${method} ${path.replace(/^\/2\/media\/upload\/\d+\//, '/2/media/upload/:id/').replace(/^\/upload\/v1\/[^/]+$/, '/upload/v1/:id')}`;

/**
 * The X and Slack APIs on a local port, answering from recorded fixtures,
 * recording every call, and taking scripted answers (`script`) for the next
 * calls of a route: errors, rate limits, outages.
 */
export class FakePlatforms {
  readonly calls: Call[] = [];
  private readonly scripted = new Map<string, Answer[]>();
  private server: Server | undefined;
  base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', this.base);
        const call = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) };
        this.calls.push(call);
        const key = routeKey(call.method, call.path);
        const answer = this.scripted.get(key)?.shift() ?? DEFAULT_ROUTES[key]?.(call, this.base) ?? { status: 404, body: { error: 'no route' } };
        const isText = typeof answer.body === 'string';
        res.writeHead(answer.status, { 'content-type': isText ? 'text/plain' : 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? undefined : isText ? (answer.body as string) : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next answers of `method path` (`:id` for media ids), in order; then the defaults again. */
  script(route: string, ...answers: Answer[]): void {
    this.scripted.set(route, [...(this.scripted.get(route) ?? []), ...answers]);
  }

  reset(): void {
    this.calls.length = 0;
    this.scripted.clear();
  }

  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && routeKey(c.method, c.path) === routeKey(method, path));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const percent = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Checks an OAuth 1.0a `Authorization` header the way X does (HMAC-SHA1 over
 * the method, the URL called and the sorted oauth and query parameters; JSON
 * and multipart bodies are not signed). Returns the header's parameters.
 */
export function verifyOAuth1(
  call: Call,
  baseUrl: string,
  secrets: { consumerSecret: string; accessTokenSecret: string },
): Record<string, string> {
  const header = String(call.headers['authorization'] ?? '');
  if (!header.startsWith('OAuth ')) throw new Error(`Not an OAuth 1.0a header: ${header}`);
  const params = Object.fromEntries(
    [...header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)].map(([, k, v]) => [k!, decodeURIComponent(v!)]),
  );
  const signed = [...Object.entries(params).filter(([k]) => k !== 'oauth_signature'), ...call.query.entries()]
    .map(([k, v]) => [percent(k), percent(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const base = [call.method, percent(`${baseUrl}${call.path}`), percent(signed)].join('&');
  const key = `${percent(secrets.consumerSecret)}&${percent(secrets.accessTokenSecret)}`;
  const expected = createHmac('sha1', key).update(base).digest('base64');
  if (expected !== params['oauth_signature']) throw new Error(`Bad OAuth signature for ${call.method} ${call.path}`);
  return params;
}
