import type { ResolvedResource } from '../../core/service';
import { rulesFromTemplate } from './lifecycle';
import type { BucketConfig, BucketStore } from './store';

interface BucketProperties {
  readonly BucketName?: string;
  readonly LifecycleConfiguration?: { readonly Rules?: unknown; readonly TransitionDefaultMinimumObjectSize?: string };
  readonly BucketEncryption?: {
    readonly ServerSideEncryptionConfiguration?: ReadonlyArray<{
      readonly ServerSideEncryptionByDefault?: { readonly SSEAlgorithm?: string; readonly KMSMasterKeyID?: string };
      readonly BucketKeyEnabled?: boolean | string;
    }>;
  };
  readonly VersioningConfiguration?: { readonly Status?: string };
  readonly Tags?: ReadonlyArray<{ readonly Key: string; readonly Value: string }>;
}

/** The bucket configuration an `AWS::S3::Bucket` resource describes. */
export function bucketConfigFromTemplate(properties: BucketProperties, name: string, region: string): BucketConfig {
  const encryption = properties.BucketEncryption?.ServerSideEncryptionConfiguration?.[0];
  const byDefault = encryption?.ServerSideEncryptionByDefault;
  const lifecycle = rulesFromTemplate(properties.LifecycleConfiguration?.Rules);
  return {
    name,
    createdAt: new Date().toISOString(),
    region,
    ...(lifecycle.length > 0 ? { lifecycle } : {}),
    ...(properties.LifecycleConfiguration?.TransitionDefaultMinimumObjectSize
      ? { transitionMinimumSize: properties.LifecycleConfiguration.TransitionDefaultMinimumObjectSize }
      : {}),
    ...(byDefault?.SSEAlgorithm
      ? {
          encryption: {
            algorithm: byDefault.SSEAlgorithm,
            ...(byDefault.KMSMasterKeyID ? { kmsKeyId: byDefault.KMSMasterKeyID } : {}),
            ...(encryption?.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: encryption.BucketKeyEnabled === true || encryption.BucketKeyEnabled === 'true' } : {}),
          },
        }
      : {}),
    ...(properties.VersioningConfiguration?.Status ? { versioning: properties.VersioningConfiguration.Status } : {}),
    ...(properties.Tags?.length ? { tags: Object.fromEntries(properties.Tags.map((t) => [t.Key, t.Value])) } : {}),
  };
}

/** Creates the bucket of an `AWS::S3::Bucket` (keeping its objects on restart) and answers its Ref and attributes. */
export function provisionBucket(store: BucketStore, resource: ResolvedResource, region: string) {
  const properties = resource.properties as BucketProperties;
  const name = properties.BucketName ?? resource.physicalName({ maxLength: 63, lowercase: true });
  store.createBucket(bucketConfigFromTemplate(properties, name, region), { update: true });
  const arn = `arn:aws:s3:::${name}`;
  return {
    ref: name,
    arn,
    attributes: {
      Arn: arn,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
    },
  };
}
