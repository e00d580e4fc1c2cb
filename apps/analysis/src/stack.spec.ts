import { Match } from 'aws-cdk-lib/assertions';
import { synthWithNag } from '@sma/cdk/testing';
import { PLUMBING_BUS_NAME } from '@sma/contracts';
import { ConfigurationError } from './errors';
import { AnalysisStack, type AnalysisStackProps } from './stack';

const synth = (props: AnalysisStackProps = {}) => synthWithNag((app) => new AnalysisStack(app, 'Analysis', props));

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

describe('AnalysisStack', () => {
  const { template, findings } = synth();
  const resources = (type: string) => Object.entries(template.findResources(type));
  const stateMachineRoleStatements = (): Statement[] => {
    const [[, policy]] = resources('AWS::IAM::Policy').filter(([id]) => id.startsWith('WorkflowStateMachineRoleDefaultPolicy')) as [
      [string, { Properties: { PolicyDocument: { Statement: Statement[] } } }],
    ];
    return policy.Properties.PolicyDocument.Statement;
  };

  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(findings).toEqual([]);
  });

  it('has no custom resources (the local cloud runs the template as it is)', () => {
    expect(Object.values(template.toJSON()['Resources'] as Record<string, { Type: string }>).filter((r) => r.Type.startsWith('Custom::'))).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Function', 3);
  });

  it('subscribes the state machine itself to MESSAGE_RECEIVED from ingress, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: PLUMBING_BUS_NAME,
      EventPattern: { source: ['INGRESS'], 'detail-type': ['MESSAGE_RECEIVED'] },
      Targets: [
        Match.objectLike({
          Arn: { Ref: Match.stringLikeRegexp('^WorkflowStateMachine') },
          RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkflowStateMachineEventsRole'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OnMessageReceivedDeadLetters'), 'Arn'] } },
        }),
      ],
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('is an Express workflow logging errors only, without execution data, traced by X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'EXPRESS',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ERROR',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkflowLogs'), 'Arn'] } } }],
      },
    });
    synth({ includeExecutionData: true }).template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ IncludeExecutionData: true }),
    });
  });

  it('lets the state machine make exactly the calls its definition makes', () => {
    const statements = stateMachineRoleStatements();
    const actions = statements.flatMap((s) => [s.Action].flat()).sort();
    expect(actions).toEqual(
      [
        'comprehend:DetectDominantLanguage',
        'comprehend:DetectSentiment',
        'comprehend:DetectEntities',
        'comprehend:DetectPiiEntities',
        'rekognition:DetectLabels',
        'rekognition:DetectText',
        'rekognition:RecognizeCelebrities',
        'rekognition:DetectModerationLabels',
        's3:GetObject',
        'lambda:InvokeFunction',
        'lambda:InvokeFunction',
        'lambda:InvokeFunction',
        'events:PutEvents',
        // Log delivery and tracing, which Step Functions needs for LoggingConfiguration and X-Ray.
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
      ].sort(),
    );
    const s3 = statements.find((s) => s.Action === 's3:GetObject')!;
    expect(JSON.stringify(s3.Resource)).toMatch(/ImagesBucket.*\/images\/\*/);
    const publish = statements.find((s) => s.Action === 'events:PutEvents')!;
    expect(publish.Condition).toEqual({
      'ForAllValues:StringEquals': { 'events:source': ['ANALYSIS'], 'events:detail-type': ['MESSAGE_ANALYSED'] },
    });
    expect(JSON.stringify(publish.Resource)).toContain(`:event-bus/${PLUMBING_BUS_NAME}`);
  });

  it('lets the downloader put objects under the image prefix and nothing else', () => {
    const [[, policy]] = resources('AWS::IAM::Policy').filter(([id]) => id.startsWith('WorkflowDownloadImagesRoleDefaultPolicy')) as [
      [string, { Properties: { PolicyDocument: { Statement: Statement[] } } }],
    ];
    const s3 = policy.Properties.PolicyDocument.Statement.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(s3[0]!.Action).toBe('s3:PutObject');
    expect(JSON.stringify(s3[0]!.Resource)).toMatch(/ImagesBucket.*\/images\/\*/);
  });

  it('configures the downloader with the X media hosts and never with the loopback opt-in', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'download-images.handler',
      Timeout: 30,
      Environment: {
        Variables: Match.objectLike({
          IMAGE_HOSTS: 'pbs.twimg.com,ton.twimg.com',
          IMAGE_BUCKET: { Ref: Match.stringLikeRegexp('^ImagesBucket') },
        }),
      },
    });
    const functions = resources('AWS::Lambda::Function').map(([, f]) => JSON.stringify(f));
    for (const fn of functions) expect(fn).not.toContain('ALLOW_LOOPBACK_HOSTS');
    synth({ imageHosts: ['media.example.com', 'cdn.example.com:8443'] }).template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ IMAGE_HOSTS: 'media.example.com,cdn.example.com:8443' }) },
    });
  });

  it('keeps images in the shared analysis bucket: encrypted, private, TLS only, expired after a day', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Delete',
      Properties: {
        BucketName: { 'Fn::Join': ['', ['sma-analysis-images-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 1, Status: 'Enabled' })] },
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms when an execution fails or times out (the one way a message goes without MESSAGE_ANALYSED)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'failed + timedOut' }),
        Match.objectLike({ Id: 'failed', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'ExecutionsFailed' }) }) }),
      ]),
    });
  });

  it('refuses configuration the workflow could not run with', () => {
    expect(() => synth({ defaultLanguage: 'nl' })).toThrow(ConfigurationError);
    expect(() => synth({ imageHosts: ['https://pbs.twimg.com'] })).toThrow(/IMAGE_HOSTS/);
    expect(() => synth({ imageConcurrency: 0 })).toThrow(/imageConcurrency must be 1 to 4/);
    expect(() => synth({ imageConcurrency: 1 })).toThrow(/past Express's 300 s/);
  });
});
