import type { HttpRequest } from '../../core/http/types';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The bucket a virtual-hosted-style host names (`bucket.s3.eu-west-1.amazonaws.com`, `bucket.localhost`), if any. */
export function bucketFromHost(host: string): string | undefined {
  const hostname = host.startsWith('[') ? host : host.replace(/:\d+$/, '').toLowerCase();
  if (hostname === 'localhost' || IPV4.test(hostname) || hostname.startsWith('[')) return undefined;
  const m = /^(.+?)\.(?:s3(?:[.-].*)?|localhost)$/.exec(hostname);
  return m ? m[1] : undefined;
}

/** Query parameters that name a sub-resource: requests with one route by their literal, never by a hint. */
const SUBRESOURCES = new Set([
  'acl', 'tagging', 'legal-hold', 'retention', 'annotation', 'renameObject', 'encryption', 'attributes', 'torrent', 'restore', 'select', 'uploads',
  'lifecycle', 'policy', 'cors', 'website', 'versioning', 'logging', 'notification', 'replication', 'location', 'versions', 'list-type',
  'accelerate', 'analytics', 'intelligent-tiering', 'inventory', 'metrics', 'ownershipControls', 'publicAccessBlock', 'requestPayment',
  'object-lock', 'policyStatus', 'delete', 'metadataTable', 'metadataConfiguration', 'session', 'abac',
]);

/**
 * The operation of a request whose route is ambiguous without `x-id` (the AWS
 * CLI sends none): UploadPart / UploadPartCopy / CopyObject / PutObject share
 * `PUT /{Key+}`, DeleteObject / AbortMultipartUpload `DELETE`, GetObject /
 * ListParts `GET`, and ListBuckets / ListObjects `GET /`.
 */
export function operationHint(req: Pick<HttpRequest, 'method' | 'path' | 'query' | 'headers'>, bucket: string | undefined): string | undefined {
  const names = new Set(req.query.map(([k]) => k));
  if (names.has('x-id') || [...names].some((n) => SUBRESOURCES.has(n))) return undefined;
  const copy = req.headers['x-amz-copy-source'] !== undefined;
  const isObject = req.path !== '/' && req.path !== '';
  if (!isObject) return req.method === 'GET' ? (bucket ? 'ListObjects' : 'ListBuckets') : undefined;
  switch (req.method) {
    case 'PUT':
      if (names.has('partNumber') && names.has('uploadId')) return copy ? 'UploadPartCopy' : 'UploadPart';
      return copy ? 'CopyObject' : 'PutObject';
    case 'DELETE':
      return names.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'GET':
      return names.has('uploadId') ? 'ListParts' : 'GetObject';
    default:
      return undefined;
  }
}

/**
 * Puts an S3 request in the shape the SDK's operation routes expect: the
 * bucket out of the host (virtual-hosted style) or the first path segment
 * (path style) into the `Bucket` label, the rest as the path, and the
 * operation named where the route alone is ambiguous.
 */
export function s3Rewrite(req: HttpRequest): HttpRequest {
  const fromHost = bucketFromHost(req.host);
  let rewritten: HttpRequest = req;
  let bucket: string | undefined = fromHost;
  if (fromHost) {
    rewritten = { ...req, labels: { ...req.labels, Bucket: fromHost } };
  } else {
    const m = /^\/([^/]+)(\/.*)?$/.exec(req.path);
    if (m) {
      bucket = m[1]!;
      try {
        bucket = decodeURIComponent(bucket);
      } catch {
        // keep the raw segment; the operation answers InvalidBucketName / NoSuchBucket
      }
      rewritten = { ...req, path: m[2] ?? '/', labels: { ...req.labels, Bucket: bucket } };
    }
  }
  const operation = operationHint(rewritten, bucket);
  return operation ? { ...rewritten, operation } : rewritten;
}
