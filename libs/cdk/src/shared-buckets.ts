import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * Buckets one service writes and another reads. Their names are derived from a
 * fixed prefix plus account and region, so the reader can be granted access
 * without a cross-stack reference (each stack still deploys alone).
 */
export const SHARED_BUCKETS = {
  /** Analysis downloads message images here; responding reads them to annotate faces. */
  analysisImages: 'sma-analysis-images',
  /** Responding writes annotated images here; egress reads them to attach to replies. */
  annotatedImages: 'sma-annotated-images',
} as const;
export type SharedBucket = keyof typeof SHARED_BUCKETS;

/** The bucket's name in the stack's account and region (a CloudFormation expression). */
export function sharedBucketName(which: SharedBucket): string {
  return `${SHARED_BUCKETS[which]}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** Lets `grantee` read objects of a shared bucket owned by another service's stack. */
export function grantReadSharedBucket(scope: Construct, grantee: iam.IGrantable, which: SharedBucket): void {
  const arn = Stack.of(scope).formatArn({
    service: 's3',
    region: '',
    account: '',
    resource: sharedBucketName(which),
    resourceName: '*',
  });
  iam.Grant.addToPrincipal({ grantee, actions: ['s3:GetObject'], resourceArns: [arn] }).assertSuccess();
}
