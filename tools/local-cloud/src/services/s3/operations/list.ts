import type {
  ListObjectsOutput,
  ListObjectsRequest,
  ListObjectsV2Output,
  ListObjectsV2Request,
  _Object,
} from '@aws-sdk/client-s3';
import { InvalidArgument } from '../errors';
import { continuationToken, decodeContinuationToken, listKeys } from '../listing';
import type { BucketStore, ObjectMeta } from '../store';

const MAX_KEYS = 1000;

function maxKeys(value: number | undefined): number {
  if (value === undefined) return MAX_KEYS;
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgument('Provided max-keys not an integer or within integer range', { ArgumentName: 'max-keys' });
  return Math.min(value, MAX_KEYS);
}

function entry(meta: ObjectMeta, fetchOwner: boolean): _Object {
  return {
    Key: meta.key,
    LastModified: new Date(meta.lastModified),
    ETag: meta.etag,
    Size: meta.size,
    StorageClass: meta.storageClass as 'STANDARD',
    ...(meta.checksum ? { ChecksumAlgorithm: [meta.checksum.algorithm], ChecksumType: meta.checksum.type } : {}),
    ...(fetchOwner ? { Owner: { ID: 'local-cloud', DisplayName: 'local-cloud' } } : {}),
  };
}

/** S3 URL-encodes keys and prefixes in listings when asked (`encoding-type=url`). */
function encoder(encodingType: string | undefined): (s: string) => string {
  if (encodingType === undefined) return (s) => s;
  if (encodingType !== 'url') throw new InvalidArgument('Invalid Encoding Method specified in Request', { ArgumentName: 'encoding-type' });
  return (s) => encodeURIComponent(s).replace(/%2F/g, '/');
}

export async function listObjectsV2(store: BucketStore, input: ListObjectsV2Request): Promise<ListObjectsV2Output> {
  const bucket = store.config(input.Bucket).name;
  const limit = maxKeys(input.MaxKeys);
  const after = input.ContinuationToken !== undefined ? decodeContinuationToken(input.ContinuationToken) : input.StartAfter;
  const page = listKeys(store.sortedKeys(bucket), { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, after, maxKeys: limit });
  const encode = encoder(input.EncodingType);
  return {
    Name: bucket,
    Prefix: encode(input.Prefix ?? ''),
    ...(input.Delimiter ? { Delimiter: encode(input.Delimiter) } : {}),
    MaxKeys: limit,
    KeyCount: page.keys.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
    ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
    ...(input.StartAfter !== undefined ? { StartAfter: encode(input.StartAfter) } : {}),
    ...(page.isTruncated && page.last !== undefined ? { NextContinuationToken: continuationToken(page.last) } : {}),
    ...(page.keys.length > 0 ? { Contents: page.keys.map((k) => ({ ...entry(store.head(bucket, k)!, input.FetchOwner === true), Key: encode(k) })) } : {}),
    ...(page.commonPrefixes.length > 0 ? { CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })) } : {}),
  };
}

export async function listObjects(store: BucketStore, input: ListObjectsRequest): Promise<ListObjectsOutput> {
  const bucket = store.config(input.Bucket).name;
  const limit = maxKeys(input.MaxKeys);
  const page = listKeys(store.sortedKeys(bucket), {
    prefix: input.Prefix ?? '',
    delimiter: input.Delimiter || undefined,
    after: input.Marker || undefined,
    maxKeys: limit,
  });
  const encode = encoder(input.EncodingType);
  return {
    Name: bucket,
    Prefix: encode(input.Prefix ?? ''),
    Marker: encode(input.Marker ?? ''),
    ...(input.Delimiter ? { Delimiter: encode(input.Delimiter) } : {}),
    MaxKeys: limit,
    IsTruncated: page.isTruncated,
    ...(input.EncodingType ? { EncodingType: input.EncodingType } : {}),
    // S3 sends NextMarker only when a delimiter is given; clients use the last key otherwise.
    ...(page.isTruncated && input.Delimiter && page.last !== undefined ? { NextMarker: encode(page.last) } : {}),
    ...(page.keys.length > 0 ? { Contents: page.keys.map((k) => ({ ...entry(store.head(bucket, k)!, true), Key: encode(k) })) } : {}),
    ...(page.commonPrefixes.length > 0 ? { CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })) } : {}),
  };
}
