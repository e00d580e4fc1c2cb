import type {
  CreateBucketOutput,
  CreateBucketRequest,
  DeleteBucketLifecycleRequest,
  DeleteBucketRequest,
  GetBucketEncryptionOutput,
  GetBucketEncryptionRequest,
  GetBucketLifecycleConfigurationOutput,
  GetBucketLifecycleConfigurationRequest,
  GetBucketLocationOutput,
  GetBucketLocationRequest,
  GetBucketTaggingOutput,
  GetBucketTaggingRequest,
  GetBucketVersioningOutput,
  GetBucketVersioningRequest,
  GetObjectTaggingOutput,
  GetObjectTaggingRequest,
  HeadBucketOutput,
  HeadBucketRequest,
  ListBucketsOutput,
  ListBucketsRequest,
  PutBucketEncryptionRequest,
  PutBucketLifecycleConfigurationOutput,
  PutBucketLifecycleConfigurationRequest,
  PutBucketTaggingRequest,
  PutObjectTaggingOutput,
  PutObjectTaggingRequest,
  DeleteObjectTaggingRequest,
  DeleteObjectTaggingOutput,
} from '@aws-sdk/client-s3';
import { InvalidArgument, MalformedXML, NoSuchKey, NotFound, S3Error, NoSuchLifecycleConfiguration } from '../errors';
import { rulesFromApi, rulesToApi } from '../lifecycle';
import type { BucketStore } from '../store';
import { checkKey } from './objects';

export async function createBucket(store: BucketStore, region: string, input: CreateBucketRequest): Promise<CreateBucketOutput> {
  const name = input.Bucket ?? '';
  const location = input.CreateBucketConfiguration?.LocationConstraint;
  if (location && location !== region && !(location === 'EU' && region === 'eu-west-1')) {
    throw new S3Error('IllegalLocationConstraintException', `The ${location} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
  }
  store.createBucket({ name, createdAt: new Date().toISOString(), region });
  return { Location: `/${name}` };
}

export async function deleteBucket(store: BucketStore, input: DeleteBucketRequest): Promise<Record<string, never>> {
  store.deleteBucket(input.Bucket);
  return {};
}

export async function headBucket(store: BucketStore, input: HeadBucketRequest): Promise<HeadBucketOutput> {
  if (!input.Bucket || !store.has(input.Bucket)) throw new NotFound();
  return { BucketRegion: store.config(input.Bucket).region, AccessPointAlias: false };
}

export async function listBuckets(store: BucketStore, input: ListBucketsRequest): Promise<ListBucketsOutput> {
  const all = store.list().filter((b) => !input.Prefix || b.name.startsWith(input.Prefix)).filter((b) => !input.BucketRegion || b.region === input.BucketRegion);
  const start = input.ContinuationToken ? Buffer.from(input.ContinuationToken, 'base64').toString('utf8') : undefined;
  const rest = start === undefined ? all : all.filter((b) => b.name > start);
  const limit = input.MaxBuckets ?? 10_000;
  const page = rest.slice(0, limit);
  return {
    Buckets: page.map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt), BucketRegion: b.region })),
    Owner: { ID: 'local-cloud', DisplayName: 'local-cloud' },
    ...(rest.length > limit ? { ContinuationToken: Buffer.from(page[page.length - 1]!.name).toString('base64') } : {}),
    ...(input.Prefix ? { Prefix: input.Prefix } : {}),
  };
}

export async function getBucketLocation(store: BucketStore, input: GetBucketLocationRequest): Promise<GetBucketLocationOutput> {
  const region = store.config(input.Bucket).region;
  // us-east-1 answers an empty LocationConstraint.
  return region === 'us-east-1' ? {} : { LocationConstraint: region as 'eu-west-1' };
}

export async function putBucketLifecycle(
  store: BucketStore,
  input: PutBucketLifecycleConfigurationRequest,
): Promise<PutBucketLifecycleConfigurationOutput> {
  const rules = rulesFromApi(input.LifecycleConfiguration?.Rules);
  if (rules.length > 1000) throw new MalformedXML('a lifecycle configuration holds at most 1000 rules');
  const ids = rules.map((r) => r.id).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) throw new InvalidArgument('Rule ID must be unique. Found same ID for more than one rule', { ArgumentName: 'ID' });
  const config = store.updateConfig(input.Bucket, (c) => ({
    ...c,
    lifecycle: rules,
    ...(input.TransitionDefaultMinimumObjectSize ? { transitionMinimumSize: input.TransitionDefaultMinimumObjectSize } : {}),
  }));
  return { TransitionDefaultMinimumObjectSize: (config.transitionMinimumSize ?? 'all_storage_classes_128K') as 'all_storage_classes_128K' };
}

export async function getBucketLifecycle(
  store: BucketStore,
  input: GetBucketLifecycleConfigurationRequest,
): Promise<GetBucketLifecycleConfigurationOutput> {
  const config = store.config(input.Bucket);
  if (!config.lifecycle || config.lifecycle.length === 0) throw new NoSuchLifecycleConfiguration(config.name);
  return {
    Rules: rulesToApi(config.lifecycle) as unknown as GetBucketLifecycleConfigurationOutput['Rules'],
    TransitionDefaultMinimumObjectSize: (config.transitionMinimumSize ?? 'all_storage_classes_128K') as 'all_storage_classes_128K',
  };
}

export async function deleteBucketLifecycle(store: BucketStore, input: DeleteBucketLifecycleRequest): Promise<Record<string, never>> {
  store.updateConfig(input.Bucket, (c) => {
    const { lifecycle: _removed, ...rest } = c;
    return rest;
  });
  return {};
}

export async function getBucketEncryption(store: BucketStore, input: GetBucketEncryptionRequest): Promise<GetBucketEncryptionOutput> {
  const encryption = store.config(input.Bucket).encryption ?? { algorithm: 'AES256' };
  return {
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: encryption.algorithm as 'AES256',
            ...(encryption.kmsKeyId ? { KMSMasterKeyID: encryption.kmsKeyId } : {}),
          },
          BucketKeyEnabled: encryption.bucketKeyEnabled ?? false,
        },
      ],
    },
  };
}

export async function putBucketEncryption(store: BucketStore, input: PutBucketEncryptionRequest): Promise<Record<string, never>> {
  const rule = input.ServerSideEncryptionConfiguration?.Rules?.[0];
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  if (!byDefault?.SSEAlgorithm) throw new MalformedXML('ServerSideEncryptionConfiguration needs ApplyServerSideEncryptionByDefault.SSEAlgorithm');
  store.updateConfig(input.Bucket, (c) => ({
    ...c,
    encryption: {
      algorithm: byDefault.SSEAlgorithm!,
      ...(byDefault.KMSMasterKeyID ? { kmsKeyId: byDefault.KMSMasterKeyID } : {}),
      ...(rule?.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: rule.BucketKeyEnabled } : {}),
    },
  }));
  return {};
}

export async function getBucketVersioning(store: BucketStore, input: GetBucketVersioningRequest): Promise<GetBucketVersioningOutput> {
  const versioning = store.config(input.Bucket).versioning;
  return versioning ? { Status: versioning as 'Enabled' } : {};
}

function tagList(tags: Readonly<Record<string, string>>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function tagMap(list: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined, max: number): Record<string, string> {
  const tags = Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  if (Object.keys(tags).length !== (list ?? []).length) throw new InvalidArgument('Cannot provide multiple Tags with the same key', { ArgumentName: 'Tagging' });
  if (Object.keys(tags).length > max) throw new S3Error('BadRequest', `Object tags cannot be greater than ${max}`, 400);
  return tags;
}

export async function getBucketTagging(store: BucketStore, input: GetBucketTaggingRequest): Promise<GetBucketTaggingOutput> {
  const tags = store.config(input.Bucket).tags;
  if (!tags || Object.keys(tags).length === 0) throw new S3Error('NoSuchTagSet', 'The TagSet does not exist', 404);
  return { TagSet: tagList(tags) };
}

export async function putBucketTagging(store: BucketStore, input: PutBucketTaggingRequest): Promise<Record<string, never>> {
  const tags = tagMap(input.Tagging?.TagSet, 50);
  store.updateConfig(input.Bucket, (c) => ({ ...c, tags }));
  return {};
}

export async function getObjectTagging(store: BucketStore, input: GetObjectTaggingRequest): Promise<GetObjectTaggingOutput> {
  const key = checkKey(input.Key);
  const meta = store.head(input.Bucket, key);
  if (!meta) throw new NoSuchKey(key);
  return { TagSet: tagList(meta.tags) };
}

export async function putObjectTagging(store: BucketStore, input: PutObjectTaggingRequest): Promise<PutObjectTaggingOutput> {
  const key = checkKey(input.Key);
  const tags = tagMap(input.Tagging?.TagSet, 10);
  if (!store.updateMeta(input.Bucket, key, (m) => ({ ...m, tags }))) throw new NoSuchKey(key);
  return {};
}

export async function deleteObjectTagging(store: BucketStore, input: DeleteObjectTaggingRequest): Promise<DeleteObjectTaggingOutput> {
  const key = checkKey(input.Key);
  if (!store.updateMeta(input.Bucket, key, (m) => ({ ...m, tags: {} }))) throw new NoSuchKey(key);
  return {};
}
