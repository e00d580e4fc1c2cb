import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { synthWithNag } from '@sma/cdk/testing';
import { PLUMBING_BUS_NAME, SECRET_NAMES } from '@sma/contracts';
import { egressConfig } from './config';
import { EgressStack, type EgressStackProps } from './stack';

type Resource = { Properties: Record<string, unknown> };
const synth = (props: EgressStackProps = {}) => synthWithNag((app) => new EgressStack(app, 'Egress', props));

describe('EgressStack', () => {
  const { template, findings } = synth();
  const fnId = Object.keys(template.findResources('AWS::Lambda::Function'))[0]!;
  const tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]!;
  const queueId = Object.keys(template.findResources('AWS::SQS::Queue'))[0]!;
  const statements = () =>
    Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => ((p as Resource).Properties['PolicyDocument'] as { Statement: Array<Record<string, unknown>> }).Statement,
    );

  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(findings).toEqual([]);
  });

  it('keeps the idempotency records in DynamoDB keyed by id, expiring on expiration, recoverable', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('gives the function everything its configuration needs, remembering outcomes 32 days (past the 30-day archive)', () => {
    const fn = template.findResources('AWS::Lambda::Function')[fnId] as Resource;
    const variables = (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
    expect(variables).toMatchObject({
      IDEMPOTENCY_TABLE: { Ref: tableId },
      IDEMPOTENCY_TTL_SECONDS: String(32 * 24 * 3600),
      DEAD_LETTER_QUEUE_URL: { Ref: queueId },
      TWITTER_API_BASE_URL: 'https://api.x.com',
      SLACK_API_BASE_URL: 'https://slack.com/api/',
    });
    expect(fn.Properties).toMatchObject({ Handler: 'egress.handler', Timeout: 60, Architectures: ['arm64'] });
    // The configuration the handler reads is exactly what the stack sets.
    const resolved = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : `resolved-${k}`]));
    expect(() => egressConfig(resolved)).not.toThrow();
  });

  it('takes the platform base URLs and the idempotency period as props', () => {
    synth({ twitterApiBaseUrl: 'http://127.0.0.1:4010', slackApiBaseUrl: 'http://127.0.0.1:4011/api/', idempotencyTtl: Duration.days(40) }).template.hasResourceProperties(
      'AWS::Lambda::Function',
      {
        Environment: {
          Variables: Match.objectLike({
            TWITTER_API_BASE_URL: 'http://127.0.0.1:4010',
            SLACK_API_BASE_URL: 'http://127.0.0.1:4011/api/',
            IDEMPOTENCY_TTL_SECONDS: String(40 * 24 * 3600),
          }),
        },
      },
    );
  });

  it('subscribes to SEND_REPLY from responding, with retries and a dead-letter queue with an alarm', () => {
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: PLUMBING_BUS_NAME,
      EventPattern: { source: ['RESPONDING'], 'detail-type': ['SEND_REPLY'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        }),
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
  });

  it('outputs what an operator needs to redrive dead letters', () => {
    template.hasOutput('DeadLetterQueueUrl', { Value: { Ref: queueId } });
    template.hasOutput('IdempotencyTableName', { Value: { Ref: tableId } });
  });

  it('retries what the function throws twice, then dead-letters it in the same queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  it('grants exactly what egress does: idempotency items, outcome events, annotated images, channel secrets, the dead-letter queue', () => {
    const all = statements();
    expect(all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
          Resource: expect.arrayContaining([{ 'Fn::GetAtt': [tableId, 'Arn'] }]),
        }),
        expect.objectContaining({
          Action: 'events:PutEvents',
          Condition: { 'ForAllValues:StringEquals': { 'events:source': ['EGRESS'], 'events:detail-type': ['REPLY_SENT', 'REPLY_FAILED'] } },
        }),
        expect.objectContaining({ Action: 's3:GetObject' }),
        expect.objectContaining({ Action: 'secretsmanager:GetSecretValue' }),
        expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } }),
      ]),
    );
    const secrets = all.find((s) => s['Action'] === 'secretsmanager:GetSecretValue')!;
    const arns = JSON.stringify(secrets['Resource']);
    for (const name of Object.values(SECRET_NAMES)) expect(arns).toContain(`:secret:${name}-??????`);
    const s3 = all.find((s) => s['Action'] === 's3:GetObject')!;
    expect(JSON.stringify(s3['Resource'])).toContain(':s3:::sma-annotated-images-');
    expect(all.some((s) => String(s['Action']).includes('dynamodb:Scan') || s['Action'] === 'dynamodb:*')).toBe(false);
  });
});
