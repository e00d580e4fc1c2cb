/**
 * The local HTTPS media host: serves the images sent with a mention, as X's media
 * CDN does, at `https://localhost:<port>/media/<id>.<ext>`, with a certificate signed
 * by a local certificate authority (generated once into `<dataDir>/fakes/`; its
 * `ca.pem` is what the downloader trusts through `NODE_EXTRA_CA_CERTS`). Images are
 * added through `POST <endpoint>/_fakes/media` (what `npm run send --image` does).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { jsonResponse, type HttpRequest, type HttpResponse } from '../core/http/types';
import { ensureDir, readJsonFile, writeFileAtomic, writeJsonAtomic } from '../core/persistence';
import { imageInfo } from './images';
import type { FakeRecorder } from './recorder';

export interface Pki {
  readonly caFile: string;
  readonly cert: string;
  readonly key: string;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/** The local CA and the media host's certificate (for localhost and 127.0.0.1), created on first use. */
export async function ensurePki(dir: string): Promise<Pki> {
  ensureDir(dir);
  const files = { ca: join(dir, 'ca.pem'), caKey: join(dir, 'ca-key.pem'), cert: join(dir, 'media-cert.pem'), key: join(dir, 'media-key.pem') };
  if (!existsSync(files.ca) || !existsSync(files.caKey)) {
    const year = 365 * 24 * 3600 * 1000;
    const ca = await generate([{ name: 'commonName', value: 'Serverless Message Analyser local CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 10 * year),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    writeFileAtomic(files.caKey, ca.private);
    writeFileAtomic(files.ca, ca.cert);
  }
  if (!existsSync(files.cert) || !existsSync(files.key)) {
    const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 2 * 365 * 24 * 3600 * 1000),
      ca: { key: readFileSync(files.caKey, 'utf8'), cert: readFileSync(files.ca, 'utf8') },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    });
    writeFileAtomic(files.key, leaf.private);
    writeFileAtomic(files.cert, leaf.cert);
  }
  return { caFile: files.ca, cert: readFileSync(files.cert, 'utf8'), key: readFileSync(files.key, 'utf8') };
}

export class MediaHost {
  private server: Server | undefined;
  private readonly dir: string;
  private readonly index: Record<string, { contentType: string; name: string; size: number }>;
  port = 0;

  constructor(
    dataDir: string,
    private readonly recorder: FakeRecorder,
  ) {
    this.dir = ensureDir(join(dataDir, 'media'));
    this.index = readJsonFile(join(this.dir, 'index.json'), {});
  }

  async start(pki: Pki, host: string, port: number): Promise<void> {
    this.server = createServer({ cert: pki.cert, key: pki.key }, (req, res) => {
      const m = /^\/media\/([A-Za-z0-9_-]+\.[a-z]+)$/.exec(req.url ?? '');
      const entry = m ? this.index[m[1]!] : undefined;
      if (!m || !entry || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not Found');
        return;
      }
      const bytes = readFileSync(join(this.dir, m[1]!));
      res.writeHead(200, { 'content-type': entry.contentType, 'content-length': String(bytes.length), 'cache-control': 'max-age=604800' });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** `POST /_fakes/media`: stores an image and answers its URL on the media host. */
  async upload(req: HttpRequest): Promise<HttpResponse> {
    if (req.method !== 'POST') return jsonResponse(405, { message: 'POST an image' });
    const info = imageInfo(req.body);
    if (!info) return jsonResponse(400, { message: 'The body is not a PNG, JPEG, GIF or WebP image' });
    const name = `${randomBytes(9).toString('base64url')}.${EXTENSIONS[info.type]}`;
    writeFileAtomic(join(this.dir, name), req.body);
    this.index[name] = { contentType: info.type, name: req.query.find(([k]) => k === 'name')?.[1] ?? name, size: req.body.length };
    writeJsonAtomic(join(this.dir, 'index.json'), this.index);
    const url = `https://localhost:${this.port}/media/${name}`;
    await this.recorder.record({ id: name, platform: 'media', kind: 'image', at: new Date().toISOString(), data: { url, contentType: info.type, size: req.body.length, width: info.width, height: info.height } });
    return jsonResponse(201, { url, contentType: info.type, size: req.body.length });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }
}
