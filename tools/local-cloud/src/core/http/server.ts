/**
 * The endpoint's HTTP server: reads each request whole (decoding `aws-chunked`
 * bodies, whose trailers become headers), hands it to the router, writes the answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked';
import { splitUrl, type HttpRequest, type HttpResponse } from './types';

export type RequestHandler = (req: HttpRequest) => Promise<HttpResponse>;

/** Bodies larger than this are refused with 413 (S3 single PUTs stay under 5 GB in AWS; locally far less). */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

/** HTTP/2 pseudo-headers (`:method`, `:path`…) are not headers of the request. */
const PSEUDO = /^:/;

export async function readRequest(msg: IncomingMessage | Http2ServerRequest): Promise<HttpRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of msg) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('Request body too large'), { statusCode: 413 });
    chunks.push(chunk as Buffer);
  }
  let body: Buffer = Buffer.concat(chunks);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(msg.headers)) if (v !== undefined && !PSEUDO.test(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  // HTTP/2 carries the host as :authority.
  const authority = msg.headers[':authority'];
  if (headers['host'] === undefined && typeof authority === 'string') headers['host'] = authority;
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
    rawHeaders: msg.rawHeaders.filter((_, i, all) => !PSEUDO.test(all[i - (i % 2)]!)),
    ...(msg.socket?.remoteAddress ? { remoteAddress: msg.socket.remoteAddress.replace(/^::ffff:/, '') } : {}),
  };
}

/** What HTTP/1 and HTTP/2 responses have in common (their own signatures differ in overloads). */
interface ResponseWriter {
  readonly headersSent: boolean;
  writeHead(statusCode: number, headers: Record<string, string>): unknown;
  end(body?: string | Buffer): unknown;
}

export function writeResponse(res: ResponseWriter, response: HttpResponse, method: string): void {
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
  (body as Readable).pipe(res as unknown as NodeJS.WritableStream);
}

export interface ListeningServer {
  readonly server: NetServer;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** The client connection preface of HTTP/2 over cleartext with prior knowledge (RFC 9113 §3.4). */
const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/**
 * Starts the endpoint on host:port (0 = any free port), speaking HTTP/1.1 and HTTP/2
 * (h2c with prior knowledge, what the SDK's HTTP/2 handler uses, e.g. for Lex runtime)
 * on the same port: the first bytes of each connection decide.
 */
export async function listen(handler: RequestHandler, host: string, port: number): Promise<ListeningServer> {
  const serve = (msg: IncomingMessage | Http2ServerRequest, response: ServerResponse | Http2ServerResponse) => {
    const res = response as unknown as ResponseWriter;
    readRequest(msg)
      .then(handler)
      .then((response) => writeResponse(res, response, msg.method ?? 'GET'))
      .catch((err: unknown) => {
        const status = (err as { statusCode?: number }).statusCode ?? 500;
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(`local cloud: ${(err as Error).message}`);
      });
  };
  const http1 = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, serve);
  const http2 = createHttp2Server({}, serve);
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('readable', () => {
      const head: Buffer | null = socket.read(Math.min(H2_PREFACE.length, socket.readableLength)) ?? socket.read();
      if (head) socket.unshift(head);
      const h2 = head !== null && head.length > 0 && H2_PREFACE.subarray(0, head.length).equals(head);
      (h2 ? http2 : http1).emit('connection', socket);
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
        http1.closeAllConnections();
        http2.close();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
