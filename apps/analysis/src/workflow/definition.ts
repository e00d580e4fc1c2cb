import { Aws } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { CONTRACTS, PLUMBING_BUS_NAME } from '@sma/contracts';
import type { ComprehendLanguage } from '../text/languages';
import { imageBranch } from './image-branch';
import type { AnalysisLimits } from './limits';
import { LAMBDA_STEP_TIMEOUTS, PUBLISH_RETRY, SERVICE_CALL_TIMEOUT } from './retry-policies';
import { lambdaStep } from './state-helpers';
import { STEPS, type StepName } from './steps';
import { textBranch } from './text-branch';

export interface AnalysisDefinitionProps {
  readonly prepare: lambda.IFunction;
  readonly download: lambda.IFunction;
  readonly assemble: lambda.IFunction;
  /** Language used when the text is too short to detect one. */
  readonly defaultLanguage: ComprehendLanguage;
  readonly imageConcurrency: number;
  readonly limits: AnalysisLimits;
}

/** The received message: the execution input is the whole EventBridge event. */
const MESSAGE = '$$.Execution.Input.detail';

/** What the fallback event says when the full analysis could not be produced (the real cause is in the execution log). */
export const FALLBACK_CAUSE = 'The analysis could not be completed; the state machine log has the cause';

/**
 * `events:putEvents` (optimized integration: a failed entry fails the task with
 * EventBridge.FailedEntry) of the detail at `$.Detail`. Written as a CustomState
 * rather than tasks.EventBridgePutEvents because that one grants events:PutEvents
 * on the bus without conditions; the stack grants it with `grantPublish`, which
 * pins the source and detail-type to MESSAGE_ANALYSED's.
 */
function publish(scope: Construct, id: string): sfn.CustomState {
  return new sfn.CustomState(scope, id, {
    stateJson: {
      Type: 'Task',
      Resource: `arn:${Aws.PARTITION}:states:::events:putEvents`,
      Parameters: {
        Entries: [
          {
            EventBusName: PLUMBING_BUS_NAME,
            Source: CONTRACTS.MESSAGE_ANALYSED.source,
            DetailType: 'MESSAGE_ANALYSED',
            'Detail.$': '$.Detail',
          },
        ],
      },
      ResultSelector: { 'EventId.$': '$.Entries[0].EventId' },
      TimeoutSeconds: SERVICE_CALL_TIMEOUT.toSeconds(),
    },
  }).addRetry(PUBLISH_RETRY);
}

/**
 * The whole workflow:
 *
 *   PrepareText -> Analyse (text branch || image branch) -> AssembleAnalysis -> BuildDetail -> PublishAnalysis
 *
 * Every step that can fail has a way out that still publishes: a failure of
 * PrepareText, of the branches as a whole, of AssembleAnalysis or of the
 * publication itself leads to a MESSAGE_ANALYSED with the original message,
 * the default language, no findings and the failed step in `Errors`. Only a
 * message that breaks its own contract fails the execution (it is a producer
 * bug; the failed-executions alarm reports it), as does EventBridge refusing
 * even the fallback event after its retries.
 */
export function analysisDefinition(scope: Construct, props: AnalysisDefinitionProps): sfn.IChainable {
  const publishFallback = publish(scope, 'PublishFallbackAnalysis').addCatch(
    new sfn.Fail(scope, 'PublishFailed', { error: 'PublishFailed', cause: 'MESSAGE_ANALYSED could not be published' }),
    { errors: [sfn.Errors.ALL] },
  );
  const unavailable = new sfn.Pass(scope, 'AnalysisUnavailable', {
    parameters: {
      Assembled: {
        AnalysedAt: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
        Analysis: {
          Language: { Code: props.defaultLanguage, Score: 0, Source: 'DEFAULT' },
          TextEntities: [],
          PiiEntities: [],
          Truncated: [],
          Skipped: [],
          Images: [],
          Errors: sfn.JsonPath.array(sfn.JsonPath.stringAt('$.Entry')),
        },
      },
    },
  })
    .next(
      new sfn.Pass(scope, 'BuildFallbackDetail', {
        parameters: { Detail: sfn.JsonPath.jsonMerge(sfn.JsonPath.objectAt(MESSAGE), sfn.JsonPath.objectAt('$.Assembled')) },
      }),
    )
    .next(publishFallback);
  /** The Catch target for a top-level step: names the step in the fallback event's one error. */
  const fallbackFor = (step: StepName) =>
    new sfn.Pass(scope, `${step}Failed`, {
      parameters: { Entry: { Step: step, Error: sfn.JsonPath.stringAt('$.Failure.Error'), Cause: FALLBACK_CAUSE } },
    }).next(unavailable);
  const catchAll = { errors: [sfn.Errors.ALL], resultPath: '$.Failure' };

  const prepare = lambdaStep(scope, STEPS.prepare, {
    fn: props.prepare,
    payload: sfn.TaskInput.fromObject({ Message: sfn.JsonPath.objectAt('$.detail'), DefaultLanguage: props.defaultLanguage }),
    timeout: LAMBDA_STEP_TIMEOUTS.prepare,
  })
    .addCatch(
      new sfn.Fail(scope, 'MessageInvalid', {
        error: 'InvalidMessageError',
        cause: 'The MESSAGE_RECEIVED detail does not satisfy its contract (see the PrepareText failure)',
      }),
      { errors: ['InvalidMessageError'] },
    )
    .addCatch(fallbackFor(STEPS.prepare), catchAll);

  const analyse = new sfn.Parallel(scope, STEPS.analyse, {
    parameters: {
      Plan: sfn.JsonPath.objectAt('$.Result.Plan'),
      Texts: sfn.JsonPath.objectAt('$.Result.Texts'),
      MessageId: sfn.JsonPath.stringAt(`${MESSAGE}.MessageId`),
      ImageUrls: sfn.JsonPath.listAt(`${MESSAGE}.ImageUrls`),
    },
    resultSelector: { Text: sfn.JsonPath.objectAt('$[0]'), Images: sfn.JsonPath.objectAt('$[1]') },
  })
    .branch(textBranch(scope, props.limits))
    .branch(
      imageBranch(scope, {
        download: props.download,
        concurrency: props.imageConcurrency,
        limits: props.limits,
      }),
    )
    .addCatch(fallbackFor(STEPS.analyse), catchAll);

  const assemble = lambdaStep(scope, STEPS.assemble, {
    fn: props.assemble,
    payload: sfn.TaskInput.fromJsonPathAt('$'),
    timeout: LAMBDA_STEP_TIMEOUTS.assemble,
  }).addCatch(fallbackFor(STEPS.assemble), catchAll);

  const publishAnalysis = publish(scope, STEPS.publish).addCatch(fallbackFor(STEPS.publish), catchAll);

  return prepare
    .next(analyse)
    .next(assemble)
    .next(
      new sfn.Pass(scope, 'BuildDetail', {
        comment: 'The received message with AnalysedAt and Analysis added (AssembleAnalysis sized them to fit one event)',
        parameters: { Detail: sfn.JsonPath.jsonMerge(sfn.JsonPath.objectAt(MESSAGE), sfn.JsonPath.objectAt('$.Result')) },
      }),
    )
    .next(publishAnalysis);
}
