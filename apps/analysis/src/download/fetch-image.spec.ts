import {
  AddressNotAllowedError,
  DnsLookupError,
  DownloadFailedError,
  DownloadTimeoutError,
  HostNotAllowedError,
  HttpStatusError,
  ImageTooLargeError,
  NotAnImageError,
  NotHttpsError,
  RedirectNotAllowedError,
  TooManyRedirectsError,
} from '../errors';
import { fetchImage, type Resolver } from './fetch-image';
import { image, JPEG, PNG, redirect, resolverFor, startMediaServer, testCertificates, type MediaServer, type TestCa } from './__testing__/media-server';
import { policyFromEnvironment, type DownloadPolicy } from './policy';

let certs: TestCa;
let server: MediaServer;
let stalled: Array<() => void> = [];

beforeAll(async () => {
  certs = await testCertificates();
  server = await startMediaServer(certs, {
    '/a.jpg': image(JPEG),
    '/b.png': image(PNG, 'image/png'),
    '/moved.jpg': redirect('/a.jpg'),
    '/moved-twice.jpg': redirect('/moved.jpg', 301),
    '/loop.jpg': redirect('/loop.jpg'),
    '/off-host.jpg': (_req, res) => res.writeHead(302, { location: `https://other.test:${server.port}/a.jpg` }).end(),
    '/to-http.jpg': (_req, res) => res.writeHead(302, { location: `http://media.test:${server.port}/a.jpg` }).end(),
    '/page.jpg': (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<!doctype html><title>Not an image</title>'),
    '/gif.jpg': (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')),
    '/gone.jpg': (_req, res) => res.writeHead(404).end(),
    '/huge-declared.jpg': (_req, res) => res.writeHead(200, { 'content-length': 50_000_000 }).write(JPEG.subarray(0, 16)),
    '/huge-streamed.jpg': (_req, res) => {
      // No Content-Length: only counting the streamed bytes can catch it.
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.write(JPEG);
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
      };
      res.on('drain', pump);
      res.on('close', () => res.removeListener('drain', pump));
      pump();
    },
    '/stall.jpg': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.write(JPEG.subarray(0, 32));
      stalled.push(() => res.end());
    },
  });
});

afterAll(async () => {
  stalled.forEach((end) => end());
  stalled = [];
  await server.close();
});

function policy(overrides: Record<string, string> = {}): DownloadPolicy {
  const origins = `media.test:${server.port},other.test:${server.port}`;
  return policyFromEnvironment({ IMAGE_HOSTS: origins, ALLOW_LOOPBACK_HOSTS: origins, DOWNLOAD_TIMEOUT_MS: '5000', ...overrides });
}

const local = () => resolverFor({ 'media.test': '127.0.0.1', 'other.test': '127.0.0.1' });

function fetch(url: string, options: { policy?: DownloadPolicy; resolve?: Resolver; ca?: string | null } = {}) {
  const p = options.policy ?? policy();
  return fetchImage(url, {
    policy: p,
    resolve: options.resolve ?? local(),
    signal: AbortSignal.timeout(p.timeoutMs),
    ...(options.ca === null ? {} : { ca: options.ca ?? certs.caPem }),
  });
}

describe('fetchImage', () => {
  it('fetches a JPEG and a PNG, typed by their magic bytes', async () => {
    await expect(fetch(server.url('media.test', '/a.jpg'))).resolves.toEqual({ bytes: JPEG, type: 'image/jpeg' });
    await expect(fetch(server.url('media.test', '/b.png'))).resolves.toEqual({ bytes: PNG, type: 'image/png' });
  });

  it('refuses an http URL without resolving or connecting', async () => {
    const resolve = local();
    await expect(fetch(`http://media.test:${server.port}/a.jpg`, { resolve })).rejects.toThrow(NotHttpsError);
    expect(resolve.lookups).toEqual([]);
  });

  it('refuses a host that is not on the allow-list, and the right host on another port', async () => {
    const resolve = local();
    await expect(fetch(`https://evil.test:${server.port}/a.jpg`, { resolve })).rejects.toThrow(HostNotAllowedError);
    await expect(fetch(`https://media.test:${server.port + 1}/a.jpg`, { resolve })).rejects.toThrow(HostNotAllowedError);
    expect(resolve.lookups).toEqual([]);
  });

  it.each([
    ['10.0.0.5', 'private'],
    ['172.20.1.1', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['0.0.0.0', '"this network"'],
    ['fd12:3456::1', 'IPv6 unique-local'],
    ['fe80::1', 'IPv6 link-local'],
    ['::1', 'loopback'],
    ['::ffff:169.254.169.254', 'IPv4-mapped IPv6'],
  ])('refuses a host that resolves to %s (%s) before connecting', async (address, range) => {
    const before = server.requests.length;
    const noOptIn = policyFromEnvironment({ IMAGE_HOSTS: `media.test:${server.port}` });
    const error = await fetch(server.url('media.test', '/a.jpg'), { policy: noOptIn, resolve: resolverFor({ 'media.test': address }) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AddressNotAllowedError);
    expect((error as Error).message).toContain(`${address}, a ${range} address`);
    expect(server.requests.length).toBe(before);
  });

  it('refuses a name with any private address among its answers', async () => {
    await expect(
      fetch(server.url('media.test', '/a.jpg'), { resolve: resolverFor({ 'media.test': ['127.0.0.1', '10.1.2.3'] }) }),
    ).rejects.toThrow(AddressNotAllowedError);
  });

  it('reports a name that does not resolve', async () => {
    await expect(fetch(server.url('media.test', '/a.jpg'), { resolve: resolverFor({}) })).rejects.toThrow(DnsLookupError);
  });

  it('connects to the address it checked: one lookup per hop, so a rebinding DNS answer is never used', async () => {
    let answers = 0;
    const rebinding: Resolver = async () => [{ address: answers++ === 0 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    await expect(fetch(server.url('media.test', '/a.jpg'), { resolve: rebinding })).resolves.toMatchObject({ type: 'image/jpeg' });
    expect(answers).toBe(1);
  });

  it('tries the next checked address when one refuses connections, IPv4 first', async () => {
    const resolve = resolverFor({ 'media.test': ['::1', '127.0.0.2', '127.0.0.1'] });
    await expect(fetch(server.url('media.test', '/a.jpg'), { resolve })).resolves.toMatchObject({ type: 'image/jpeg' });
  });

  it('follows redirects within the same origin, checking every hop', async () => {
    const resolve = local();
    await expect(fetch(server.url('media.test', '/moved-twice.jpg'), { resolve })).resolves.toMatchObject({ type: 'image/jpeg' });
    expect(resolve.lookups).toEqual(['media.test', 'media.test', 'media.test']);
  });

  it('refuses a redirect to another host, even an allow-listed one, without following it', async () => {
    const resolve = local();
    const error = await fetch(server.url('media.test', '/off-host.jpg'), { resolve }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectNotAllowedError);
    expect((error as Error).message).toContain('another host');
    expect(resolve.lookups).toEqual(['media.test']);
  });

  it('refuses a redirect to http', async () => {
    await expect(fetch(server.url('media.test', '/to-http.jpg'))).rejects.toThrow(/not https/);
  });

  it('stops after the maximum number of redirects', async () => {
    await expect(fetch(server.url('media.test', '/loop.jpg'))).rejects.toThrow(TooManyRedirectsError);
  });

  it('refuses content that is not JPEG or PNG, whatever its Content-Type says', async () => {
    await expect(fetch(server.url('media.test', '/page.jpg'))).rejects.toThrow(NotAnImageError);
    await expect(fetch(server.url('media.test', '/gif.jpg'))).rejects.toThrow(NotAnImageError);
  });

  it('refuses an error status', async () => {
    await expect(fetch(server.url('media.test', '/gone.jpg'))).rejects.toThrow(HttpStatusError);
  });

  it('refuses an image declared larger than the limit without reading it', async () => {
    const error = await fetch(server.url('media.test', '/huge-declared.jpg')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageTooLargeError);
    expect((error as Error).message).toContain('over 15000000 bytes');
  });

  it('aborts a streamed body as soon as it passes the limit', async () => {
    const small = policy({ MAX_IMAGE_BYTES: '100000' });
    const error = await fetch(server.url('media.test', '/huge-streamed.jpg'), { policy: small }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageTooLargeError);
    const seen = Number(/\((\d+) bytes seen/.exec((error as Error).message)![1]);
    expect(seen).toBeGreaterThan(100_000);
    expect(seen).toBeLessThan(100_000 + 64 * 1024 + JPEG.length);
  });

  it('gives up when the deadline passes', async () => {
    const quick = policy({ DOWNLOAD_TIMEOUT_MS: '300' });
    await expect(fetch(server.url('media.test', '/stall.jpg'), { policy: quick })).rejects.toThrow(DownloadTimeoutError);
  });

  it('verifies the certificate: an untrusted CA or a name the certificate does not cover fails', async () => {
    await expect(fetch(server.url('media.test', '/a.jpg'), { ca: null })).rejects.toThrow(DownloadFailedError);
    const origins = `unlisted.test:${server.port}`;
    const wrongName = policyFromEnvironment({ IMAGE_HOSTS: origins, ALLOW_LOOPBACK_HOSTS: origins });
    const error = await fetch(server.url('unlisted.test', '/a.jpg'), {
      policy: wrongName,
      resolve: resolverFor({ 'unlisted.test': '127.0.0.1' }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadFailedError);
    expect((error as Error).message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });
});
