/**
 * S3 (restXml): buckets from the templates' `AWS::S3::Bucket` (lifecycle,
 * encryption), objects as files plus JSON sidecars under `<data>/s3/`,
 * path-style and virtual-hosted-style addressing, ranges, conditional
 * requests, flexible checksums, multipart uploads and a lifecycle sweeper.
 * `aws-chunked` bodies are decoded by the endpoint before they get here.
 */
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { s3Rewrite } from './addressing';
import {
  createBucket,
  deleteBucket,
  deleteBucketLifecycle,
  deleteObjectTagging,
  getBucketEncryption,
  getBucketLifecycle,
  getBucketLocation,
  getBucketTagging,
  getBucketVersioning,
  getObjectTagging,
  headBucket,
  listBuckets,
  putBucketEncryption,
  putBucketLifecycle,
  putBucketTagging,
  putObjectTagging,
} from './operations/buckets';
import { listObjects, listObjectsV2 } from './operations/list';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, listMultipartUploads, listParts, uploadPart } from './operations/multipart';
import { copyObject, deleteObject, deleteObjects, getObject, headObject, putObject } from './operations/objects';
import { provisionBucket } from './provision';
import { BucketStore } from './store';
import { sweepLifecycle } from './sweeper';

export { BucketStore, type ObjectMeta, type BucketConfig } from './store';
export { sweepLifecycle } from './sweeper';
export * from './errors';

/** S3 applies lifecycle rules about once a day; locally every minute is plenty (tests call `sweep` with a future time). */
const SWEEP_MS = 60_000;

export interface S3Instance extends ServiceInstance<'AWS::S3::Bucket'> {
  readonly store: BucketStore;
  /** Applies lifecycle rules as of `now` (epoch ms). */
  sweep(now?: number): ReturnType<typeof sweepLifecycle>;
}

export const s3Service = defineService({
  name: 's3',
  signingName: 's3',
  protocol: 'restXml',
  xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
  sdk: () => require('@aws-sdk/client-s3') as SdkModule,
  resourceTypes: ['AWS::S3::Bucket'],
  rewrite: s3Rewrite,
  create: (cloud: Cloud): S3Instance => {
    const store = new BucketStore(cloud.dataDir('s3'));
    const log = cloud.log.child('s3');
    let timer: NodeJS.Timeout | undefined;
    const sweep = (now?: number) => sweepLifecycle(store, now);
    return {
      store,
      sweep,
      operations: {
        PutObject: (input) => putObject(store, input),
        GetObject: (input) => getObject(store, input),
        HeadObject: (input) => headObject(store, input),
        DeleteObject: (input) => deleteObject(store, input),
        DeleteObjects: (input) => deleteObjects(store, input),
        CopyObject: (input) => copyObject(store, input),
        ListObjectsV2: (input) => listObjectsV2(store, input),
        ListObjects: (input) => listObjects(store, input),
        CreateMultipartUpload: (input) => createMultipartUpload(store, input),
        UploadPart: (input) => uploadPart(store, input),
        CompleteMultipartUpload: (input) => completeMultipartUpload(store, input),
        AbortMultipartUpload: (input) => abortMultipartUpload(store, input),
        ListParts: (input) => listParts(store, input),
        ListMultipartUploads: (input) => listMultipartUploads(store, input),
        CreateBucket: (input, ctx) => createBucket(store, ctx.region, input),
        DeleteBucket: (input) => deleteBucket(store, input),
        HeadBucket: (input) => headBucket(store, input),
        ListBuckets: (input) => listBuckets(store, input),
        GetBucketLocation: (input) => getBucketLocation(store, input),
        PutBucketLifecycleConfiguration: (input) => putBucketLifecycle(store, input),
        GetBucketLifecycleConfiguration: (input) => getBucketLifecycle(store, input),
        DeleteBucketLifecycle: (input) => deleteBucketLifecycle(store, input),
        GetBucketEncryption: (input) => getBucketEncryption(store, input),
        PutBucketEncryption: (input) => putBucketEncryption(store, input),
        GetBucketVersioning: (input) => getBucketVersioning(store, input),
        GetBucketTagging: (input) => getBucketTagging(store, input),
        PutBucketTagging: (input) => putBucketTagging(store, input),
        GetObjectTagging: (input) => getObjectTagging(store, input),
        PutObjectTagging: (input) => putObjectTagging(store, input),
        DeleteObjectTagging: (input) => deleteObjectTagging(store, input),
      },
      resources: {
        'AWS::S3::Bucket': (resource: ResolvedResource) => {
          const provisioned = provisionBucket(store, resource, cloud.config.region);
          if (store.config(provisioned.ref).versioning === 'Enabled') {
            log.warn(`bucket ${provisioned.ref}: versioning is enabled in the template; the local S3 keeps the latest version of each object only`);
          }
          return provisioned;
        },
      },
      start() {
        timer = setInterval(() => {
          try {
            const result = sweep();
            if (result.expired + result.transitioned + result.abortedUploads > 0) log.info('lifecycle applied', { ...result });
          } catch (error) {
            log.error('lifecycle sweep failed', { error: error as Error });
          }
        }, SWEEP_MS);
        timer.unref();
      },
      stop() {
        if (timer) clearInterval(timer);
      },
    };
  },
});
