import type { HttpRequest } from '../../core/http/types';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The bucket a virtual-hosted-style host names (`bucket.s3.eu-west-1.amazonaws.com`, `bucket.localhost`), if any. */
export function bucketFromHost(host: string): string | undefined {
  const hostname = host.startsWith('[') ? host : host.replace(/:\d+$/, '').toLowerCase();
  if (hostname === 'localhost' || IPV4.test(hostname) || hostname.startsWith('[')) return undefined;
  const m = /^(.+?)\.(?:s3(?:[.-].*)?|localhost)$/.exec(hostname);
  return m ? m[1] : undefined;
}

/**
 * Puts an S3 request in the shape the SDK's operation routes expect: the
 * bucket out of the host (virtual-hosted style) or the first path segment
 * (path style) into the `Bucket` label, the rest as the path.
 */
export function s3Rewrite(req: HttpRequest): HttpRequest {
  const fromHost = bucketFromHost(req.host);
  if (fromHost) return { ...req, labels: { ...req.labels, Bucket: fromHost } };
  const m = /^\/([^/]+)(\/.*)?$/.exec(req.path);
  if (!m) return req;
  let bucket = m[1]!;
  try {
    bucket = decodeURIComponent(bucket);
  } catch {
    // keep the raw segment; the operation answers InvalidBucketName / NoSuchBucket
  }
  return { ...req, path: m[2] ?? '/', labels: { ...req.labels, Bucket: bucket } };
}
