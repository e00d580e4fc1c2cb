import { Duration, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { secureBucket } from './secure-bucket';

export interface LakeStorageProps {
  /** When lake objects move to Standard-Infrequent Access. @default Duration.days(30) */
  readonly infrequentAccessAfter?: Duration;
  /** How long S3 access logs are kept. @default Duration.days(90) */
  readonly accessLogRetention?: Duration;
}

/**
 * The data lake bucket and the bucket of its access logs. Lake objects are
 * written once and read by ad-hoc queries, so after 30 days they move to
 * Infrequent Access, except objects under 128 KB, which would cost more there
 * (IA bills at least 128 KB an object) than in Standard.
 */
export class LakeStorage extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: LakeStorageProps = {}) {
    super(scope, id);
    this.accessLogs = secureBucket(this, 'AccessLogs', {
      lifecycleRules: [{ id: 'expire-access-logs', expiration: props.accessLogRetention ?? Duration.days(90) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket; logging its own access would log forever.',
    });
    this.bucket = secureBucket(this, 'Lake', {
      accessLogs: { bucket: this.accessLogs, prefix: 'lake/' },
      transitionDefaultMinimumObjectSize: s3.TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K,
      lifecycleRules: [
        {
          id: 'infrequent-access',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: props.infrequentAccessAfter ?? Duration.days(30) },
          ],
        },
      ],
    });
  }
}
