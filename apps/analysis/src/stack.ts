import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BusRule, TransientSharedBucket } from '@sma/cdk';
import { MAX_IMAGES_PER_MESSAGE } from '@sma/contracts';
import { AnalysisWorkflow } from './constructs/analysis-workflow';
import { DEFAULT_IMAGE_HOSTS, policyFromEnvironment } from './download/policy';
import { ConfigurationError } from './errors';
import { COMPREHEND_LANGUAGES, type ComprehendLanguage } from './text/languages';
import { EXPRESS_MAX_SECONDS, worstCaseExecutionSeconds } from './workflow/duration';
import { DEFAULT_LIMITS, type AnalysisLimits } from './workflow/limits';

export interface AnalysisStackProps extends StackProps {
  /** Language assumed for texts too short to detect (one Comprehend supports). @default 'en' */
  readonly defaultLanguage?: string;
  /** Origins (`host` or `host:port`) images are downloaded from. @default the X media hosts, pbs.twimg.com and ton.twimg.com */
  readonly imageHosts?: readonly string[];
  /** Images analysed at once per message (each runs four Rekognition calls); 2 to 4, so the worst case ends within 5 minutes. @default 2 */
  readonly imageConcurrency?: number;
  /** Log execution input and output (message texts) along with errors. @default false */
  readonly includeExecutionData?: boolean;
  /** Retention of the state machine's and the functions' logs. @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** How much of each finding is kept. @default DEFAULT_LIMITS */
  readonly limits?: Partial<AnalysisLimits>;
  /** The folder holding the Lambda bundles. @default `<workspace>/dist/apps/analysis` */
  readonly bundleDir?: string;
}

function defaultLanguageOf(value: string | undefined): ComprehendLanguage {
  const language = value ?? 'en';
  if (!(COMPREHEND_LANGUAGES as readonly string[]).includes(language)) {
    throw new ConfigurationError(`defaultLanguage "${language}" is not one Comprehend analyses (${COMPREHEND_LANGUAGES.join(', ')})`);
  }
  return language as ComprehendLanguage;
}

/**
 * The Analysis service: every MESSAGE_RECEIVED on the Plumbing bus starts an
 * Express workflow (the rule targets the state machine directly, with retries
 * and a dead-letter queue) that analyses the text with Comprehend and the
 * images with Rekognition and publishes exactly one MESSAGE_ANALYSED.
 */
export class AnalysisStack extends Stack {
  readonly workflow: AnalysisWorkflow;
  readonly images: TransientSharedBucket;
  readonly rule: BusRule;

  constructor(scope: Construct, id: string, props: AnalysisStackProps = {}) {
    super(scope, id, { description: 'Serverless Message Analyser: text and image analysis of every received message', ...props });
    const imageHosts = props.imageHosts ?? DEFAULT_IMAGE_HOSTS;
    // The downloader would refuse to start with a malformed list: refuse to synthesize it instead.
    policyFromEnvironment({ IMAGE_HOSTS: imageHosts.join(',') });
    const imageConcurrency = props.imageConcurrency ?? 2;
    if (!Number.isInteger(imageConcurrency) || imageConcurrency < 1 || imageConcurrency > MAX_IMAGES_PER_MESSAGE) {
      throw new ConfigurationError(`imageConcurrency must be 1 to ${MAX_IMAGES_PER_MESSAGE}, not ${imageConcurrency}`);
    }
    const worstCase = worstCaseExecutionSeconds(imageConcurrency);
    if (worstCase >= EXPRESS_MAX_SECONDS) {
      throw new ConfigurationError(
        `imageConcurrency ${imageConcurrency} lets a slow execution run ${worstCase} s, past Express's ${EXPRESS_MAX_SECONDS} s`,
      );
    }

    // Copies of the photos Rekognition reads from S3 (15 MB there, 5 MB as bytes); responding reads them to annotate faces.
    this.images = new TransientSharedBucket(this, 'Images', {
      which: 'analysisImages',
      noAccessLogsReason:
        'Transient copies of public social-media images, expired after a day, written and read by two IAM roles only (CloudTrail records both).',
    });
    this.workflow = new AnalysisWorkflow(this, 'Workflow', {
      images: this.images,
      defaultLanguage: defaultLanguageOf(props.defaultLanguage),
      imageHosts,
      imageConcurrency,
      limits: { ...DEFAULT_LIMITS, ...props.limits },
      includeExecutionData: props.includeExecutionData ?? false,
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      ...(props.bundleDir ? { bundleDir: props.bundleDir } : {}),
    });
    this.rule = new BusRule(this, 'OnMessageReceived', {
      description: 'Every received message to the analysis workflow',
      detailTypes: ['MESSAGE_RECEIVED'],
      // An Express execution that cannot start within two hours is not worth starting.
      maxEventAge: Duration.hours(2),
      target: (delivery) => new targets.SfnStateMachine(this.workflow.stateMachine, delivery),
    });
  }
}
