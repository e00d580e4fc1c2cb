import { ArnFormat, type CfnElement, Duration, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ALL_EVENTS, BusRule, HandlerFunction } from '@sma/cdk';
import { METRIC_NAMESPACE } from '@sma/contracts';
import { TRANSFORM_METRICS } from '../adapters/transform-metrics';
import { FIREHOSE_DATA_PREFIX, FIREHOSE_ERROR_PREFIX } from '../lake/partition';
import { FirehoseTarget } from './firehose-target';

export interface LakeDeliveryProps {
  /** The lake bucket the stream writes to. */
  readonly bucket: s3.IBucket;
  /** Longest time Firehose buffers a partition before writing an object. @default Duration.seconds(60) */
  readonly bufferingInterval?: Duration;
  /**
   * Largest buffer before Firehose writes an object. Dynamic partitioning needs
   * at least 64 MiB; at this project's volume the 60-second interval always
   * fires first, so objects stay small and fresh.
   * @default Size.mebibytes(64)
   */
  readonly bufferingSize?: Size;
}

/**
 * Every event of the bus into the lake: a catch-all rule (retry policy and
 * dead-letter queue) puts each event on a Firehose stream, whose transform
 * Lambda turns it into a redacted JSON line with its partition keys; Firehose
 * writes them GZIP-compressed under `events/detail_type=…/dt=…/` by dynamic
 * partitioning, and what it could not process or deliver under `errors/`.
 *
 * The stream is the CloudFormation resource itself rather than CDK's L2: the L2
 * grants its role read-write-delete on the whole bucket and adds an unused
 * mapping, where Firehose needs only to write objects, invoke one function and
 * write its own log stream.
 */
export class LakeDelivery extends Construct {
  readonly transform: HandlerFunction;
  readonly stream: firehose.CfnDeliveryStream;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly rule: BusRule;
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: LakeDeliveryProps) {
    super(scope, id);
    this.transform = new HandlerFunction(this, 'Transform', {
      service: 'analytics',
      handler: 'transform',
      description: 'Firehose processor: each event to one redacted JSON line of the data lake, with its partition keys',
      timeout: Duration.minutes(1),
      memorySize: 512,
    });

    this.logGroup = new logs.LogGroup(this, 'DeliveryLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logStream = this.logGroup.addStream('S3Delivery');

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com'),
      description: 'analytics: the lake Firehose stream writes to the lake bucket and invokes its transform',
    });
    // The permissions Firehose documents for an S3 destination with a Lambda processor, and no more.
    const policy = new iam.Policy(this, 'RolePolicy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [props.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
          resources: [props.bucket.arnForObjects('events/*'), props.bucket.arnForObjects('errors/*')],
        }),
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
          resources: [this.transform.function.functionArn],
        }),
        new iam.PolicyStatement({
          actions: ['logs:PutLogEvents'],
          resources: [
            Stack.of(this).formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: `${this.logGroup.logGroupName}:log-stream:${logStream.logStreamName}`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
        }),
      ],
    });

    const bucketId = Stack.of(this).getLogicalId(props.bucket.node.defaultChild as CfnElement);
    for (const prefix of ['events', 'errors']) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}/*]`,
        reason: `Firehose names each object under ${prefix}/ itself (partition, time and a random suffix); the role may write there only.`,
      });
    }

    const bufferingInterval = props.bufferingInterval ?? Duration.seconds(60);
    const bufferingSize = props.bufferingSize ?? Size.mebibytes(64);
    this.stream = new firehose.CfnDeliveryStream(this, 'Stream', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: props.bucket.bucketArn,
        roleArn: this.role.roleArn,
        prefix: FIREHOSE_DATA_PREFIX,
        errorOutputPrefix: FIREHOSE_ERROR_PREFIX,
        bufferingHints: { intervalInSeconds: bufferingInterval.toSeconds(), sizeInMBs: bufferingSize.toMebibytes() },
        compressionFormat: 'GZIP',
        fileExtension: '.json.gz',
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'Lambda',
              // Firehose invokes the transform with up to 1 MiB or 60 s of records, and retries a failed invocation 3 times.
              parameters: [
                { parameterName: 'LambdaArn', parameterValue: this.transform.function.functionArn },
                { parameterName: 'BufferSizeInMBs', parameterValue: '1' },
                { parameterName: 'BufferIntervalInSeconds', parameterValue: '60' },
                { parameterName: 'NumberOfRetries', parameterValue: '3' },
              ],
            },
          ],
        },
        cloudWatchLoggingOptions: { enabled: true, logGroupName: this.logGroup.logGroupName, logStreamName: logStream.logStreamName },
        s3BackupMode: 'Disabled',
      },
    });
    // Firehose checks its permissions when the stream is created.
    this.stream.node.addDependency(policy);

    this.rule = new BusRule(this, 'CatchAll', {
      description: 'Every event on the bus to the data lake',
      detailTypes: ALL_EVENTS,
      target: (delivery) => new FirehoseTarget(this.stream.attrArn, delivery),
    });

    this.alarms = [
      new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: TRANSFORM_METRICS.failed,
        dimensionsMap: { service: 'analytics' },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }).createAlarm(this, 'RecordsFailed', {
        alarmDescription: 'Events the lake transform could not process: they are in the errors/ prefix of the lake bucket',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Metric({
        namespace: 'AWS/Firehose',
        metricName: 'DeliveryToS3.DataFreshness',
        dimensionsMap: { DeliveryStreamName: this.stream.ref },
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }).createAlarm(this, 'DeliveryLate', {
        alarmDescription: 'The oldest record in the lake stream has waited over 15 minutes: S3 delivery is failing',
        threshold: Duration.minutes(15).toSeconds(),
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
