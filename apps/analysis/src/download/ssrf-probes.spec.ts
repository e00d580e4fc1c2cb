import type { ServerResponse } from 'node:http';
import type { RefusalReason } from '../errors';
import { downloadImages, type DownloadResult } from './download-images';
import type { Resolver } from './fetch-image';
import { image, JPEG, redirect, resolverFor, startMediaServer, testCertificates, type MediaServer, type TestCa } from './__testing__/media-server';
import { DEFAULT_IMAGE_HOSTS, policyFromEnvironment, type DownloadPolicy } from './policy';

/**
 * SSRF probes: every way a message's image URL could make the downloader
 * reach something it must not — private, loopback, link-local and metadata
 * addresses, IPv4-mapped IPv6, CGNAT, "this network", alternative IPv4
 * spellings, names resolving there (also for one of several addresses, also
 * only on the second hop), redirects there or off-host, other schemes,
 * oversize bodies and a server trickling bytes past the deadline. Each is
 * refused, nothing is stored, and the refusal records why.
 *
 * Two policies: as deployed (X's photo hosts only), and "allow-listed", where
 * every probe host is on IMAGE_HOSTS — the defence in depth that must hold
 * even if an operator allow-lists a host that resolves inward.
 */

interface Probe {
  readonly name: string;
  /** The image URL the message carries (`{port}`: the local media server's). */
  readonly url: string;
  readonly error: string;
  readonly reason: RefusalReason;
  /** What the recorded cause must say (the range, the redirect target, the limit). */
  readonly cause: RegExp;
}

let certs: TestCa;
let server: MediaServer;
let dripping: ServerResponse[] = [];

beforeAll(async () => {
  certs = await testCertificates();
  server = await startMediaServer(certs, {
    '/a.jpg': image(JPEG),
    '/to-metadata.jpg': redirect('https://169.254.169.254/latest/meta-data/iam/security-credentials/'),
    '/to-mapped.jpg': (_req, res) => res.writeHead(302, { location: `https://[::ffff:127.0.0.1]:${server.port}/a.jpg` }).end(),
    '/to-private-name.jpg': (_req, res) => res.writeHead(302, { location: `https://internal.test:${server.port}/a.jpg` }).end(),
    '/to-other-port.jpg': redirect('https://media.test:8443/a.jpg'),
    '/to-http.jpg': (_req, res) => res.writeHead(301, { location: `http://media.test:${server.port}/a.jpg` }).end(),
    '/to-file.jpg': redirect('file:///etc/passwd'),
    '/same-origin.jpg': redirect('/a.jpg'),
    '/loop.jpg': redirect('/loop.jpg'),
    '/declared-huge.jpg': (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 50_000_000 }).end(),
    '/streamed-huge.jpg': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.write(JPEG);
      res.end(Buffer.alloc(200_000, 7));
    },
    '/drip.jpg': (_req, res) => {
      // A valid JPEG start, then one byte every 100 ms, forever: only a deadline stops it.
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.write(JPEG.subarray(0, 16));
      dripping.push(res);
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(Buffer.from([0]))), 100);
    },
    '/page.jpg': (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html><body>not an image</body></html>'),
  });
});

afterAll(async () => {
  dripping.forEach((res) => res.destroy());
  dripping = [];
  await server.close();
});

/** Names and IP literals the probes use, and what DNS would answer for them. */
const DNS: Record<string, string | readonly string[]> = {
  'media.test': '127.0.0.1',
  'internal.test': '10.0.0.7',
  'metadata.test': '169.254.169.254',
  'ec2-ipv6-metadata.test': 'fd00:ec2::254',
  'loopback6.test': '::1',
  'link-local6.test': 'fe80::1',
  'mapped-loopback.test': '::ffff:127.0.0.1',
  'mapped-metadata.test': '::ffff:a9fe:a9fe',
  'nat64.test': '64:ff9b::a9fe:a9fe',
  'cgnat.test': '100.64.0.1',
  'mixed.test': ['93.184.216.34', '192.168.0.10'],
};
const IP_LITERALS = ['10.0.0.1', '10.255.255.254', '172.16.0.1', '172.31.255.254', '192.168.1.1', '127.0.0.1', '127.1.2.3', '169.254.169.254', '169.254.1.1', '100.64.0.1', '100.127.255.254', '0.0.0.0'];

/** Every probe host on the allow-list (port 443), and the media server's origin, the only one allowed on loopback (as the local cloud does). */
function allowListed(overrides: Record<string, string> = {}): DownloadPolicy {
  const hosts = [...Object.keys(DNS), `media.test:${server.port}`, ...IP_LITERALS, 'nxdomain.test'];
  return policyFromEnvironment({
    IMAGE_HOSTS: hosts.join(','),
    ALLOW_LOOPBACK_HOSTS: `media.test:${server.port}`,
    MAX_IMAGE_BYTES: '100000',
    DOWNLOAD_TIMEOUT_MS: '1500',
    ...overrides,
  });
}

const dns = (): Resolver =>
  resolverFor({ ...DNS, ...Object.fromEntries(IP_LITERALS.map((ip) => [ip, ip])) });

async function probe(url: string, policy: DownloadPolicy, resolve: Resolver = dns()): Promise<{ result: DownloadResult; stored: string[] }> {
  const stored: string[] = [];
  const result = await downloadImages(
    { MessageId: 'TWITTER-1572570427880538999', ImageUrls: [url.replaceAll('{port}', String(server.port))] },
    { policy, resolve, bucket: 'analysis-images', ca: certs.caPem, store: async (key) => void stored.push(key) },
  );
  return { result, stored };
}

function expectRefused({ result, stored }: { result: DownloadResult; stored: string[] }, p: Probe): void {
  expect(stored).toEqual([]);
  expect(result.Images).toEqual([]);
  expect(result.Refused).toHaveLength(1);
  const [refusal] = result.Refused;
  expect({ error: refusal!.Error, reason: refusal!.Reason }).toEqual({ error: p.error, reason: p.reason });
  expect(refusal!.Cause).toMatch(p.cause);
}

const address = (name: string, url: string, range: string): Probe => ({
  name,
  url,
  error: 'AddressNotAllowedError',
  reason: 'ADDRESS_NOT_ALLOWED',
  cause: new RegExp(`a ${range.replace(/[()"]/g, '\\$&')} address: only public addresses are fetched`),
});

const ADDRESS_PROBES: Probe[] = [
  address('private 10/8', 'https://10.0.0.1/a.jpg', 'private'),
  address('private 10/8, top', 'https://10.255.255.254/a.jpg', 'private'),
  address('private 172.16/12', 'https://172.16.0.1/a.jpg', 'private'),
  address('private 172.16/12, top', 'https://172.31.255.254/a.jpg', 'private'),
  address('private 192.168/16', 'https://192.168.1.1/a.jpg', 'private'),
  address('loopback 127/8', 'https://127.0.0.1/a.jpg', 'loopback'),
  address('loopback 127/8, not .1', 'https://127.1.2.3/a.jpg', 'loopback'),
  address('loopback, decimal spelling 2130706433', 'https://2130706433/a.jpg', 'loopback'),
  address('loopback, octal spelling 0177.0.0.1', 'https://0177.0.0.1/a.jpg', 'loopback'),
  address('loopback, hex spelling 0x7f.1', 'https://0x7f.1/a.jpg', 'loopback'),
  address('link-local 169.254/16', 'https://169.254.1.1/a.jpg', 'link-local (cloud metadata)'),
  address('metadata 169.254.169.254', 'https://169.254.169.254/latest/meta-data/', 'link-local (cloud metadata)'),
  address('CGNAT 100.64/10', 'https://100.64.0.1/a.jpg', 'carrier-grade NAT'),
  address('CGNAT 100.64/10, top', 'https://100.127.255.254/a.jpg', 'carrier-grade NAT'),
  address('"this network" 0.0.0.0', 'https://0.0.0.0/a.jpg', '"this network"'),
  address('a name resolving to 10/8', 'https://internal.test/a.jpg', 'private'),
  address('a name resolving to the metadata address', 'https://metadata.test/latest/meta-data/', 'link-local (cloud metadata)'),
  address('a name resolving to EC2 IPv6 metadata fd00:ec2::254', 'https://ec2-ipv6-metadata.test/latest/meta-data/', 'IPv6 unique-local'),
  address('a name resolving to ::1', 'https://loopback6.test/a.jpg', 'loopback'),
  address('a name resolving to fe80::/10', 'https://link-local6.test/a.jpg', 'IPv6 link-local'),
  address('a name resolving to ::ffff:127.0.0.1', 'https://mapped-loopback.test/a.jpg', 'IPv4-mapped IPv6'),
  address('a name resolving to ::ffff:a9fe:a9fe (metadata, mapped)', 'https://mapped-metadata.test/a.jpg', 'IPv4-mapped IPv6'),
  address('a name resolving to NAT64 of the metadata address', 'https://nat64.test/a.jpg', 'NAT64 (embeds an IPv4 address)'),
  address('a name resolving to CGNAT', 'https://cgnat.test/a.jpg', 'carrier-grade NAT'),
  address('a name resolving to a public and a private address', 'https://mixed.test/a.jpg', 'private'),
  address('the media host on another port than the one allowed on loopback', 'https://media.test/a.jpg', 'loopback'),
];

const redirectProbe = (name: string, path: string, cause: RegExp): Probe => ({
  name,
  url: `https://media.test:{port}${path}`,
  error: 'RedirectNotAllowedError',
  reason: 'REDIRECT_NOT_ALLOWED',
  cause,
});

const OTHER_PROBES: Probe[] = [
  redirectProbe('a redirect to the metadata address', '/to-metadata.jpg', /redirect to https:\/\/169\.254\.169\.254\/latest\/meta-data\/iam\/security-credentials\/: another host/),
  redirectProbe('a redirect to an IPv4-mapped loopback', '/to-mapped.jpg', /redirect to https:\/\/\[::ffff:127\.0\.0\.1\]:\d+\/a\.jpg: another host/),
  redirectProbe('a redirect to an allowed host that resolves inward', '/to-private-name.jpg', /internal\.test:\d+\/a\.jpg: another host/),
  redirectProbe('a redirect to the same host on another port', '/to-other-port.jpg', /media\.test:8443\/a\.jpg: another host/),
  redirectProbe('a redirect down to http', '/to-http.jpg', /: not https$/),
  redirectProbe('a redirect to file://', '/to-file.jpg', /file:\/\/\/etc\/passwd: not https$/),
  { name: 'a redirect loop', url: 'https://media.test:{port}/loop.jpg', error: 'TooManyRedirectsError', reason: 'TOO_MANY_REDIRECTS', cause: /More than 3 redirects/ },
  { name: 'plain http', url: 'http://media.test:{port}/a.jpg', error: 'NotHttpsError', reason: 'NOT_HTTPS', cause: /not http$/ },
  { name: 'file://', url: 'file:///etc/passwd', error: 'NotHttpsError', reason: 'NOT_HTTPS', cause: /not file$/ },
  { name: 'gopher://', url: 'gopher://127.0.0.1:6379/_INFO', error: 'NotHttpsError', reason: 'NOT_HTTPS', cause: /not gopher$/ },
  { name: 'credentials in the URL', url: 'https://user:secret@media.test:{port}/a.jpg', error: 'InvalidImageUrlError', reason: 'INVALID_URL', cause: /not a valid absolute URL/ },
  { name: 'an IPv6 literal (cannot be allow-listed)', url: 'https://[::1]/a.jpg', error: 'HostNotAllowedError', reason: 'HOST_NOT_ALLOWED', cause: /Host \[::1\] is not on the image host allow-list/ },
  { name: 'a name DNS does not know', url: 'https://nxdomain.test/a.jpg', error: 'DnsLookupError', reason: 'DNS_FAILED', cause: /Could not resolve nxdomain\.test/ },
  { name: 'a declared oversize body', url: 'https://media.test:{port}/declared-huge.jpg', error: 'ImageTooLargeError', reason: 'TOO_LARGE', cause: /over 100000 bytes \(0 bytes seen/ },
  { name: 'an oversize body streamed without Content-Length', url: 'https://media.test:{port}/streamed-huge.jpg', error: 'ImageTooLargeError', reason: 'TOO_LARGE', cause: /over 100000 bytes \(\d+ bytes seen/ },
  { name: 'a server trickling bytes past the deadline', url: 'https://media.test:{port}/drip.jpg', error: 'DownloadTimeoutError', reason: 'TIMEOUT', cause: /did not finish within 1500 ms/ },
  { name: 'an HTML page named .jpg', url: 'https://media.test:{port}/page.jpg', error: 'NotAnImageError', reason: 'NOT_AN_IMAGE', cause: /neither JPEG nor PNG/ },
];

describe('SSRF probes against the image downloader (every probe host allow-listed)', () => {
  it('fetches an image from the allowed media host, so the refusals below are the policy, not a broken setup', async () => {
    const { result, stored } = await probe('https://media.test:{port}/a.jpg', allowListed());
    expect(result.Refused).toEqual([]);
    expect(stored).toEqual(['images/TWITTER-1572570427880538999/0.jpg']);
  });

  it.each(ADDRESS_PROBES.map((p) => [p.name, p] as const))('refuses %s before connecting', async (_name, p) => {
    const before = server.requests.length;
    expectRefused(await probe(p.url, allowListed()), p);
    expect(server.requests.length).toBe(before);
  });

  it.each(OTHER_PROBES.map((p) => [p.name, p] as const))('refuses %s', async (_name, p) => {
    expectRefused(await probe(p.url, allowListed()), p);
  });

  it('re-checks the address on every hop: a name that rebinds to a private address after the first answer', async () => {
    let lookups = 0;
    const rebinding: Resolver = async (host) => {
      if (host !== 'media.test') throw new Error(`unexpected lookup of ${host}`);
      lookups += 1;
      return [{ address: lookups === 1 ? '127.0.0.1' : '10.0.0.7', family: 4 }];
    };
    expectRefused(await probe('https://media.test:{port}/same-origin.jpg', allowListed(), rebinding), {
      ...address('', '', 'private'),
      cause: /media\.test:\d+ resolves to 10\.0\.0\.7, a private address/,
    });
    expect(lookups).toBe(2);
  });
});

describe('SSRF probes against the downloader as deployed (X photo hosts only)', () => {
  const deployed = () => policyFromEnvironment({});

  it('allows exactly X’s photo hosts, nothing on loopback', () => {
    const policy = deployed();
    expect([...policy.allowedOrigins]).toEqual(DEFAULT_IMAGE_HOSTS.map((h) => `${h}:443`));
    expect(policy.loopbackOrigins.size).toBe(0);
  });

  it.each([...ADDRESS_PROBES, ...OTHER_PROBES].filter((p) => p.url.startsWith('https://') && !p.url.includes('@')).map((p) => [p.name, p] as const))(
    'refuses %s at the allow-list',
    async (_name, p) => {
      const { result, stored } = await probe(p.url, deployed());
      expect(stored).toEqual([]);
      expect(result.Refused.map((r) => [r.Error, r.Reason])).toEqual([['HostNotAllowedError', 'HOST_NOT_ALLOWED']]);
      expect(result.Refused[0]!.Cause).toMatch(/is not on the image host allow-list/);
    },
  );

  it('still checks the address of an allowed host: pbs.twimg.com resolving to the metadata address', async () => {
    const poisoned = resolverFor({ 'pbs.twimg.com': '169.254.169.254' });
    expectRefused(await probe('https://pbs.twimg.com/media/FdJdXzWXkAEvKzM.jpg', deployed(), poisoned), {
      ...address('', '', 'link-local (cloud metadata)'),
      cause: /pbs\.twimg\.com resolves to 169\.254\.169\.254, a link-local \(cloud metadata\) address/,
    });
  });
});
