import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SecureBucketProps {
  /** Where S3 writes this bucket's access logs; none for the log bucket itself. */
  readonly accessLogs?: { readonly bucket: s3.IBucket; readonly prefix: string };
  /** Lifecycle of the objects, beyond aborting stale multipart uploads. @default none */
  readonly lifecycleRules?: s3.LifecycleRule[];
  /** Objects below this size are never transitioned. @default S3's default for new rules */
  readonly transitionDefaultMinimumObjectSize?: s3.TransitionDefaultMinimumObjectSize;
}

/**
 * A bucket as every bucket of this service is: encrypted (SSE-S3), public
 * access blocked, TLS only, owner-enforced objects, incomplete multipart
 * uploads aborted after a week, and retained when the stack goes (data is never
 * deleted by a deploy; no auto-delete custom resource).
 */
export function secureBucket(scope: Construct, id: string, props: SecureBucketProps = {}): s3.Bucket {
  return new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(props.accessLogs
      ? { serverAccessLogsBucket: props.accessLogs.bucket, serverAccessLogsPrefix: props.accessLogs.prefix }
      : {}),
    ...(props.transitionDefaultMinimumObjectSize ? { transitionDefaultMinimumObjectSize: props.transitionDefaultMinimumObjectSize } : {}),
    lifecycleRules: [{ id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }, ...(props.lifecycleRules ?? [])],
  });
}
