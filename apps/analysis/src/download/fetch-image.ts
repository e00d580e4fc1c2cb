import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  DnsLookupError,
  DownloadFailedError,
  DownloadTimeoutError,
  HttpStatusError,
  ImageRefusedError,
  ImageTooLargeError,
  NotAnImageError,
  RedirectNotAllowedError,
  TooManyRedirectsError,
} from '../errors';
import { SNIFF_BYTES, sniffImageType, type ImageType } from './image-type';
import { checkAddress, checkImageUrl, checkRedirect, hostOf, type DownloadPolicy } from './policy';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has. Injected so tests can point any name anywhere. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The operating system's resolver (what `https.request` would have used), asked for every address. */
export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface FetchImageOptions {
  readonly policy: DownloadPolicy;
  readonly resolve: Resolver;
  /** Aborts the download (the message's overall deadline). */
  readonly signal: AbortSignal;
  /**
   * Extra trusted CA for tests only. Deployed code passes nothing, so Node's
   * default trust store applies, including `NODE_EXTRA_CA_CERTS` (how the local
   * cloud trusts its own media host).
   */
  readonly ca?: string;
}

export interface FetchedImage {
  readonly bytes: Buffer;
  readonly type: ImageType;
}

const USER_AGENT = 'ServerlessMessageAnalyser/0.1 (image analysis)';

/** Resolves the URL's host and checks every address; returns them IPv4 first (Lambda has no IPv6 egress outside a VPC). */
async function resolveChecked(original: string, url: URL, options: FetchImageOptions): Promise<readonly ResolvedAddress[]> {
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await options.resolve(hostOf(url));
  } catch (error) {
    throw new DnsLookupError(original, url.hostname, { cause: error });
  }
  if (addresses.length === 0) throw new DnsLookupError(original, url.hostname);
  // Every address is checked, not just the one used: a name that resolves to a
  // private address at all is not one to trust with the next lookup either.
  for (const { address } of addresses) checkAddress(original, url, address, options.policy);
  return [...addresses].sort((a, b) => a.family - b.family);
}

/** Connection failures after which the next checked address of the same name is worth trying. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

/** GETs the URL from the first checked address that accepts a connection. */
async function getFromAny(url: URL, addresses: readonly ResolvedAddress[], options: FetchImageOptions): Promise<IncomingMessage> {
  for (let i = 0; ; i++) {
    try {
      return await get(url, addresses[i]!, options);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (i === addresses.length - 1 || !code || !UNREACHABLE.has(code)) throw error;
    }
  }
}

/**
 * A lookup that answers with the address already checked, so the socket
 * connects exactly there: no second DNS query, no rebinding window. TLS still
 * verifies the certificate against the URL's host name (SNI and Host as usual).
 */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (opts?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
}

function get(url: URL, pinned: ResolvedAddress, options: FetchImageOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        protocol: 'https:',
        host: hostOf(url),
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { 'user-agent': USER_AGENT, accept: 'image/jpeg, image/png' },
        lookup: pinnedLookup(pinned),
        agent: false,
        signal: options.signal,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

/** Reads the body, refusing as soon as it is too large or its first bytes are not JPEG or PNG. */
async function readImage(original: string, response: IncomingMessage, maxBytes: number): Promise<FetchedImage> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new ImageTooLargeError(original, maxBytes, 0);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let type: ImageType | undefined;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw new ImageTooLargeError(original, maxBytes, size);
    }
    chunks.push(chunk);
    if (type === undefined && size >= SNIFF_BYTES) {
      type = sniffImageType(Buffer.concat(chunks));
      if (type === undefined) {
        response.destroy();
        throw new NotAnImageError(original);
      }
    }
  }
  const bytes = Buffer.concat(chunks);
  type ??= sniffImageType(bytes);
  if (type === undefined) throw new NotAnImageError(original);
  return { bytes, type };
}

const isRedirect = (status: number) => [301, 302, 303, 307, 308].includes(status);

/**
 * Fetches one image under the policy: https on an allowed origin, every hop
 * resolved and checked before connecting to the checked address, redirects
 * followed by hand and only within the same origin, JPEG or PNG by magic
 * bytes, at most `maxBytes` streamed. Throws an `ImageRefusedError` subclass
 * saying why not.
 */
export async function fetchImage(raw: string, options: FetchImageOptions): Promise<FetchedImage> {
  let url = checkImageUrl(raw, options.policy);
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await resolveChecked(raw, url, options);
      const response = await getFromAny(url, addresses, options);
      const status = response.statusCode ?? 0;
      if (isRedirect(status)) {
        response.resume();
        const location = response.headers.location;
        if (!location) throw new RedirectNotAllowedError(raw, '(none)', 'a redirect without a Location');
        if (hop >= options.policy.maxRedirects) throw new TooManyRedirectsError(raw, options.policy.maxRedirects);
        url = checkRedirect(raw, url, location);
        continue;
      }
      if (status !== 200) {
        response.resume();
        throw new HttpStatusError(raw, status);
      }
      return await readImage(raw, response, options.policy.maxBytes);
    }
  } catch (error) {
    if (error instanceof ImageRefusedError) throw error;
    if (options.signal.aborted) throw new DownloadTimeoutError(raw, options.policy.timeoutMs);
    const code = (error as { code?: string }).code;
    throw new DownloadFailedError(raw, code ? `${code}: ${(error as Error).message}` : String(error), { cause: error });
  }
}
