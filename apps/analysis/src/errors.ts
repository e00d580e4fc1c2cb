/** Base class of every error the analysis service raises. */
export class AnalysisError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnalysisError';
  }
}

/**
 * The execution's `MESSAGE_RECEIVED` detail does not satisfy its contract. The
 * workflow fails the execution on it (an alarm fires) rather than publishing a
 * `MESSAGE_ANALYSED` built on a message nobody can trust.
 */
export class InvalidMessageError extends AnalysisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidMessageError';
  }
}

/** A Lambda step received input the workflow should never send it (a definition bug). */
export class InvalidStepInputError extends AnalysisError {
  constructor(
    readonly step: string,
    readonly issues: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${step} received invalid input: ${issues.slice(0, 5).join('; ')}`, options);
    this.name = 'InvalidStepInputError';
  }
}

/** The stack's or a function's configuration is unusable (a bad environment variable or prop). */
export class ConfigurationError extends AnalysisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}

/** Why the downloader refused an image; also the metric dimension. */
export const REFUSAL_REASONS = [
  'INVALID_URL',
  'NOT_HTTPS',
  'HOST_NOT_ALLOWED',
  'DNS_FAILED',
  'ADDRESS_NOT_ALLOWED',
  'REDIRECT_NOT_ALLOWED',
  'TOO_MANY_REDIRECTS',
  'HTTP_STATUS',
  'NOT_AN_IMAGE',
  'TOO_LARGE',
  'TOO_MANY_IMAGES',
  'TIMEOUT',
  'NETWORK',
  'STORE_FAILED',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The downloader would not (or could not) fetch an image. Recorded per URL in the result, never thrown out of the handler. */
export abstract class ImageRefusedError extends AnalysisError {
  abstract readonly reason: RefusalReason;
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImageRefusedError';
  }
}

export class InvalidImageUrlError extends ImageRefusedError {
  readonly reason = 'INVALID_URL';
  constructor(url: string, options?: { cause?: unknown }) {
    super(url, 'The image URL is not a valid absolute URL', options);
    this.name = 'InvalidImageUrlError';
  }
}

export class NotHttpsError extends ImageRefusedError {
  readonly reason = 'NOT_HTTPS';
  constructor(url: string, protocol: string) {
    super(url, `Only https image URLs are fetched, not ${protocol.replace(/:$/, '')}`);
    this.name = 'NotHttpsError';
  }
}

export class HostNotAllowedError extends ImageRefusedError {
  readonly reason = 'HOST_NOT_ALLOWED';
  constructor(url: string, host: string) {
    super(url, `Host ${host} is not on the image host allow-list`);
    this.name = 'HostNotAllowedError';
  }
}

export class DnsLookupError extends ImageRefusedError {
  readonly reason = 'DNS_FAILED';
  constructor(url: string, host: string, options?: { cause?: unknown }) {
    super(url, `Could not resolve ${host}`, options);
    this.name = 'DnsLookupError';
  }
}

export class AddressNotAllowedError extends ImageRefusedError {
  readonly reason = 'ADDRESS_NOT_ALLOWED';
  constructor(url: string, host: string, address: string, range: string) {
    super(url, `${host} resolves to ${address}, a ${range} address: only public addresses are fetched`);
    this.name = 'AddressNotAllowedError';
  }
}

export class RedirectNotAllowedError extends ImageRefusedError {
  readonly reason = 'REDIRECT_NOT_ALLOWED';
  constructor(url: string, location: string, why: string) {
    super(url, `Refused the redirect to ${location.slice(0, 300)}: ${why}`);
    this.name = 'RedirectNotAllowedError';
  }
}

export class TooManyRedirectsError extends ImageRefusedError {
  readonly reason = 'TOO_MANY_REDIRECTS';
  constructor(url: string, max: number) {
    super(url, `More than ${max} redirects`);
    this.name = 'TooManyRedirectsError';
  }
}

export class HttpStatusError extends ImageRefusedError {
  readonly reason = 'HTTP_STATUS';
  constructor(
    url: string,
    readonly status: number,
  ) {
    super(url, `The image host answered HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

export class NotAnImageError extends ImageRefusedError {
  readonly reason = 'NOT_AN_IMAGE';
  constructor(url: string) {
    super(url, 'The content is neither JPEG nor PNG (checked by its magic bytes)');
    this.name = 'NotAnImageError';
  }
}

export class ImageTooLargeError extends ImageRefusedError {
  readonly reason = 'TOO_LARGE';
  constructor(url: string, maxBytes: number, seenBytes: number) {
    super(url, `The image is over ${maxBytes} bytes (${seenBytes} bytes seen before aborting)`);
    this.name = 'ImageTooLargeError';
  }
}

export class TooManyImagesError extends ImageRefusedError {
  readonly reason = 'TOO_MANY_IMAGES';
  constructor(url: string, max: number) {
    super(url, `Only the first ${max} images of a message are analysed`);
    this.name = 'TooManyImagesError';
  }
}

export class DownloadTimeoutError extends ImageRefusedError {
  readonly reason = 'TIMEOUT';
  constructor(url: string, timeoutMs: number) {
    super(url, `The downloads did not finish within ${timeoutMs} ms`);
    this.name = 'DownloadTimeoutError';
  }
}

export class DownloadFailedError extends ImageRefusedError {
  readonly reason = 'NETWORK';
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(url, `The download failed: ${detail}`, options);
    this.name = 'DownloadFailedError';
  }
}

export class ImageStoreError extends ImageRefusedError {
  readonly reason = 'STORE_FAILED';
  constructor(url: string, key: string, options?: { cause?: unknown }) {
    super(url, `Could not store the image as ${key}`, options);
    this.name = 'ImageStoreError';
  }
}
