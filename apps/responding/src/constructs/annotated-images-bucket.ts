import type { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TransientSharedBucket } from '@sma/cdk';
import { ANNOTATED_PREFIX } from '../image/format';

export interface AnnotatedImagesBucketProps {
  /** How long an annotated image is kept: egress posts it within minutes. @default Duration.days(1) */
  readonly expiration?: Duration;
}

/**
 * Where the image responder writes annotated photos and egress reads them, under
 * the shared name egress is granted by (`sharedBucketName('annotatedImages')`):
 * private, encrypted, TLS only and emptied daily. The images are in flight, not kept.
 */
export class AnnotatedImagesBucket extends Construct {
  private readonly shared: TransientSharedBucket;

  constructor(scope: Construct, id: string, props: AnnotatedImagesBucketProps = {}) {
    super(scope, id);
    this.shared = new TransientSharedBucket(this, 'Shared', {
      which: 'annotatedImages',
      ...(props.expiration ? { expiration: props.expiration } : {}),
      noAccessLogsReason:
        'Objects live one day and are written by one role and read by one other; CloudTrail data events can audit them if ever needed, access logs would outlive the data.',
    });
  }

  get bucket(): s3.Bucket {
    return this.shared.bucket;
  }

  /** Lets `role` write annotated images (PutObject under `annotated/`, nothing else). */
  grantWriteAnnotated(role: iam.IRole): void {
    this.shared.grantObjects(
      role,
      ['s3:PutObject'],
      ANNOTATED_PREFIX,
      'Object keys are per message (annotated/<MessageId>/<n>.png); the grant is PutObject only, under that prefix.',
    );
  }
}
