import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { synthWithNag } from '@sma/cdk/testing';
import { CONTRACTS, DETAIL_TYPES, METRIC_NAMESPACE, PLUMBING_BUS_NAME, eventJsonSchema } from '@sma/contracts';
import { PlumbingStack } from './stack';

const synth = (props: ConstructorParameters<typeof PlumbingStack>[2] = {}) =>
  synthWithNag((app) => new PlumbingStack(app, 'Plumbing', props));

describe('PlumbingStack', () => {
  const { template, findings } = synth();

  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(findings).toEqual([]);
  });

  it('creates the bus under the name the contracts export', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', { Name: PLUMBING_BUS_NAME });
  });

  it('archives every event for 30 days by default', () => {
    template.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: 30,
      EventPattern: { source: [{ prefix: '' }] },
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bus'), 'Arn'] },
    });
  });

  it('takes the archive retention as a prop', () => {
    synth({ archiveRetention: Duration.days(7) }).template.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: 7,
    });
  });

  it('logs every event to a KMS-encrypted log group kept one month', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/events/${PLUMBING_BUS_NAME}/all`,
      RetentionInDays: 30,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: [{ prefix: '' }] },
      Targets: [Match.objectLike({ Arn: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('has one metric filter per detail-type of the contracts, in the project namespace', () => {
    const filters = template.findResources('AWS::Logs::MetricFilter');
    const names = Object.values(filters).map(
      (f) => (f as { Properties: { MetricTransformations: Array<{ MetricName: string; MetricNamespace: string }> } })
        .Properties.MetricTransformations[0]!,
    );
    expect(names.map((n) => n.MetricName).sort()).toEqual([...DETAIL_TYPES].sort());
    expect(new Set(names.map((n) => n.MetricNamespace))).toEqual(new Set([METRIC_NAMESPACE]));
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.detail-type = "MESSAGE_ANALYSED" }',
    });
  });

  it('draws a dashboard of those metrics', () => {
    const dashboards = template.findResources('AWS::CloudWatch::Dashboard');
    expect(Object.keys(dashboards)).toHaveLength(1);
    const body = JSON.stringify(Object.values(dashboards)[0]);
    for (const t of ['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'REPLY_SENT', 'TWITTER_TWEETED', 'SLACK_EVENT']) {
      expect(body).toContain(t);
    }
  });

  it('registers a schema per contract, generated from the zod schemas', () => {
    template.resourceCountIs('AWS::EventSchemas::Schema', DETAIL_TYPES.length);
    template.hasResourceProperties('AWS::EventSchemas::Schema', {
      SchemaName: `${CONTRACTS.MESSAGE_ANALYSED.source}@MESSAGE_ANALYSED`,
      Type: 'JSONSchemaDraft4',
      Content: JSON.stringify(eventJsonSchema('MESSAGE_ANALYSED')),
    });
  });
});
