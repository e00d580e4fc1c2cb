import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { synthWithNag } from './testing';
import { TransientSharedBucket } from './transient-bucket';

describe('TransientSharedBucket', () => {
  const { template, findings } = synthWithNag((app) => {
    const stack = new Stack(app, 'Writer');
    const bucket = new TransientSharedBucket(stack, 'Images', { which: 'annotatedImages', noAccessLogsReason: 'In flight for a day.' });
    const role = new iam.Role(stack, 'Writer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    bucket.grantObjects(role, ['s3:PutObject'], 'annotated/', 'One object per message under the prefix.');
    return stack;
  });

  it('is named for readers to find, private, encrypted, TLS only and emptied daily', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: { 'Fn::Join': ['', ['sma-annotated-images-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 1, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })] },
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('grants the given actions under one prefix only, and passes cdk-nag', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ImagesBucket'), 'Arn'] }, '/annotated/*']] },
          },
        ],
      },
    });
    expect(findings).toEqual([]);
  });
});
