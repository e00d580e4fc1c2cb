import { NoSuchKey, NotModified, PreconditionFailed } from './errors';

export interface Preconditions {
  readonly IfMatch?: string | undefined;
  readonly IfNoneMatch?: string | undefined;
  readonly IfModifiedSince?: Date | undefined;
  readonly IfUnmodifiedSince?: Date | undefined;
}

function etagMatches(header: string, etag: string): boolean {
  const bare = etag.replace(/"/g, '');
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '').replace(/"/g, '');
    return tag === '*' || tag === bare;
  });
}

/** Whole seconds: HTTP dates carry no milliseconds. */
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The conditional-read rules of S3 (RFC 7232): If-Match / If-Unmodified-Since
 * failing is 412, If-None-Match / If-Modified-Since holding is 304, and
 * If-Match passing overrides If-Unmodified-Since as If-None-Match failing
 * overrides If-Modified-Since.
 */
export function checkReadPreconditions(p: Preconditions, etag: string, lastModified: number): void {
  if (p.IfMatch !== undefined) {
    if (!etagMatches(p.IfMatch, etag)) throw new PreconditionFailed('If-Match');
  } else if (p.IfUnmodifiedSince && seconds(lastModified) > seconds(p.IfUnmodifiedSince.getTime())) {
    throw new PreconditionFailed('If-Unmodified-Since');
  }
  if (p.IfNoneMatch !== undefined) {
    if (etagMatches(p.IfNoneMatch, etag)) throw new NotModified();
  } else if (p.IfModifiedSince && seconds(lastModified) <= seconds(p.IfModifiedSince.getTime())) {
    throw new NotModified();
  }
}

/**
 * Conditional writes (PutObject, CompleteMultipartUpload): `If-None-Match: *`
 * fails (412) when the key exists; `If-Match: <etag>` fails when the key is
 * absent (404) or its ETag differs (412).
 */
export function checkWritePreconditions(p: Pick<Preconditions, 'IfMatch' | 'IfNoneMatch'>, key: string, existingEtag: string | undefined): void {
  if (p.IfNoneMatch !== undefined && existingEtag !== undefined && p.IfNoneMatch.trim() === '*') throw new PreconditionFailed('If-None-Match');
  if (p.IfMatch === undefined) return;
  if (existingEtag === undefined) throw new NoSuchKey(key);
  if (!etagMatches(p.IfMatch, existingEtag)) throw new PreconditionFailed('If-Match');
}
