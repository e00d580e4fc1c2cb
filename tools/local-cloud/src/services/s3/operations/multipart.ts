import type {
  AbortMultipartUploadOutput,
  AbortMultipartUploadRequest,
  CompleteMultipartUploadOutput,
  CompleteMultipartUploadRequest,
  CreateMultipartUploadOutput,
  CreateMultipartUploadRequest,
  ListMultipartUploadsOutput,
  ListMultipartUploadsRequest,
  ListPartsOutput,
  ListPartsRequest,
  UploadPartOutput,
  UploadPartRequest,
} from '@aws-sdk/client-s3';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../../core/persistence';
import { CHECKSUM_MEMBERS, checksum, computeChecksum, isChecksumAlgorithm, md5, providedChecksum, verifyChecksum, verifyContentMd5, type ChecksumAlgorithm } from '../checksums';
import { EntityTooSmall, InvalidArgument, InvalidPart, InvalidPartOrder, MalformedXML, NoSuchUpload } from '../errors';
import { checksumOutput, contentOf, sseOutput } from '../object-content';
import { checkWritePreconditions } from '../preconditions';
import type { BucketStore, NewObject } from '../store';
import { checkKey } from './objects';

/** S3's smallest part (except the last). */
const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;

interface Upload {
  readonly uploadId: string;
  readonly key: string;
  readonly initiated: string;
  readonly content: NewObject;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: 'FULL_OBJECT' | 'COMPOSITE';
}

interface Part {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  readonly lastModified: string;
  readonly checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

function readUpload(store: BucketStore, bucket: string | undefined, uploadId: string | undefined): Upload {
  const dir = uploadId && /^[a-f0-9]{32}$/.test(uploadId) ? store.uploadDir(bucket, uploadId) : undefined;
  const file = dir && join(dir, 'upload.json');
  if (!file || !existsSync(file)) throw new NoSuchUpload(String(uploadId));
  return JSON.parse(readFileSync(file, 'utf8')) as Upload;
}

function readParts(store: BucketStore, bucket: string, uploadId: string): Part[] {
  const dir = store.uploadDir(bucket, uploadId);
  return readdirSync(dir)
    .filter((f) => /^part-\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Part)
    .sort((a, b) => a.partNumber - b.partNumber);
}

export async function createMultipartUpload(store: BucketStore, input: CreateMultipartUploadRequest): Promise<CreateMultipartUploadOutput> {
  const bucket = store.config(input.Bucket);
  const key = checkKey(input.Key);
  const uploadId = randomBytes(16).toString('hex');
  const algorithm = isChecksumAlgorithm(input.ChecksumAlgorithm) ? input.ChecksumAlgorithm : undefined;
  const checksumType = input.ChecksumType ?? (algorithm ? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE') : undefined);
  if (checksumType === 'FULL_OBJECT' && (algorithm === 'SHA1' || algorithm === 'SHA256')) {
    throw new InvalidArgument(`The FULL_OBJECT checksum type cannot be used with the ${algorithm} checksum algorithm.`, { ArgumentName: 'x-amz-checksum-type' });
  }
  const upload: Upload = {
    uploadId,
    key,
    initiated: new Date().toISOString(),
    content: contentOf(input, bucket, ''),
    ...(algorithm ? { checksumAlgorithm: algorithm } : {}),
    ...(checksumType ? { checksumType: checksumType as Upload['checksumType'] & string } : {}),
  };
  const dir = store.uploadDir(bucket.name, uploadId);
  mkdirSync(dir, { recursive: true });
  writeJsonAtomic(join(dir, 'upload.json'), upload);
  return {
    Bucket: bucket.name,
    Key: key,
    UploadId: uploadId,
    ...sseOutput(upload.content),
    ...(algorithm ? { ChecksumAlgorithm: algorithm, ChecksumType: upload.checksumType } : {}),
  } as CreateMultipartUploadOutput;
}

export async function uploadPart(store: BucketStore, input: UploadPartRequest): Promise<UploadPartOutput> {
  const bucket = store.config(input.Bucket).name;
  const upload = readUpload(store, bucket, input.UploadId);
  const partNumber = input.PartNumber ?? 0;
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS) {
    throw new InvalidArgument('Part number must be an integer between 1 and 10000, inclusive', { ArgumentName: 'partNumber' });
  }
  const body = input.Body instanceof Uint8Array ? input.Body : Buffer.from((input.Body as unknown as string | undefined) ?? '');
  verifyContentMd5(body, input.ContentMD5);
  const sum = await verifyChecksum(body, providedChecksum(input as unknown as Record<string, unknown>), input.ChecksumAlgorithm ?? upload.checksumAlgorithm);
  const dir = store.uploadDir(bucket, upload.uploadId);
  const handle = await open(join(dir, `part-${partNumber}`), 'w');
  try {
    await handle.writeFile(body);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  const part: Part = {
    partNumber,
    etag: `"${md5(body).toString('hex')}"`,
    size: body.length,
    lastModified: new Date().toISOString(),
    ...(sum ? { checksum: sum } : {}),
  };
  writeJsonAtomic(join(dir, `part-${partNumber}.json`), part);
  return { ETag: part.etag, ...sseOutput(upload.content), ...checksumOutput(sum) } as UploadPartOutput;
}

export async function completeMultipartUpload(store: BucketStore, input: CompleteMultipartUploadRequest): Promise<CompleteMultipartUploadOutput> {
  const bucket = store.config(input.Bucket).name;
  const upload = readUpload(store, bucket, input.UploadId);
  const key = checkKey(input.Key);
  if (key !== upload.key) throw new NoSuchUpload(upload.uploadId);
  const requested = input.MultipartUpload?.Parts ?? [];
  if (requested.length === 0) throw new MalformedXML('CompleteMultipartUpload must list at least one Part');
  const stored = new Map(readParts(store, bucket, upload.uploadId).map((p) => [p.partNumber, p]));
  const parts: Part[] = [];
  for (const [i, r] of requested.entries()) {
    if (i > 0 && (r.PartNumber ?? 0) <= (requested[i - 1]!.PartNumber ?? 0)) throw new InvalidPartOrder();
    const part = stored.get(r.PartNumber ?? -1);
    if (!part || (r.ETag !== undefined && r.ETag.replace(/"/g, '') !== part.etag.replace(/"/g, ''))) throw new InvalidPart(r.PartNumber ?? -1);
    const given = upload.checksumAlgorithm && (r as Record<string, unknown>)[CHECKSUM_MEMBERS[upload.checksumAlgorithm]];
    if (typeof given === 'string' && part.checksum && given !== part.checksum.value) throw new InvalidPart(part.partNumber);
    parts.push(part);
  }
  parts.slice(0, -1).forEach((p) => {
    if (p.size < MIN_PART_BYTES) throw new EntityTooSmall(p.partNumber);
  });
  checkWritePreconditions(input, key, store.head(bucket, key)?.etag);

  // Concatenate the parts into the new body, computing what S3 reports on the way.
  const { path, name } = store.newBodyPath(bucket, key);
  const target = await open(path, 'wx');
  const full = upload.checksumAlgorithm && upload.checksumType === 'FULL_OBJECT' ? checksum(upload.checksumAlgorithm) : undefined;
  try {
    for (const part of parts) {
      const data = readFileSync(join(store.uploadDir(bucket, upload.uploadId), `part-${part.partNumber}`));
      full?.update(data);
      await target.write(data);
    }
    await target.datasync();
  } finally {
    await target.close();
  }
  const etag = `"${createHash('md5').update(Buffer.concat(parts.map((p) => Buffer.from(p.etag.replace(/"/g, ''), 'hex')))).digest('hex')}-${parts.length}"`;
  let objectChecksum: NewObject['checksum'];
  if (upload.checksumAlgorithm && full) {
    objectChecksum = { algorithm: upload.checksumAlgorithm, value: await full.digest(), type: 'FULL_OBJECT' };
  } else if (upload.checksumAlgorithm && parts.every((p) => p.checksum)) {
    const joined = Buffer.concat(parts.map((p) => Buffer.from(p.checksum!.value, 'base64')));
    objectChecksum = { algorithm: upload.checksumAlgorithm, value: `${await computeChecksum(upload.checksumAlgorithm, joined)}-${parts.length}`, type: 'COMPOSITE' };
  }
  const meta = store.commit(bucket, key, name, {
    ...upload.content,
    etag,
    partsCount: parts.length,
    ...(objectChecksum ? { checksum: objectChecksum } : {}),
  });
  rmSync(store.uploadDir(bucket, upload.uploadId), { recursive: true, force: true });
  return {
    Bucket: bucket,
    Key: key,
    ETag: meta.etag,
    Location: `/${bucket}/${key}`,
    ...sseOutput(meta),
    ...checksumOutput(meta.checksum),
  } as CompleteMultipartUploadOutput;
}

export async function abortMultipartUpload(store: BucketStore, input: AbortMultipartUploadRequest): Promise<AbortMultipartUploadOutput> {
  const upload = readUpload(store, input.Bucket, input.UploadId);
  rmSync(store.uploadDir(input.Bucket, upload.uploadId), { recursive: true, force: true });
  return {};
}

export async function listParts(store: BucketStore, input: ListPartsRequest): Promise<ListPartsOutput> {
  const bucket = store.config(input.Bucket).name;
  const upload = readUpload(store, bucket, input.UploadId);
  const after = Number(input.PartNumberMarker ?? 0);
  const max = Math.min(input.MaxParts ?? 1000, 1000);
  const all = readParts(store, bucket, upload.uploadId).filter((p) => p.partNumber > after);
  const page = all.slice(0, max);
  return {
    Bucket: bucket,
    Key: upload.key,
    UploadId: upload.uploadId,
    PartNumberMarker: String(after),
    MaxParts: max,
    IsTruncated: all.length > max,
    ...(all.length > max ? { NextPartNumberMarker: String(page[page.length - 1]!.partNumber) } : {}),
    StorageClass: upload.content.storageClass as 'STANDARD',
    Initiator: { ID: 'local-cloud', DisplayName: 'local-cloud' },
    Owner: { ID: 'local-cloud', DisplayName: 'local-cloud' },
    ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType } : {}),
    Parts: page.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, Size: p.size, LastModified: new Date(p.lastModified), ...checksumOutput(p.checksum) })),
  } as ListPartsOutput;
}

/** Every upload in progress in a bucket, for the lifecycle sweeper and ListMultipartUploads. */
export function uploadsOf(store: BucketStore, bucket: string): Upload[] {
  return store
    .uploadIds(bucket)
    .map((id) => {
      try {
        return readUpload(store, bucket, id);
      } catch {
        return undefined;
      }
    })
    .filter((u): u is Upload => u !== undefined)
    .sort((a, b) => (a.key === b.key ? a.initiated.localeCompare(b.initiated) : a.key < b.key ? -1 : 1));
}

export async function listMultipartUploads(store: BucketStore, input: ListMultipartUploadsRequest): Promise<ListMultipartUploadsOutput> {
  const bucket = store.config(input.Bucket).name;
  const max = Math.min(input.MaxUploads ?? 1000, 1000);
  const uploads = uploadsOf(store, bucket).filter((u) => u.key.startsWith(input.Prefix ?? '') && (!input.KeyMarker || u.key > input.KeyMarker));
  const page = uploads.slice(0, max);
  return {
    Bucket: bucket,
    ...(input.Prefix ? { Prefix: input.Prefix } : {}),
    MaxUploads: max,
    IsTruncated: uploads.length > max,
    ...(uploads.length > max ? { NextKeyMarker: page[page.length - 1]!.key, NextUploadIdMarker: page[page.length - 1]!.uploadId } : {}),
    Uploads: page.map((u) => ({
      Key: u.key,
      UploadId: u.uploadId,
      Initiated: new Date(u.initiated),
      StorageClass: u.content.storageClass as 'STANDARD',
      Initiator: { ID: 'local-cloud', DisplayName: 'local-cloud' },
      Owner: { ID: 'local-cloud', DisplayName: 'local-cloud' },
      ...(u.checksumAlgorithm ? { ChecksumAlgorithm: u.checksumAlgorithm, ChecksumType: u.checksumType } : {}),
    })),
  } as ListMultipartUploadsOutput;
}
