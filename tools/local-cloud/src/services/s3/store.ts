/**
 * The local S3's storage: one folder per bucket under `<data>/s3/`, holding
 * `bucket.json` (configuration) and `objects/`, where each object is a body file
 * plus a JSON sidecar with its metadata, laid out along the key
 * (`keys.ts`). Writes are crash-safe: the body goes to a new, fsynced file of
 * its own, then the sidecar is replaced atomically (the commit point), then the
 * previous body is removed. On start, bodies no sidecar points at are deleted.
 * An in-memory index of every sidecar serves listings.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, type Dirent } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../../core/persistence';
import type { ChecksumAlgorithm } from './checksums';
import { BucketAlreadyOwnedByYou, BucketNotEmpty, InvalidBucketName, NoSuchBucket } from './errors';
import { keyLocation } from './keys';
import type { LifecycleRule } from './lifecycle';
import { compareKeys } from './listing';

export interface ObjectMeta {
  readonly key: string;
  /** File name of the body, in the key's folder. */
  readonly body: string;
  readonly size: number;
  /** With quotes, as S3 sends it. */
  readonly etag: string;
  /** ISO time. */
  readonly lastModified: string;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly contentLanguage?: string;
  readonly cacheControl?: string;
  readonly expires?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly storageClass: string;
  readonly sse: { readonly algorithm: string; readonly kmsKeyId?: string; readonly bucketKeyEnabled?: boolean };
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string; readonly type: 'FULL_OBJECT' | 'COMPOSITE' };
  readonly partsCount?: number;
}

export interface BucketConfig {
  readonly name: string;
  readonly createdAt: string;
  readonly region: string;
  readonly lifecycle?: readonly LifecycleRule[];
  /** `all_storage_classes_128K` (S3's default) or `varies_by_storage_class`. */
  readonly transitionMinimumSize?: string;
  readonly encryption?: { readonly algorithm: string; readonly kmsKeyId?: string; readonly bucketKeyEnabled?: boolean };
  readonly versioning?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** New object content: the bytes (or a file already written in the key's folder) and its metadata. */
export type NewObject = Omit<ObjectMeta, 'key' | 'body' | 'size' | 'lastModified'> & { readonly lastModified?: string };

const BUCKET_NAME = /^(?!xn--)(?!sthree-)(?!.*-s3alias$)(?!.*--ol-s3$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function validBucketName(name: string): boolean {
  return BUCKET_NAME.test(name) && !/\.\./.test(name) && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

class Bucket {
  readonly objects = new Map<string, ObjectMeta>();
  private sorted: string[] | undefined;

  constructor(
    readonly dir: string,
    public config: BucketConfig,
  ) {}

  get objectsDir(): string {
    return join(this.dir, 'objects');
  }

  sortedKeys(): string[] {
    this.sorted ??= [...this.objects.keys()].sort(compareKeys);
    return this.sorted;
  }

  set(meta: ObjectMeta): void {
    if (!this.objects.has(meta.key)) this.sorted = undefined;
    this.objects.set(meta.key, meta);
  }

  remove(key: string): void {
    if (this.objects.delete(key)) this.sorted = undefined;
  }
}

export class BucketStore {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(root, entry.name);
      const config = readJsonFile<BucketConfig | undefined>(join(dir, 'bucket.json'), undefined);
      if (!config) continue;
      const bucket = new Bucket(dir, config);
      this.loadObjects(bucket, bucket.objectsDir);
      this.buckets.set(config.name, bucket);
    }
  }

  /** Reads every sidecar below `dir`, removing bodies and temporary files left by a crash. */
  private loadObjects(bucket: Bucket, dir: string): void {
    if (!existsSync(dir)) return;
    const entries: Dirent[] = readdirSync(dir, { withFileTypes: true });
    const referenced = new Set<string>();
    for (const e of entries) {
      if (e.isFile() && e.name.endsWith('@.json')) {
        const meta = JSON.parse(readFileSync(join(dir, e.name), 'utf8')) as ObjectMeta;
        if (existsSync(join(dir, meta.body))) {
          bucket.set(meta);
          referenced.add(meta.body);
        }
      }
    }
    for (const e of entries) {
      if (e.isDirectory()) this.loadObjects(bucket, join(dir, e.name));
      else if (!e.name.endsWith('@.json') && !referenced.has(e.name)) unlinkSync(join(dir, e.name));
    }
  }

  // ---- buckets ------------------------------------------------------------

  private bucket(name: string | undefined): Bucket {
    const bucket = name === undefined ? undefined : this.buckets.get(name);
    if (!bucket) throw new NoSuchBucket(String(name));
    return bucket;
  }

  has(name: string): boolean {
    return this.buckets.has(name);
  }

  config(name: string | undefined): BucketConfig {
    return this.bucket(name).config;
  }

  list(): BucketConfig[] {
    return [...this.buckets.values()].map((b) => b.config).sort((a, b) => compareKeys(a.name, b.name));
  }

  /** Creates a bucket; with `update`, an existing bucket's configuration is replaced and its objects kept (provisioning). */
  createBucket(config: BucketConfig, options: { update?: boolean } = {}): BucketConfig {
    if (!validBucketName(config.name)) throw new InvalidBucketName(config.name);
    const existing = this.buckets.get(config.name);
    if (existing && !options.update) throw new BucketAlreadyOwnedByYou(config.name);
    const merged = existing ? { ...config, createdAt: existing.config.createdAt } : config;
    const bucket = existing ?? new Bucket(join(this.root, config.name), merged);
    bucket.config = merged;
    mkdirSync(bucket.objectsDir, { recursive: true });
    writeJsonAtomic(join(bucket.dir, 'bucket.json'), merged);
    this.buckets.set(config.name, bucket);
    return merged;
  }

  updateConfig(name: string | undefined, update: (c: BucketConfig) => BucketConfig): BucketConfig {
    const bucket = this.bucket(name);
    bucket.config = update(bucket.config);
    writeJsonAtomic(join(bucket.dir, 'bucket.json'), bucket.config);
    return bucket.config;
  }

  deleteBucket(name: string | undefined): void {
    const bucket = this.bucket(name);
    if (bucket.objects.size > 0 || this.uploadIds(bucket.config.name).length > 0) throw new BucketNotEmpty(bucket.config.name);
    rmSync(bucket.dir, { recursive: true, force: true });
    this.buckets.delete(bucket.config.name);
  }

  // ---- objects ------------------------------------------------------------

  head(bucketName: string | undefined, key: string): ObjectMeta | undefined {
    return this.bucket(bucketName).objects.get(key);
  }

  sortedKeys(bucketName: string | undefined): readonly string[] {
    return this.bucket(bucketName).sortedKeys();
  }

  /** The body file of an object, for reading. */
  bodyPath(bucketName: string | undefined, meta: ObjectMeta): string {
    const bucket = this.bucket(bucketName);
    const { dirs } = keyLocation(meta.key);
    return join(bucket.objectsDir, ...dirs, meta.body);
  }

  /** Opens an object's body for reading; the descriptor survives the object being replaced meanwhile. */
  openBody(bucketName: string | undefined, meta: ObjectMeta): number {
    return openSync(this.bodyPath(bucketName, meta), 'r');
  }

  /** A fresh body file name in the key's folder, for content written in pieces (multipart completion). */
  newBodyPath(bucketName: string | undefined, key: string): { path: string; name: string } {
    const bucket = this.bucket(bucketName);
    const { dirs, stem } = keyLocation(key);
    const dir = join(bucket.objectsDir, ...dirs);
    mkdirSync(dir, { recursive: true });
    const name = `${stem}${randomBytes(8).toString('hex')}`;
    return { path: join(dir, name), name };
  }

  /** Writes bytes to a new fsynced body file; returns its name. */
  async writeBody(bucketName: string | undefined, key: string, data: Uint8Array): Promise<string> {
    const { path, name } = this.newBodyPath(bucketName, key);
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(data);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    return name;
  }

  /**
   * Makes an object visible: the sidecar (written atomically) is the commit
   * point; then the previous body, if any, is removed.
   */
  commit(bucketName: string | undefined, key: string, bodyName: string, content: NewObject): ObjectMeta {
    const bucket = this.bucket(bucketName);
    const { dirs, stem } = keyLocation(key);
    const dir = join(bucket.objectsDir, ...dirs);
    const size = statSync(join(dir, bodyName)).size;
    const meta: ObjectMeta = { ...content, key, body: bodyName, size, lastModified: content.lastModified ?? new Date().toISOString() };
    const previous = bucket.objects.get(key);
    writeJsonAtomic(join(dir, `${stem}.json`), meta);
    bucket.set(meta);
    if (previous && previous.body !== bodyName) rmSync(join(dir, previous.body), { force: true });
    return meta;
  }

  /** Rewrites an object's metadata only (tags, storage class). */
  updateMeta(bucketName: string | undefined, key: string, update: (m: ObjectMeta) => ObjectMeta): ObjectMeta | undefined {
    const bucket = this.bucket(bucketName);
    const current = bucket.objects.get(key);
    if (!current) return undefined;
    const next = update(current);
    const { dirs, stem } = keyLocation(key);
    writeJsonAtomic(join(bucket.objectsDir, ...dirs, `${stem}.json`), next);
    bucket.set(next);
    return next;
  }

  deleteObject(bucketName: string | undefined, key: string): boolean {
    const bucket = this.bucket(bucketName);
    const meta = bucket.objects.get(key);
    if (!meta) return false;
    const { dirs, stem } = keyLocation(key);
    const dir = join(bucket.objectsDir, ...dirs);
    rmSync(join(dir, `${stem}.json`), { force: true });
    bucket.remove(key);
    rmSync(join(dir, meta.body), { force: true });
    return true;
  }

  // ---- multipart uploads (folders under `<bucket>/uploads/<id>/`) ---------

  uploadDir(bucketName: string | undefined, uploadId: string): string {
    return join(this.bucket(bucketName).dir, 'uploads', uploadId);
  }

  uploadIds(bucketName: string | undefined): string[] {
    const dir = join(this.bucket(bucketName).dir, 'uploads');
    return existsSync(dir) ? readdirSync(dir) : [];
  }
}
