/**
 * Turning request members into stored object metadata and stored metadata
 * back into response members, shared by PutObject, CopyObject, multipart
 * uploads, GetObject and HeadObject.
 */
import type { ChecksumAlgorithm } from './checksums';
import { CHECKSUM_MEMBERS } from './checksums';
import { InvalidArgument } from './errors';
import type { BucketConfig, NewObject, ObjectMeta } from './store';

const STORAGE_CLASSES = ['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'GLACIER_IR', 'OUTPOSTS', 'SNOW', 'EXPRESS_ONEZONE'];

/** The members of PutObject / CopyObject / CreateMultipartUpload that describe the content. */
export interface ContentInput {
  readonly ContentType?: string | undefined;
  readonly ContentEncoding?: string | undefined;
  readonly ContentDisposition?: string | undefined;
  readonly ContentLanguage?: string | undefined;
  readonly CacheControl?: string | undefined;
  readonly Expires?: Date | undefined;
  readonly Metadata?: Record<string, string> | undefined;
  readonly StorageClass?: string | undefined;
  readonly ServerSideEncryption?: string | undefined;
  readonly SSEKMSKeyId?: string | undefined;
  readonly BucketKeyEnabled?: boolean | undefined;
  readonly Tagging?: string | undefined;
}

/** `x-amz-tagging`: a URL query string of tags. */
export function parseTagging(tagging: string | undefined): Record<string, string> {
  if (!tagging) return {};
  const tags: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(tagging)) tags[k] = v;
  if (Object.keys(tags).length > 10) throw new InvalidArgument('Object tags cannot be greater than 10', { ArgumentName: 'x-amz-tagging' });
  return tags;
}

/** Encryption as S3 applies it: what the request asks, else the bucket default, else SSE-S3 (S3 encrypts every object). */
export function encryptionFor(input: ContentInput, bucket: BucketConfig): ObjectMeta['sse'] {
  if (input.ServerSideEncryption) {
    if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(input.ServerSideEncryption)) {
      throw new InvalidArgument('The encryption method specified is not supported', { ArgumentName: 'x-amz-server-side-encryption' });
    }
    return {
      algorithm: input.ServerSideEncryption,
      ...(input.SSEKMSKeyId ? { kmsKeyId: input.SSEKMSKeyId } : {}),
      ...(input.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: input.BucketKeyEnabled } : {}),
    };
  }
  return bucket.encryption ?? { algorithm: 'AES256' };
}

export function contentOf(input: ContentInput, bucket: BucketConfig, etag: string): NewObject {
  const storageClass = input.StorageClass ?? 'STANDARD';
  if (!STORAGE_CLASSES.includes(storageClass)) {
    throw new InvalidArgument('The storage class you specified is not valid', { ArgumentName: 'x-amz-storage-class' });
  }
  return {
    etag,
    ...(input.ContentType !== undefined ? { contentType: input.ContentType } : {}),
    ...(input.ContentEncoding !== undefined ? { contentEncoding: input.ContentEncoding } : {}),
    ...(input.ContentDisposition !== undefined ? { contentDisposition: input.ContentDisposition } : {}),
    ...(input.ContentLanguage !== undefined ? { contentLanguage: input.ContentLanguage } : {}),
    ...(input.CacheControl !== undefined ? { cacheControl: input.CacheControl } : {}),
    ...(input.Expires !== undefined ? { expires: input.Expires.toUTCString() } : {}),
    metadata: input.Metadata ?? {},
    tags: parseTagging(input.Tagging),
    storageClass,
    sse: encryptionFor(input, bucket),
  };
}

/** The encryption members every object response carries. */
export function sseOutput(meta: Pick<ObjectMeta, 'sse'>) {
  return {
    ServerSideEncryption: meta.sse.algorithm as 'AES256',
    ...(meta.sse.kmsKeyId ? { SSEKMSKeyId: meta.sse.kmsKeyId } : {}),
    ...(meta.sse.bucketKeyEnabled !== undefined ? { BucketKeyEnabled: meta.sse.bucketKeyEnabled } : {}),
  };
}

export function checksumOutput(checksum: { algorithm: ChecksumAlgorithm; value: string; type?: string } | undefined) {
  if (!checksum) return {};
  return { [CHECKSUM_MEMBERS[checksum.algorithm]]: checksum.value, ...(checksum.type ? { ChecksumType: checksum.type } : {}) };
}

/** HeadObject / GetObject members describing a stored object. */
export function describeObject(meta: ObjectMeta, options: { checksum: boolean }) {
  return {
    ETag: meta.etag,
    LastModified: new Date(meta.lastModified),
    ContentType: meta.contentType ?? 'binary/octet-stream',
    ...(meta.contentEncoding ? { ContentEncoding: meta.contentEncoding } : {}),
    ...(meta.contentDisposition ? { ContentDisposition: meta.contentDisposition } : {}),
    ...(meta.contentLanguage ? { ContentLanguage: meta.contentLanguage } : {}),
    ...(meta.cacheControl ? { CacheControl: meta.cacheControl } : {}),
    ...(meta.expires ? { ExpiresString: meta.expires } : {}),
    Metadata: { ...meta.metadata },
    ...(meta.storageClass !== 'STANDARD' ? { StorageClass: meta.storageClass as 'STANDARD_IA' } : {}),
    ...(Object.keys(meta.tags).length > 0 ? { TagCount: Object.keys(meta.tags).length } : {}),
    ...(meta.partsCount ? { PartsCount: meta.partsCount } : {}),
    ...sseOutput(meta),
    ...(options.checksum ? checksumOutput(meta.checksum) : {}),
    AcceptRanges: 'bytes',
  };
}
