import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { sharedBucketName, type SharedBucket } from './shared-buckets';

export interface TransientSharedBucketProps {
  /** Which shared bucket this is: its name is `sharedBucketName(which)`, which readers are granted by. */
  readonly which: SharedBucket;
  /** How long an object is kept. @default Duration.days(1) */
  readonly expiration?: Duration;
  /** Why the bucket needs no server access logs (cdk-nag AwsSolutions-S1), in terms of its data. */
  readonly noAccessLogsReason: string;
}

/**
 * A bucket one service writes and another reads, holding data in flight rather
 * than kept: SSE-S3, public access blocked, bucket owner enforced, TLS only,
 * objects expired by a lifecycle rule.
 *
 * No autoDeleteObjects (a Lambda-backed custom resource the local cloud cannot
 * run): deleting the stack deletes the bucket once the lifecycle rule has
 * emptied it.
 */
export class TransientSharedBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: TransientSharedBucketProps) {
    super(scope, id);
    const expiration = props.expiration ?? Duration.days(1);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: sharedBucketName(props.which),
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.bucket).acknowledge({ id: 'AwsSolutions-S1', reason: props.noAccessLogsReason });
  }

  /**
   * Lets `role` do `actions` on the objects under `prefix` (which must end in
   * `/`) and nothing else, acknowledging the prefix wildcard with `reason`.
   */
  grantObjects(role: iam.IRole, actions: readonly string[], prefix: string, reason: string): void {
    iam.Grant.addToPrincipal({
      grantee: role,
      actions: [...actions],
      resourceArns: [this.bucket.arnForObjects(`${prefix}*`)],
    }).assertSuccess();
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`, reason });
  }
}
