import type {
  CopyObjectOutput,
  CopyObjectRequest,
  DeleteObjectOutput,
  DeleteObjectRequest,
  DeleteObjectsOutput,
  DeleteObjectsRequest,
  GetObjectOutput,
  GetObjectRequest,
  HeadObjectOutput,
  HeadObjectRequest,
  PutObjectOutput,
  PutObjectRequest,
} from '@aws-sdk/client-s3';
import { createReadStream, readSync, closeSync } from 'node:fs';
import { withResponseStatus } from '../../../core/protocols/rest';
import { providedChecksum, verifyChecksum, verifyContentMd5, md5 } from '../checksums';
import { InvalidArgument, MalformedXML, NoSuchKey, NotFound, S3Error } from '../errors';
import { checksumOutput, contentOf, describeObject, parseTagging, sseOutput } from '../object-content';
import { checkReadPreconditions, checkWritePreconditions } from '../preconditions';
import { contentRange, parseRange } from '../range';
import type { BucketStore } from '../store';

/** Bodies up to this size are answered from memory (in-process callers get `transformToByteArray()`); larger ones stream from disk. */
const IN_MEMORY_BODY = 16 * 1024 * 1024;
const MAX_KEY_BYTES = 1024;

export function checkKey(key: string | undefined): string {
  if (!key) throw new InvalidArgument('A key must be given', { ArgumentName: 'key' });
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError', 'Your key is too long', 400);
  return key;
}

function bodyBytes(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body);
  throw new InvalidArgument('The request body could not be read');
}

export async function putObject(store: BucketStore, input: PutObjectRequest): Promise<PutObjectOutput> {
  const bucket = store.config(input.Bucket);
  const key = checkKey(input.Key);
  const body = bodyBytes(input.Body);
  verifyContentMd5(body, input.ContentMD5);
  const checksum = await verifyChecksum(body, providedChecksum(input as unknown as Record<string, unknown>), input.ChecksumAlgorithm);
  checkWritePreconditions(input, key, store.head(bucket.name, key)?.etag);
  const etag = `"${md5(body).toString('hex')}"`;
  const bodyName = await store.writeBody(bucket.name, key, body);
  // Checked again after the await: another put may have landed meanwhile.
  checkWritePreconditions(input, key, store.head(bucket.name, key)?.etag);
  const meta = store.commit(bucket.name, key, bodyName, {
    ...contentOf(input, bucket, etag),
    ...(checksum ? { checksum: { ...checksum, type: 'FULL_OBJECT' as const } } : {}),
  });
  return { ETag: meta.etag, Size: meta.size, ...sseOutput(meta), ...checksumOutput(meta.checksum) } as PutObjectOutput;
}

function readBody(store: BucketStore, bucket: string, meta: NonNullable<ReturnType<BucketStore['head']>>, start: number, end: number) {
  const fd = store.openBody(bucket, meta);
  const length = end - start + 1;
  if (length <= IN_MEMORY_BODY) {
    try {
      const buffer = Buffer.alloc(Math.max(0, length));
      let read = 0;
      while (read < length) {
        const n = readSync(fd, buffer, read, length - read, start + read);
        if (n === 0) break;
        read += n;
      }
      return buffer;
    } finally {
      closeSync(fd);
    }
  }
  return createReadStream('', { fd, start, end, autoClose: true });
}

export async function getObject(store: BucketStore, input: GetObjectRequest): Promise<GetObjectOutput> {
  const bucket = store.config(input.Bucket).name;
  const key = checkKey(input.Key);
  const meta = store.head(bucket, key);
  if (!meta) throw new NoSuchKey(key);
  checkReadPreconditions(input, meta.etag, Date.parse(meta.lastModified));
  if (input.PartNumber !== undefined && input.PartNumber !== 1) {
    throw new InvalidArgument('Part number must be an integer between 1 and the number of parts; locally, objects are read whole', { ArgumentName: 'partNumber' });
  }
  const range = parseRange(input.Range, meta.size);
  const start = range?.start ?? 0;
  const end = range?.end ?? meta.size - 1;
  const output: GetObjectOutput = {
    ...describeObject(meta, { checksum: input.ChecksumMode === 'ENABLED' && !range }),
    ContentLength: end - start + 1,
    Body: readBody(store, bucket, meta, start, end) as unknown as GetObjectOutput['Body'],
    ...(range ? { ContentRange: contentRange(range, meta.size) } : {}),
    ...(input.ResponseContentType ? { ContentType: input.ResponseContentType } : {}),
    ...(input.ResponseContentDisposition ? { ContentDisposition: input.ResponseContentDisposition } : {}),
    ...(input.ResponseContentEncoding ? { ContentEncoding: input.ResponseContentEncoding } : {}),
    ...(input.ResponseContentLanguage ? { ContentLanguage: input.ResponseContentLanguage } : {}),
    ...(input.ResponseCacheControl ? { CacheControl: input.ResponseCacheControl } : {}),
  } as GetObjectOutput;
  return range ? withResponseStatus(output, 206) : output;
}

export async function headObject(store: BucketStore, input: HeadObjectRequest): Promise<HeadObjectOutput> {
  const bucket = store.config(input.Bucket).name;
  const meta = store.head(bucket, checkKey(input.Key));
  if (!meta) throw new NotFound();
  checkReadPreconditions(input, meta.etag, Date.parse(meta.lastModified));
  const range = parseRange(input.Range, meta.size);
  const output = {
    ...describeObject(meta, { checksum: input.ChecksumMode === 'ENABLED' && !range }),
    ContentLength: range ? range.end - range.start + 1 : meta.size,
    ...(range ? { ContentRange: contentRange(range, meta.size) } : {}),
  } as HeadObjectOutput;
  return range ? withResponseStatus(output, 206) : output;
}

export async function deleteObject(store: BucketStore, input: DeleteObjectRequest): Promise<DeleteObjectOutput> {
  const bucket = store.config(input.Bucket).name;
  const key = checkKey(input.Key);
  if (input.IfMatch !== undefined) checkWritePreconditions({ IfMatch: input.IfMatch }, key, store.head(bucket, key)?.etag);
  store.deleteObject(bucket, key);
  return {};
}

const MAX_DELETE = 1000;

export async function deleteObjects(store: BucketStore, input: DeleteObjectsRequest): Promise<DeleteObjectsOutput> {
  const bucket = store.config(input.Bucket).name;
  const objects = input.Delete?.Objects ?? [];
  if (objects.length === 0) throw new MalformedXML('Delete must list at least one Object');
  if (objects.length > MAX_DELETE) throw new MalformedXML(`Delete lists ${objects.length} objects; the most is ${MAX_DELETE}`);
  const deleted: NonNullable<DeleteObjectsOutput['Deleted']> = [];
  const errors: NonNullable<DeleteObjectsOutput['Errors']> = [];
  for (const o of objects) {
    try {
      const key = checkKey(o.Key);
      if (o.ETag !== undefined) checkWritePreconditions({ IfMatch: o.ETag }, key, store.head(bucket, key)?.etag);
      store.deleteObject(bucket, key);
      if (!input.Delete?.Quiet) deleted.push({ Key: key });
    } catch (error) {
      const e = error as S3Error;
      errors.push({ Key: o.Key, Code: e.name, Message: e.message });
    }
  }
  return { ...(deleted.length > 0 ? { Deleted: deleted } : {}), ...(errors.length > 0 ? { Errors: errors } : {}) };
}

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=...]`, URL-encoded. */
export function parseCopySource(source: string | undefined): { bucket: string; key: string } {
  const raw = (source ?? '').replace(/^\//, '').replace(/\?versionId=.*$/, '');
  const slash = raw.indexOf('/');
  if (slash <= 0 || slash === raw.length - 1) {
    throw new InvalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', { ArgumentName: 'x-amz-copy-source' });
  }
  return { bucket: decodeURIComponent(raw.slice(0, slash)), key: decodeURIComponent(raw.slice(slash + 1)) };
}

export async function copyObject(store: BucketStore, input: CopyObjectRequest): Promise<CopyObjectOutput> {
  const target = store.config(input.Bucket);
  const key = checkKey(input.Key);
  const source = parseCopySource(input.CopySource);
  const from = store.head(source.bucket, source.key);
  if (!from) throw new NoSuchKey(source.key);
  checkReadPreconditions(
    {
      IfMatch: input.CopySourceIfMatch,
      IfNoneMatch: input.CopySourceIfNoneMatch,
      IfModifiedSince: input.CopySourceIfModifiedSince,
      IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
    },
    from.etag,
    Date.parse(from.lastModified),
  );
  const replace = input.MetadataDirective === 'REPLACE';
  const sameObject = source.bucket === target.name && source.key === key;
  if (sameObject && !replace && !input.StorageClass && !input.ServerSideEncryption && input.TaggingDirective !== 'REPLACE') {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  const fd = store.openBody(source.bucket, from);
  let bytes: Buffer;
  try {
    bytes = Buffer.alloc(from.size);
    let read = 0;
    while (read < from.size) read += readSync(fd, bytes, read, from.size - read, read);
  } finally {
    closeSync(fd);
  }
  const bodyName = await store.writeBody(target.name, key, bytes);
  const fresh = contentOf(input, target, from.etag);
  const meta = store.commit(target.name, key, bodyName, {
    ...(replace ? fresh : { ...fresh, ...pickContent(from), metadata: { ...from.metadata } }),
    tags: input.TaggingDirective === 'REPLACE' ? parseTagging(input.Tagging) : { ...from.tags },
    storageClass: input.StorageClass ?? 'STANDARD',
    ...(from.checksum ? { checksum: from.checksum } : {}),
    ...(from.partsCount ? { partsCount: from.partsCount } : {}),
  });
  return {
    CopyObjectResult: { ETag: meta.etag, LastModified: new Date(meta.lastModified), ...checksumOutput(meta.checksum) },
    ...sseOutput(meta),
  } as CopyObjectOutput;
}

function pickContent(meta: NonNullable<ReturnType<BucketStore['head']>>) {
  const { contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires } = meta;
  return Object.fromEntries(
    Object.entries({ contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires }).filter(([, v]) => v !== undefined),
  );
}
