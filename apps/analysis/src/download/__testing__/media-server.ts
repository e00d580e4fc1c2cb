import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { Resolver } from '../fetch-image';

/** The test images: a real 96x96 PNG and JPEG. */
export const PNG = readFileSync(join(__dirname, '..', '__fixtures__', 'square.png'));
export const JPEG = readFileSync(join(__dirname, '..', '__fixtures__', 'square.jpg'));

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** Host names the test certificate is valid for (the tests resolve them with `resolverFor`). */
export const TEST_HOSTS = ['media.test', 'other.test', 'localhost'] as const;

export interface TestCa {
  /** PEM of the CA that signed the server certificate (what NODE_EXTRA_CA_CERTS or `ca` trusts). */
  readonly caPem: string;
  readonly key: string;
  readonly cert: string;
}

/** A locally generated CA and a server certificate it signed, as the local cloud makes for its media host. */
export async function testCertificates(): Promise<TestCa> {
  const ca = await generate([{ name: 'commonName', value: 'SMA test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'media.test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...TEST_HOSTS.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }] },
    ],
  });
  return { caPem: ca.cert, key: server.private, cert: server.cert };
}

export interface MediaServer {
  readonly port: number;
  /** `https://<host>:<port><path>` */
  url(host: string, path: string): string;
  /** Paths requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 answering each path with its route (404 otherwise). */
export async function startMediaServer(certs: TestCa, routes: Record<string, Route>): Promise<MediaServer> {
  const requests: string[] = [];
  const server: Server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    requests.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    url: (host, path) => `https://${host}:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A resolver answering from a table, as DNS would (and failing for unknown names). */
export function resolverFor(table: Readonly<Record<string, string | readonly string[]>>): Resolver & { readonly lookups: string[] } {
  const lookups: string[] = [];
  const resolve = async (hostname: string) => {
    lookups.push(hostname);
    const entry = table[hostname];
    if (entry === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [entry].flat().map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolve, { lookups });
}

/** Sends an image with the given status and headers. */
export const image =
  (bytes: Buffer, contentType = 'image/jpeg'): Route =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length }).end(bytes);
  };

export const redirect =
  (location: string, status = 302): Route =>
  (_req, res) => {
    res.writeHead(status, { location }).end();
  };
