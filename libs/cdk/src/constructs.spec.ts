import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { PLUMBING_BUS_NAME } from '@sma/contracts';
import { BundleNotFoundError } from './errors';
import { BusRule, eventPatternFor } from './bus-rule';
import { grantPublish } from './bus';
import { HandlerFunction } from './handler-function';
import { grantReadSharedBucket, sharedBucketName } from './shared-buckets';
import { synthWithNag } from './testing';

const bundleDir = mkdtempSync(join(tmpdir(), 'sma-bundles-'));
writeFileSync(join(bundleDir, 'alpha.js'), 'exports.handler = async () => "alpha";\n');
writeFileSync(join(bundleDir, 'alpha.js.map'), '{}');
writeFileSync(join(bundleDir, 'beta.js'), 'exports.handler = async () => "beta";\n');

const handler = (stack: Stack, id: string, name: string) =>
  new HandlerFunction(stack, id, { service: 'demo', handler: name, description: `the ${name} handler`, bundleDir });

describe('HandlerFunction', () => {
  const { template, findings } = synthWithNag((app) => {
    const stack = new Stack(app, 'Demo');
    handler(stack, 'Alpha', 'alpha');
    handler(stack, 'Beta', 'beta');
    return stack;
  });

  it('runs Node 22 on arm64 with X-Ray, source maps and Powertools configured', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'alpha.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^AlphaLogs') } },
      Environment: {
        Variables: Match.objectLike({
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'demo',
          POWERTOOLS_METRICS_NAMESPACE: 'ServerlessMessageAnalyser',
        }),
      },
    });
  });

  it('gives each handler its own asset, so one change redeploys one function', () => {
    const code = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (f) => (f as { Properties: { Code: { S3Key: string } } }).Properties.Code.S3Key,
    );
    expect(code).toHaveLength(2);
    expect(new Set(code).size).toBe(2);
  });

  it('keeps its own log group for a month and writes only there: no managed policy', () => {
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 2);
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect((role as { Properties: Record<string, unknown> }).Properties['ManagedPolicyArns']).toBeUndefined();
    }
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlphaLogs'), 'Arn'] },
          }),
        ]),
      },
    });
  });

  it('passes cdk-nag with its acknowledged findings only', () => {
    expect(findings).toEqual([]);
  });

  it('refuses to synthesize without its bundle, saying how to build it', () => {
    const stack = new Stack(new App(), 'Missing');
    expect(() => new HandlerFunction(stack, 'X', { service: 'demo', handler: 'gamma', description: 'x', bundleDir })).toThrow(
      BundleNotFoundError,
    );
    expect(() => new HandlerFunction(stack, 'Y', { service: 'demo', handler: 'gamma', description: 'x', bundleDir })).toThrow(
      /run `npx nx build demo` first/,
    );
  });
});

describe('grantPublish', () => {
  it('allows exactly the given detail-types, each with its contract source, on the Plumbing bus', () => {
    const stack = new Stack(new App(), 'Publisher');
    const fn = handler(stack, 'Alpha', 'alpha');
    grantPublish(stack, fn.function, ['MESSAGE_RECEIVED', 'TWITTER_TWEETED']);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: 'events:PutEvents',
            Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`:event-bus/${PLUMBING_BUS_NAME}`])] }),
            Condition: {
              'ForAllValues:StringEquals': {
                'events:source': ['INGRESS', 'TWITTER'],
                'events:detail-type': ['MESSAGE_RECEIVED', 'TWITTER_TWEETED'],
              },
            },
          },
        ]),
      },
    });
  });
});

describe('BusRule', () => {
  const { template, findings } = synthWithNag((app) => {
    const stack = new Stack(app, 'Subscriber');
    const queue = new sqs.Queue(stack, 'Target', { enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'A stand-in target for this test.' });
    new BusRule(stack, 'Negative', {
      description: 'negative messages',
      detailTypes: ['MESSAGE_ANALYSED'],
      detail: { Analysis: { TextSentiment: ['NEGATIVE'] } },
      target: (delivery) => new targets.SqsQueue(queue, delivery),
    });
    return stack;
  });

  it('matches the detail-type from its contract source only', () => {
    expect(eventPatternFor(['MESSAGE_ANALYSED', 'SEND_REPLY'])).toEqual({
      source: ['ANALYSIS', 'RESPONDING'],
      detailType: ['MESSAGE_ANALYSED', 'SEND_REPLY'],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: PLUMBING_BUS_NAME,
      EventPattern: {
        source: ['ANALYSIS'],
        'detail-type': ['MESSAGE_ANALYSED'],
        detail: { Analysis: { TextSentiment: ['NEGATIVE'] } },
      },
    });
  });

  it('retries, then dead-letters into an encrypted queue watched by an alarm', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NegativeDeadLetters'), 'Arn'] } },
        }),
      ],
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
    expect(findings).toEqual([]);
  });
});

describe('shared buckets', () => {
  it('derives names from account and region so readers need no cross-stack reference', () => {
    const stack = new Stack(new App(), 'Reader', { env: { account: '123456789012', region: 'eu-west-1' } });
    // Pseudo parameters, not the synth-time env: the same template works in any account.
    expect(stack.resolve(sharedBucketName('analysisImages'))).toEqual({
      'Fn::Join': ['', ['sma-analysis-images-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
    });
    const fn = handler(stack, 'Alpha', 'alpha');
    grantReadSharedBucket(stack, fn.function, 'annotatedImages');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, ':s3:::sma-annotated-images-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }, '/*'],
              ],
            },
          },
        ]),
      },
    });
  });
});
