import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { HandlerFunction, grantPublish, type TransientSharedBucket } from '@sma/cdk';
import { IMAGE_KEY_PREFIX } from '../download/download-images';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS } from '../download/policy';
import type { ComprehendLanguage } from '../text/languages';
import { analysisDefinition } from '../workflow/definition';
import type { AnalysisLimits } from '../workflow/limits';
import { DOWNLOAD_FUNCTION_TIMEOUT } from '../workflow/retry-policies';

export interface AnalysisWorkflowProps {
  /** The analysis bucket (`sharedBucketName('analysisImages')`): the downloader writes images, Rekognition reads them. */
  readonly images: TransientSharedBucket;
  readonly defaultLanguage: ComprehendLanguage;
  /** `IMAGE_HOSTS` of the downloader: `host[:port]` origins images may be fetched from. */
  readonly imageHosts: readonly string[];
  readonly imageConcurrency: number;
  readonly limits: AnalysisLimits;
  /** Log execution input and output (message texts) with errors. */
  readonly includeExecutionData: boolean;
  readonly logRetention: logs.RetentionDays;
  /** The folder holding the Lambda bundles. @default HandlerFunction's default (`dist/apps/analysis`) */
  readonly bundleDir?: string;
}

const SERVICE = 'analysis';

/**
 * The Express state machine with its three small Lambdas, its log group and
 * its alarms. Permissions are exactly the calls the definition makes: the
 * Comprehend and Rekognition actions each task names, s3:GetObject on the
 * image prefix (Rekognition reads S3 as its caller), lambda:InvokeFunction on
 * the three functions, and events:PutEvents for MESSAGE_ANALYSED only.
 */
export class AnalysisWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;
  readonly functions: { readonly prepare: HandlerFunction; readonly download: HandlerFunction; readonly assemble: HandlerFunction };
  readonly failedAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AnalysisWorkflowProps) {
    super(scope, id);
    const common = { service: SERVICE, ...(props.bundleDir ? { bundleDir: props.bundleDir } : {}) };
    const prepare = new HandlerFunction(this, 'PrepareText', {
      ...common,
      handler: 'prepare-text',
      description: 'Validates a received message and decides what of its text each Comprehend call gets',
    });
    const download = new HandlerFunction(this, 'DownloadImages', {
      ...common,
      handler: 'download-images',
      description: 'Downloads the images of a message (https, allow-listed public hosts, JPEG/PNG, 15 MB) into the analysis bucket',
      timeout: DOWNLOAD_FUNCTION_TIMEOUT,
      // Up to four 15 MB images are held in memory; more memory is also more network and CPU on Lambda.
      memorySize: 512,
      environment: {
        IMAGE_BUCKET: props.images.bucket.bucketName,
        IMAGE_HOSTS: props.imageHosts.join(','),
        DOWNLOAD_TIMEOUT_MS: String(DEFAULT_DOWNLOAD_TIMEOUT_MS),
      },
    });
    props.images.grantObjects(download.role, ['s3:PutObject'], IMAGE_KEY_PREFIX, 'The downloader writes each message image under the image prefix.');
    const assemble = new HandlerFunction(this, 'AssembleAnalysis', {
      ...common,
      handler: 'assemble-analysis',
      description: 'Builds and validates the Analysis of MESSAGE_ANALYSED from the outcomes of the workflow',
    });
    this.functions = { prepare, download, assemble };

    // Express workflows log to CloudWatch only; the vendedlogs prefix keeps the account's
    // log resource policy from growing with every state machine.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-analysis`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      comment: 'Analyses a MESSAGE_RECEIVED with Comprehend and Rekognition and always publishes one MESSAGE_ANALYSED',
      definitionBody: sfn.DefinitionBody.fromChainable(
        // The states live in their own scope: their ids are the state names, which repeat the functions' names.
        analysisDefinition(new Construct(this, 'Definition'), {
          prepare: prepare.function,
          download: download.function,
          assemble: assemble.function,
          defaultLanguage: props.defaultLanguage,
          imageConcurrency: props.imageConcurrency,
          limits: props.limits,
        }),
      ),
      timeout: Duration.minutes(5),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: props.includeExecutionData },
    });
    // Rekognition reads S3 objects with its caller's permissions: the state machine needs s3:GetObject.
    props.images.grantObjects(
      this.stateMachine.role,
      ['s3:GetObject'],
      IMAGE_KEY_PREFIX,
      'Rekognition reads the downloaded images, all under the image prefix, as the state machine.',
    );
    grantPublish(this, this.stateMachine, ['MESSAGE_ANALYSED']);

    // A failed or timed-out execution is the one way a message can go without MESSAGE_ANALYSED.
    this.failedAlarm = new cloudwatch.MathExpression({
      expression: 'failed + timedOut',
      usingMetrics: {
        failed: this.stateMachine.metricFailed({ statistic: 'Sum' }),
        timedOut: this.stateMachine.metricTimedOut({ statistic: 'Sum' }),
      },
      period: Duration.minutes(5),
      label: 'Executions that published nothing',
    }).createAlarm(this, 'ExecutionsFailed', {
      alarmDescription: 'Analysis executions failed or timed out: their messages got no MESSAGE_ANALYSED',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF1',
      reason:
        'ERROR level by design: at ALL, CloudWatch Logs ingestion of every state transition would cost more than the Express executions themselves.',
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Comprehend Detect* and Rekognition image actions support no resource-level permissions; X-Ray and log delivery actions need "*" too.',
    });
    for (const fn of [prepare, download, assemble]) {
      const logicalId = Stack.of(this).getLogicalId(fn.function.node.defaultChild as lambda.CfnFunction);
      Validations.of(this.stateMachine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: 'lambda:invoke grants the function and its versions; the definition invokes the unqualified function only.',
      });
    }
  }
}
