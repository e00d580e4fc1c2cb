import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  NoSuchKey,
  NotFound,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { s3Service, type S3Instance } from './index';

let env: TestCloud;
let s3: S3Client;
const BUCKET = 'sma-lake-test';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  env = await startTestCloud([s3Service]);
  s3 = new S3Client({ ...env.client, forcePathStyle: true });
  // The lake bucket as the analytics stack synthesizes it.
  await env.provision('AWS::S3::Bucket', 'LakeBucket', {
    BucketName: BUCKET,
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    LifecycleConfiguration: {
      Rules: [
        { Id: 'abort-incomplete-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
        { Id: 'infrequent-access', Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] },
        { Id: 'expire-tmp', Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 1 },
      ],
    },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true },
  });
});
afterAll(() => env.dispose());

describe('objects', () => {
  it('stores a multi-MB aws-chunked upload from the real SDK byte for byte, with its CRC32 checksum verified', async () => {
    const body = randomBytes(6 * 1024 * 1024 + 123);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big/blob.bin', Body: body, ContentType: 'application/octet-stream' }));
    expect(put.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    expect(put.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    expect(put.ServerSideEncryption).toBe('AES256');
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big/blob.bin', ChecksumMode: 'ENABLED' }));
    const bytes = await got.Body!.transformToByteArray();
    expect(bytes.length).toBe(body.length);
    expect(sha256(bytes)).toBe(sha256(body));
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
  });

  it('decodes a streamed aws-chunked upload with a trailing checksum (what s3rver corrupted)', async () => {
    const chunks = Array.from({ length: 40 }, () => randomBytes(100_000 + Math.floor(Math.random() * 1000)));
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const seen: Record<string, string>[] = [];
    const client = new S3Client({ ...env.client, forcePathStyle: true });
    client.middlewareStack.add(
      (next) => async (args) => {
        seen.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: 'deserialize', name: 'recordHeaders' },
    );
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big/streamed.bin', Body: Readable.from(chunks), ContentLength: total }));
    expect(seen[0]!['content-encoding']).toContain('aws-chunked');
    expect(seen[0]!['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big/streamed.bin' }));
    const bytes = await got.Body!.transformToByteArray();
    expect(bytes.length).toBe(total);
    expect(sha256(bytes)).toBe(sha256(Buffer.concat(chunks)));
  });

  it('refuses a body that does not match the checksum sent with it (BadDigest), storing nothing', async () => {
    await expect(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad.txt', Body: 'hello', ChecksumCRC32: 'AAAAAA==' })),
    ).rejects.toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bad.txt' }))).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps metadata and content headers, answers ranges with 206 and Content-Range', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'docs/ünïcode key+plus.txt',
        Body: '0123456789abcdef',
        ContentType: 'text/plain; charset=utf-8',
        CacheControl: 'max-age=60',
        Metadata: { author: 'harry' },
        Tagging: 'kind=test',
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'docs/ünïcode key+plus.txt' }));
    expect(head).toMatchObject({ ContentLength: 16, ContentType: 'text/plain; charset=utf-8', CacheControl: 'max-age=60', Metadata: { author: 'harry' }, TagCount: 1 });
    const part = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/ünïcode key+plus.txt', Range: 'bytes=10-' }));
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(part.ContentRange).toBe('bytes 10-15/16');
    expect(await part.Body!.transformToString()).toBe('abcdef');
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/ünïcode key+plus.txt', Range: 'bytes=99-' }))).rejects.toMatchObject({
      name: 'InvalidRange',
      $metadata: { httpStatusCode: 416 },
    });
  });

  it('answers conditional reads (304, 412) and conditional writes (If-None-Match: *)', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cond.txt', Body: 'v1' }));
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cond.txt', IfNoneMatch: ETag }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } });
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cond.txt', IfMatch: '"nope"' }))).rejects.toMatchObject({ name: 'PreconditionFailed' });
    await expect(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cond.txt', Body: 'v2', IfNoneMatch: '*' }))).rejects.toMatchObject({
      name: 'PreconditionFailed',
      $metadata: { httpStatusCode: 412 },
    });
  });

  it('answers NoSuchKey, NotFound and NoSuchBucket as S3 does', async () => {
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing' }))).rejects.toBeInstanceOf(NoSuchKey);
    await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'missing' }))).rejects.toBeInstanceOf(NotFound);
    await expect(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'x' }))).rejects.toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
  });

  it('copies and deletes in bulk', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'copy/src.txt', Body: 'copy me', Metadata: { a: '1' } }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy/dst.txt', CopySource: `${BUCKET}/copy/src.txt` }));
    expect(copied.CopyObjectResult?.ETag).toBeDefined();
    const dst = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copy/dst.txt' }));
    expect(await dst.Body!.transformToString()).toBe('copy me');
    expect(dst.Metadata).toEqual({ a: '1' });
    const out = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'copy/src.txt' }, { Key: 'copy/dst.txt' }] } }));
    expect(out.Deleted?.map((d) => d.Key).sort()).toEqual(['copy/dst.txt', 'copy/src.txt']);
  });
});

describe('listing', () => {
  beforeAll(async () => {
    for (const key of ['list/a/1.json', 'list/a/2.json', 'list/b/1.json', 'list/c.json', 'list/d.json']) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
  });

  it('lists with prefix, delimiter and continuation tokens', async () => {
    const first = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', Delimiter: '/', MaxKeys: 3 }));
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['list/a/', 'list/b/']);
    expect(first.Contents?.map((c) => c.Key)).toEqual(['list/c.json']);
    expect(first.IsTruncated).toBe(true);
    const second = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', Delimiter: '/', MaxKeys: 3, ContinuationToken: first.NextContinuationToken }));
    expect(second.Contents?.map((c) => c.Key)).toEqual(['list/d.json']);
    expect(second.IsTruncated).toBe(false);
    const flat = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/a/' }));
    expect(flat).toMatchObject({ KeyCount: 2, Contents: [{ Key: 'list/a/1.json', Size: 13 }, { Key: 'list/a/2.json', Size: 13 }] });
  });
});

describe('multipart uploads', () => {
  it('assembles parts in order, with S3 multipart ETag and a composite checksum', async () => {
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1024 * 1024 + 7)];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'mp/file.bin', ChecksumAlgorithm: 'CRC32' }));
    const uploaded = [];
    for (const [i, part] of parts.entries()) {
      const out = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'mp/file.bin', UploadId, PartNumber: i + 1, Body: part, ChecksumAlgorithm: 'CRC32' }));
      uploaded.push({ PartNumber: i + 1, ETag: out.ETag!, ChecksumCRC32: out.ChecksumCRC32! });
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'mp/file.bin', UploadId, MultipartUpload: { Parts: uploaded } }));
    expect(done.ETag).toMatch(/^"[a-f0-9]{32}-2"$/);
    expect(done.ChecksumCRC32).toMatch(/-2$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'mp/file.bin' }));
    expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(Buffer.concat(parts)));
  });

  it('refuses parts under 5 MB except the last (EntityTooSmall) and unknown uploads (NoSuchUpload)', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'mp/small.bin' }));
    const a = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'mp/small.bin', UploadId, PartNumber: 1, Body: 'aaa' }));
    const b = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'mp/small.bin', UploadId, PartNumber: 2, Body: 'bbb' }));
    await expect(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'mp/small.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: a.ETag }, { PartNumber: 2, ETag: b.ETag }] } })),
    ).rejects.toMatchObject({ name: 'EntityTooSmall' });
    await expect(
      s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'mp/small.bin', UploadId: '0'.repeat(32), PartNumber: 1, Body: 'x' })),
    ).rejects.toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
  });
});

describe('buckets, addressing and lifecycle', () => {
  it('creates and lists buckets and reads the template lifecycle back', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'made-by-api', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'made-by-api' }))).rejects.toMatchObject({ name: 'BucketAlreadyOwnedByYou' });
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' }))).rejects.toMatchObject({ name: 'InvalidBucketName' });
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual(expect.arrayContaining(['made-by-api', BUCKET]));
    expect((await s3.send(new HeadBucketCommand({ Bucket: BUCKET }))).BucketRegion).toBe('eu-west-1');
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }));
    expect(lifecycle.Rules?.map((r) => r.ID)).toEqual(['abort-incomplete-uploads', 'infrequent-access', 'expire-tmp']);
  });

  it('serves virtual-hosted-style requests', async () => {
    const port = new URL(env.client.endpoint).port;
    const config: S3ClientConfig = { ...env.client, endpoint: `http://localhost:${port}`, forcePathStyle: false };
    const virtual = new S3Client(config);
    // Connect to 127.0.0.1 while keeping the signed Host `<bucket>.localhost` (no DNS for *.localhost here).
    virtual.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { hostname: string; headers: Record<string, string> };
        expect(request.headers['host'] ?? request.hostname).toMatch(new RegExp(`^${BUCKET}\\.localhost`));
        request.headers['host'] = `${request.hostname}:${port}`;
        request.hostname = '127.0.0.1';
        return next(args);
      },
      { step: 'deserialize', name: 'connectToLoopback' },
    );
    await virtual.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'vhost/x.txt', Body: 'virtual' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'vhost/x.txt' }));
    expect(await got.Body!.transformToString()).toBe('virtual');
  });

  it('applies lifecycle rules: expiry by prefix, transition to STANDARD_IA for objects of 128 KB and more', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tmp/scratch.txt', Body: 'gone soon' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'events/big.json', Body: randomBytes(200 * 1024) }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'events/small.json', Body: 'tiny' }));
    const s3Instance = env.cloud.instance('s3') as S3Instance;
    expect(s3Instance.sweep(Date.now()).expired).toBe(0);
    s3Instance.sweep(Date.now() + 31 * 24 * 3600 * 1000);
    await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'tmp/scratch.txt' }))).rejects.toBeInstanceOf(NotFound);
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'events/big.json' }))).StorageClass).toBe('STANDARD_IA');
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'events/small.json' }))).StorageClass).toBeUndefined();
  });

  it('keeps every object across a restart', async () => {
    const before = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    env = await env.restart();
    s3 = new S3Client({ ...env.client, forcePathStyle: true });
    const after = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(after.Contents?.map((c) => [c.Key, c.ETag])).toEqual(before.Contents?.map((c) => [c.Key, c.ETag]));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/ünïcode key+plus.txt' }));
    expect(await got.Body!.transformToString()).toBe('0123456789abcdef');
  });
});
