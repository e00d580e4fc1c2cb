/**
 * The endpoint's HTTP server: reads each request whole (decoding `aws-chunked`
 * bodies, whose trailers become headers), hands it to the router, writes the answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked';
import { splitUrl, type HttpRequest, type HttpResponse } from './types';

export type RequestHandler = (req: HttpRequest) => Promise<HttpResponse>;

/** Bodies larger than this are refused with 413 (S3 single PUTs stay under 5 GB in AWS; locally far less). */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

export async function readRequest(msg: IncomingMessage): Promise<HttpRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of msg) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('Request body too large'), { statusCode: 413 });
    chunks.push(chunk as Buffer);
  }
  let body: Buffer = Buffer.concat(chunks);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(msg.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  if (isAwsChunked(headers)) {
    const decoded = decodeAwsChunked(body);
    body = decoded.body;
    Object.assign(headers, decoded.trailers);
    if (headers['x-amz-decoded-content-length'] !== undefined) headers['content-length'] = String(body.length);
  }
  const { path, query } = splitUrl(msg.url ?? '/');
  return {
    method: (msg.method ?? 'GET').toUpperCase(),
    path,
    query,
    headers,
    body,
    host: headers['host'] ?? '',
    rawHeaders: msg.rawHeaders,
    ...(msg.socket.remoteAddress ? { remoteAddress: msg.socket.remoteAddress.replace(/^::ffff:/, '') } : {}),
  };
}

export function writeResponse(res: ServerResponse, response: HttpResponse, method: string): void {
  const headers = { ...response.headers };
  const body = response.body;
  if (body === undefined || method === 'HEAD') {
    if (body !== undefined && !(body instanceof Readable) && headers['content-length'] === undefined) {
      headers['content-length'] = String(Buffer.byteLength(body as string | Buffer));
    }
    res.writeHead(response.statusCode, headers);
    res.end();
    if (body instanceof Readable) body.destroy();
    return;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    headers['content-length'] ??= String(Buffer.byteLength(body));
    res.writeHead(response.statusCode, headers);
    res.end(body);
    return;
  }
  res.writeHead(response.statusCode, headers);
  (body as Readable).pipe(res);
}

export interface ListeningServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts an HTTP server on host:port (0 = any free port). */
export async function listen(handler: RequestHandler, host: string, port: number): Promise<ListeningServer> {
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (msg, res) => {
    readRequest(msg)
      .then(handler)
      .then((response) => writeResponse(res, response, msg.method ?? 'GET'))
      .catch((err: unknown) => {
        const status = (err as { statusCode?: number }).statusCode ?? 500;
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(`local cloud: ${(err as Error).message}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
