import { MAX_IMAGES_PER_MESSAGE } from '@sma/contracts';
import {
  AddressNotAllowedError,
  ConfigurationError,
  HostNotAllowedError,
  InvalidImageUrlError,
  NotHttpsError,
  RedirectNotAllowedError,
} from '../errors';
import { classifyAddress } from './ip-ranges';

/** X serves tweet photos from these hosts (`media_url_https`). */
export const DEFAULT_IMAGE_HOSTS = ['pbs.twimg.com', 'ton.twimg.com'] as const;
/** Rekognition reads images of at most 15 MB from S3 (taken as 15,000,000 bytes, inside either reading of "MB"). */
export const DEFAULT_MAX_IMAGE_BYTES = 15_000_000;
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_REDIRECTS = 3;

/** Everything the downloader is allowed to do, decided once from configuration. */
export interface DownloadPolicy {
  /** `host:port` origins images may come from (an entry without a port means 443). */
  readonly allowedOrigins: ReadonlySet<string>;
  /** `host:port` origins that may resolve to a loopback address (local cloud only; empty when deployed). */
  readonly loopbackOrigins: ReadonlySet<string>;
  readonly maxBytes: number;
  readonly maxImages: number;
  readonly maxRedirects: number;
  /** One deadline for all of a message's downloads. */
  readonly timeoutMs: number;
}

/** The environment variables the downloader reads (names and defaults are documented in the README). */
export interface DownloadEnvironment {
  readonly IMAGE_HOSTS?: string;
  readonly ALLOW_LOOPBACK_HOSTS?: string;
  readonly MAX_IMAGE_BYTES?: string;
  readonly DOWNLOAD_TIMEOUT_MS?: string;
  readonly MAX_REDIRECTS?: string;
}

const HOST_ENTRY = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::(\d{1,5}))?$/;

function origins(variable: string, raw: string | undefined, requirePort: boolean): Set<string> {
  const entries = (raw ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  const result = new Set<string>();
  for (const entry of entries) {
    const match = HOST_ENTRY.exec(entry);
    const port = match?.[1] === undefined ? undefined : Number(match[1]);
    if (!match || (port !== undefined && (port < 1 || port > 65535))) {
      throw new ConfigurationError(`${variable}: "${entry}" is not a host name with an optional :port`);
    }
    if (requirePort && port === undefined) {
      throw new ConfigurationError(`${variable}: "${entry}" needs an explicit :port (the opt-in is per origin)`);
    }
    result.add(port === undefined ? `${entry}:443` : entry);
  }
  return result;
}

function positiveInt(variable: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigurationError(`${variable}: "${raw}" is not a whole number`);
  return value;
}

/**
 * Reads the policy from the environment. `ALLOW_LOOPBACK_HOSTS` is the one,
 * explicit relaxation, for the local cloud's HTTPS media host on 127.0.0.1: it
 * names exact `host:port` origins that must also be on the allow-list, and lets
 * only those resolve to loopback. Deployed stacks never set it.
 */
export function policyFromEnvironment(env: DownloadEnvironment): DownloadPolicy {
  const allowedOrigins = origins('IMAGE_HOSTS', env.IMAGE_HOSTS ?? DEFAULT_IMAGE_HOSTS.join(','), false);
  const loopbackOrigins = origins('ALLOW_LOOPBACK_HOSTS', env.ALLOW_LOOPBACK_HOSTS, true);
  for (const origin of loopbackOrigins) {
    if (!allowedOrigins.has(origin)) {
      throw new ConfigurationError(`ALLOW_LOOPBACK_HOSTS: ${origin} is not on IMAGE_HOSTS, so it could never be fetched`);
    }
  }
  return {
    allowedOrigins,
    loopbackOrigins,
    maxBytes: positiveInt('MAX_IMAGE_BYTES', env.MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_BYTES),
    maxImages: MAX_IMAGES_PER_MESSAGE,
    maxRedirects: positiveInt('MAX_REDIRECTS', env.MAX_REDIRECTS, DEFAULT_MAX_REDIRECTS),
    timeoutMs: positiveInt('DOWNLOAD_TIMEOUT_MS', env.DOWNLOAD_TIMEOUT_MS, DEFAULT_DOWNLOAD_TIMEOUT_MS),
  };
}

/** `host:port` of a URL, with IPv6 brackets kept (as in the allow-list) and the https default port filled in. */
export function originOf(url: URL): string {
  return `${url.hostname}:${url.port || '443'}`;
}

/** The host name to resolve and connect to (IPv6 literals without brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Parses an image URL and checks it is https on an allowed origin; throws the refusal otherwise. */
export function checkImageUrl(raw: string, policy: DownloadPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new InvalidImageUrlError(raw, { cause: error });
  }
  if (url.protocol !== 'https:') throw new NotHttpsError(raw, url.protocol);
  if (url.username || url.password) throw new InvalidImageUrlError(raw);
  if (!policy.allowedOrigins.has(originOf(url))) throw new HostNotAllowedError(raw, url.host);
  return url;
}

/**
 * Checks a redirect: it must stay https on the same origin as the URL that
 * redirected (a CDN bouncing to another host is exactly how allow-lists are
 * escaped). Returns the absolute URL to follow.
 */
export function checkRedirect(original: string, from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new RedirectNotAllowedError(original, location, 'not a valid URL');
  }
  if (next.protocol !== 'https:') throw new RedirectNotAllowedError(original, location, 'not https');
  if (originOf(next) !== originOf(from)) throw new RedirectNotAllowedError(original, location, 'another host');
  return next;
}

/**
 * Checks a resolved address before connecting to it: it must be public, except
 * that an origin listed in `ALLOW_LOOPBACK_HOSTS` may be on loopback (and
 * nothing else private).
 */
export function checkAddress(original: string, url: URL, address: string, policy: DownloadPolicy): void {
  const found = classifyAddress(address);
  if (found.public) return;
  if (found.loopback && policy.loopbackOrigins.has(originOf(url))) return;
  throw new AddressNotAllowedError(original, url.host, address, found.range);
}
