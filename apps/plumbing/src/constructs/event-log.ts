import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DETAIL_TYPES, METRIC_NAMESPACE, PLUMBING_BUS_NAME, type DetailType } from '@sma/contracts';

export interface EventLogProps {
  readonly bus: events.IEventBus;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly retention?: logs.RetentionDays;
}

/**
 * Every event on the bus, written to an encrypted log group by a catch-all
 * rule: the first place to look when "nothing happened", and the source of a
 * metric per detail-type (metric filters need no code in any service).
 */
export class EventLog extends Construct {
  readonly logGroup: logs.LogGroup;
  readonly rule: events.Rule;
  readonly metricFilters: Readonly<Record<DetailType, logs.MetricFilter>>;

  constructor(scope: Construct, id: string, props: EventLogProps) {
    super(scope, id);
    const { region } = Stack.of(this);
    const key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Plumbing catch-all event log',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch Logs encrypts with the key on the log group's behalf; it needs the key policy to say so.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': Stack.of(this).formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/events/${PLUMBING_BUS_NAME}/all`,
      retention: props.retention ?? logs.RetentionDays.ONE_MONTH,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.rule = new events.Rule(this, 'CatchAll', {
      description: 'Every event on the bus to the catch-all log group',
      eventBus: props.bus,
      eventPattern: { source: events.Match.prefix('') },
    });
    // The target is wired by hand rather than with targets.CloudWatchLogGroup, which installs a
    // custom-resource Lambda (with a managed policy) only to write this resource policy; the
    // native AWS::Logs::ResourcePolicy does the same with nothing to run.
    new logs.ResourcePolicy(this, 'DeliveryPolicy', {
      policyStatements: [
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('events.amazonaws.com'), new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
          conditions: { ArnEquals: { 'aws:SourceArn': this.rule.ruleArn } },
        }),
      ],
    });
    const logGroupArn = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.rule.addTarget({ bind: () => ({ arn: logGroupArn }) });
    this.metricFilters = Object.fromEntries(
      DETAIL_TYPES.map((detailType) => [
        detailType,
        new logs.MetricFilter(this, `Metric${detailType}`, {
          logGroup: this.logGroup,
          metricNamespace: METRIC_NAMESPACE,
          metricName: detailType,
          filterPattern: logs.FilterPattern.stringValue('$.detail-type', '=', detailType),
          metricValue: '1',
          defaultValue: 0,
        }),
      ]),
    ) as Record<DetailType, logs.MetricFilter>;
  }
}
