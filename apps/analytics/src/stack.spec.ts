import { Match } from 'aws-cdk-lib/assertions';
import { synthWithNag } from '@sma/cdk/testing';
import { DETAIL_TYPES, METRIC_NAMESPACE, PLUMBING_BUS_NAME, detailJsonSchema } from '@sma/contracts';
import { parseHiveType, type HiveType } from './catalog/hive-types';
import { NAMED_QUERIES, NAMED_QUERY_IDS, namedQuerySql } from './queries/named-queries';
import { AnalyticsStack } from './stack';

const { template, findings } = synthWithNag((app) => new AnalyticsStack(app, 'Analytics'));
const lakeRef = { Ref: Match.stringLikeRegexp('^StorageLake') };
const lakeArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^StorageLake'), 'Arn'] };
const s3Url = (suffix: string) => ({ 'Fn::Join': ['', ['s3://', lakeRef, suffix]] });
/** The same, for jest's own matchers (toMatchObject). */
const s3UrlJest = (suffix: string) => ({ 'Fn::Join': ['', ['s3://', { Ref: expect.stringMatching(/^StorageLake/) }, suffix]] });

type Resource = { Properties: Record<string, unknown> };
const only = (type: string): Record<string, unknown> => {
  const found = Object.values(template.findResources(type)) as Resource[];
  expect(found).toHaveLength(1);
  return found[0]!.Properties;
};
const table = (name: string) =>
  (Object.values(template.findResources('AWS::Glue::Table')) as Resource[])
    .map((r) => r.Properties['TableInput'] as { Name: string; StorageDescriptor: { Columns: Array<{ Name: string; Type: string }> }; PartitionKeys: Array<{ Name: string }>; Parameters: Record<string, unknown> })
    .find((t) => t.Name === name)!;

describe('AnalyticsStack', () => {
  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(findings).toEqual([]);
  });

  describe('delivery', () => {
    it('sends every event of the bus to the stream, with retries and a dead-letter queue', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: PLUMBING_BUS_NAME,
        EventPattern: { source: [{ prefix: '' }] },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeliveryStream'), 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeliveryCatchAllDeadLetters'), 'Arn'] } },
            RoleArn: Match.anyValue(),
          }),
        ],
      });
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeliveryStream'), 'Arn'] } },
          ],
        },
      });
    });

    it('is a DirectPut stream, encrypted, buffering 60 s, partitioned by detail-type and day, errors apart', () => {
      expect(only('AWS::KinesisFirehose::DeliveryStream')).toEqual({
        DeliveryStreamType: 'DirectPut',
        DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
        ExtendedS3DestinationConfiguration: {
          BucketARN: expect.objectContaining({ 'Fn::GetAtt': [expect.stringMatching(/^StorageLake/), 'Arn'] }),
          RoleARN: { 'Fn::GetAtt': [expect.stringMatching(/^DeliveryRole/), 'Arn'] },
          Prefix: 'events/detail_type=!{partitionKeyFromLambda:detail_type}/dt=!{partitionKeyFromLambda:dt}/',
          ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
          BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 64 },
          CompressionFormat: 'GZIP',
          FileExtension: '.json.gz',
          DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } },
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [
              {
                Type: 'Lambda',
                Parameters: [
                  { ParameterName: 'LambdaArn', ParameterValue: { 'Fn::GetAtt': [expect.stringMatching(/^DeliveryTransformFunction/), 'Arn'] } },
                  { ParameterName: 'BufferSizeInMBs', ParameterValue: '1' },
                  { ParameterName: 'BufferIntervalInSeconds', ParameterValue: '60' },
                  { ParameterName: 'NumberOfRetries', ParameterValue: '3' },
                ],
              },
            ],
          },
          CloudWatchLoggingOptions: { Enabled: true, LogGroupName: expect.anything(), LogStreamName: expect.anything() },
          S3BackupMode: 'Disabled',
        },
      });
    });

    it('lets Firehose write objects under events/ and errors/, invoke the transform and log; nothing else', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^DeliveryRole') }],
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: lakeArn },
            {
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
              Resource: [
                { 'Fn::Join': ['', [lakeArn, '/events/*']] },
                { 'Fn::Join': ['', [lakeArn, '/errors/*']] },
              ],
            },
            {
              Effect: 'Allow',
              Action: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
              Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeliveryTransformFunction'), 'Arn'] },
            },
            { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: Match.anyValue() },
          ],
        },
      });
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'firehose.amazonaws.com' } })] },
      });
    });

    it('runs the transform as a Node 22 arm64 HandlerFunction with a minute to answer', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'transform.handler',
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Timeout: 60,
        MemorySize: 512,
        Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'analytics', POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE }) },
      });
    });

    it('alarms on failed records, late delivery and dead letters', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: METRIC_NAMESPACE,
        MetricName: 'LakeRecordsFailed',
        Dimensions: [{ Name: 'service', Value: 'analytics' }],
        Threshold: 1,
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Firehose',
        MetricName: 'DeliveryToS3.DataFreshness',
        Threshold: 900,
      });
      template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    });
  });

  describe('storage', () => {
    it('keeps the lake encrypted, private, TLS-only, retained, logged, in Infrequent Access after 30 days', () => {
      template.hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^StorageAccessLogs') }, LogFilePrefix: 'lake/' },
          LifecycleConfiguration: {
            TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K',
            Rules: Match.arrayWith([
              Match.objectLike({ Id: 'infrequent-access', Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] }),
            ]),
          },
        }),
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: lakeRef,
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    });

    it('has no custom resource (no auto-delete): the local cloud runs the template as it is', () => {
      const types = new Set(Object.values(template.toJSON()['Resources'] as Record<string, { Type: string }>).map((r) => r.Type));
      expect([...types].filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
      template.resourceCountIs('AWS::Lambda::Function', 1);
    });
  });

  describe('catalog', () => {
    it('creates the Glue database', () => {
      template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: Match.objectLike({ Name: 'sma_analytics' }) });
    });

    it('reads every event through partition projection over detail_type and dt, no crawler', () => {
      const events = table('events');
      expect(events.PartitionKeys.map((k) => k.Name)).toEqual(['detail_type', 'dt']);
      expect(events.StorageDescriptor.Columns.map((c) => `${c.Name}:${c.Type}`)).toEqual([
        'version:string', 'id:string', 'source:string', 'account:string', 'time:string', 'region:string',
        'resources:array<string>', 'replay_name:string', 'detail:string',
      ]);
      expect(events.Parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.detail_type.type': 'enum',
        'projection.detail_type.values': DETAIL_TYPES.join(','),
        'projection.dt.type': 'date',
        'projection.dt.format': 'yyyy-MM-dd',
        'projection.dt.range': '2022-01-01,NOW',
        'storage.location.template': s3UrlJest('/events/detail_type=${detail_type}/dt=${dt}/'),
      });
      template.resourceCountIs('AWS::Glue::Crawler', 0);
      template.hasResourceProperties('AWS::Glue::Table', {
        TableInput: Match.objectLike({
          Name: 'events',
          StorageDescriptor: Match.objectLike({
            Location: s3Url('/events/'),
            SerdeInfo: {
              SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
              Parameters: Match.objectLike({ 'case.insensitive': 'TRUE', 'mapping.replay_name': 'replay-name' }),
            },
          }),
        }),
      });
    });

    it('types analysed_messages from the MESSAGE_ANALYSED partition, projected by day', () => {
      const analysed = table('analysed_messages');
      expect(analysed.PartitionKeys.map((k) => k.Name)).toEqual(['dt']);
      expect(analysed.Parameters).toMatchObject({
        'projection.dt.type': 'date',
        'storage.location.template': s3UrlJest('/events/detail_type=MESSAGE_ANALYSED/dt=${dt}/'),
      });
      const detail = parseHiveType(analysed.StorageDescriptor.Columns.find((c) => c.Name === 'detail')!.Type);
      const at = (type: HiveType, ...path: string[]): HiveType | undefined =>
        path.reduce<HiveType | undefined>((t, name) => {
          if (t?.kind === 'array') t = t.items;
          return t?.kind === 'struct' ? t.fields.find((f) => f.name === name)?.type : undefined;
        }, type);
      expect(at(detail, 'analysis', 'images', 'labels', 'confidence')).toEqual({ kind: 'double' });
      expect(at(detail, 'analysis', 'textentities', 'beginoffset')).toEqual({ kind: 'bigint' });
      expect(at(detail, 'analysis', 'images', 'labels', 'parents')).toEqual({ kind: 'array', items: { kind: 'struct', fields: [{ name: 'name', type: { kind: 'string' } }] } });
    });

    it('has a column for every field of the MESSAGE_ANALYSED contract, at every depth (fails when the contract gains one the table lacks)', () => {
      const detail = parseHiveType(table('analysed_messages').StorageDescriptor.Columns.find((c) => c.Name === 'detail')!.Type);
      const missing: string[] = [];
      const walk = (schema: Record<string, unknown>, type: HiveType | undefined, path: string): void => {
        if (schema['type'] === 'array') return walk(schema['items'] as Record<string, unknown>, type?.kind === 'array' ? type.items : undefined, `${path}[]`);
        const properties = (schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
        for (const [key, sub] of Object.entries(properties)) {
          const field = type?.kind === 'struct' ? type.fields.find((f) => f.name === key.toLowerCase()) : undefined;
          if (!field) missing.push(`${path}.${key}`);
          else walk(sub, field.type, `${path}.${key}`);
        }
      };
      walk(detailJsonSchema('MESSAGE_ANALYSED'), detail, 'detail');
      expect(missing).toEqual([]);
      expect(JSON.stringify(detail)).toContain('moderationlabels');
    });
  });

  describe('queries', () => {
    it('runs in an enforced Athena engine 3 workgroup with encrypted results and a scan limit', () => {
      expect(only('AWS::Athena::WorkGroup')).toMatchObject({
        Name: 'sma-analytics',
        WorkGroupConfiguration: {
          EnforceWorkGroupConfiguration: true,
          PublishCloudWatchMetricsEnabled: true,
          BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
          EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
          ResultConfiguration: {
            EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
            OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: expect.stringMatching(/^QueriesResults/) }, '/results/']] },
          },
        },
      });
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'athena-results/' }),
        LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'expire-results', ExpirationInDays: 30 })]) },
      });
    });

    it('saves every named query, its SQL from its .sql file, in the lake database', () => {
      template.resourceCountIs('AWS::Athena::NamedQuery', NAMED_QUERY_IDS.length);
      for (const id of NAMED_QUERY_IDS) {
        template.hasResourceProperties('AWS::Athena::NamedQuery', {
          Name: NAMED_QUERIES[id].name,
          Database: 'sma_analytics',
          WorkGroup: { Ref: Match.stringLikeRegexp('^QueriesWorkGroup') },
          QueryString: namedQuerySql(id),
        });
      }
    });
  });

  it('takes its names and limits from props', () => {
    const custom = synthWithNag((app) =>
      new AnalyticsStack(app, 'Custom', { glueDatabaseName: 'lake_dev', lakeStartDate: '2024-06-01', athenaWorkGroupName: 'dev', athenaBytesScannedCutoffPerQuery: 1024 ** 3 }),
    ).template;
    custom.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: Match.objectLike({ Name: 'lake_dev' }) });
    custom.hasResourceProperties('AWS::Glue::Table', { DatabaseName: 'lake_dev', TableInput: Match.objectLike({ Parameters: Match.objectLike({ 'projection.dt.range': '2024-06-01,NOW' }) }) });
    custom.hasResourceProperties('AWS::Athena::WorkGroup', { Name: 'dev', WorkGroupConfiguration: Match.objectLike({ BytesScannedCutoffPerQuery: 1024 ** 3 }) });
    custom.hasResourceProperties('AWS::Athena::NamedQuery', { Database: 'lake_dev' });
  });
});
