import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { SUPPORTED_LANGUAGES, type LanguageDependentAnalysis } from '../text/languages';
import type { AnalysisLimits } from './limits';
import { COMPREHEND_RETRY, SERVICE_CALL_TIMEOUT } from './retry-policies';
import { capList, failedOutcome, skippedOutcome } from './state-helpers';
import { STEPS, type StepName } from './steps';

/** A Comprehend call as an AWS SDK integration (no Lambda in between), with its retries and its exact IAM action. */
function comprehendCall(
  scope: Construct,
  step: StepName,
  action: string,
  parameters: Record<string, unknown>,
  resultSelector: Record<string, unknown>,
  resultPath?: string,
): sfn.TaskStateBase {
  return new tasks.CallAwsService(scope, step, {
    service: 'comprehend',
    action,
    iamAction: `comprehend:${step}`,
    iamResources: ['*'],
    parameters,
    resultSelector,
    ...(resultPath ? { resultPath } : {}),
    taskTimeout: sfn.Timeout.duration(SERVICE_CALL_TIMEOUT),
  }).addRetry(COMPREHEND_RETRY);
}

interface LanguageDependent {
  /** Where the branch's outcome goes in `Analyses` (what AssembleAnalysis reads). */
  readonly key: 'Sentiment' | 'Entities' | 'Pii';
  readonly analysis: LanguageDependentAnalysis;
  readonly step: StepName;
  readonly action: string;
  /** What of the response the outcome keeps (ResultSelector, under `Result`). */
  readonly result: Record<string, unknown>;
  /** The list to cap after the call, if the response has one that grows with the text. */
  readonly cap?: { readonly name: string; readonly field: string; readonly max: number };
}

/**
 * One language-dependent analysis as a Parallel branch. It ends in exactly one
 * outcome: `{Result}`, `{Skipped: {Reason}}` (no text, or a language the API
 * does not support: the table in text/languages.ts, rendered into the Choice),
 * or the `{Error, Cause}` its Catch recorded.
 */
function languageDependentBranch(scope: Construct, spec: LanguageDependent): sfn.IChainable {
  const call = comprehendCall(
    scope,
    spec.step,
    spec.action,
    { Text: sfn.JsonPath.stringAt(`$.Texts.${spec.analysis}`), LanguageCode: sfn.JsonPath.stringAt('$.Language.Code') },
    { Result: spec.result },
  );
  call.addCatch(failedOutcome(scope, spec.step), { errors: [sfn.Errors.ALL] });
  if (spec.cap) {
    call.next(capList(scope, spec.cap.name, { resultFields: [spec.cap.field], field: spec.cap.field, max: spec.cap.max }));
  }
  const supported = sfn.Condition.or(
    ...SUPPORTED_LANGUAGES[spec.analysis].map((code) => sfn.Condition.stringEquals('$.Language.Code', code)),
  );
  return new sfn.Choice(scope, `${spec.step}Applies`)
    .when(sfn.Condition.booleanEquals('$.Empty', true), skippedOutcome(scope, `${spec.step}NoText`, 'NO_TEXT'))
    .when(supported, call)
    .otherwise(skippedOutcome(scope, `${spec.step}UnsupportedLanguage`, 'UNSUPPORTED_LANGUAGE'));
}

/**
 * The text branch: the language (detected when PrepareText found enough text,
 * else the configured default, which PrepareText put in the plan), then
 * sentiment, entities and PII in parallel. Its output is `{Plan, Analyses}`
 * (or `{Plan, Failure}`): the texts themselves are dropped here, so they never
 * reach the states after the branch.
 */
export function textBranch(scope: Construct, limits: AnalysisLimits): sfn.IChainable {
  const specs: readonly LanguageDependent[] = [
    {
      key: 'Sentiment',
      analysis: 'SENTIMENT',
      step: STEPS.sentiment,
      action: 'detectSentiment',
      result: { Sentiment: sfn.JsonPath.stringAt('$.Sentiment'), SentimentScore: sfn.JsonPath.objectAt('$.SentimentScore') },
    },
    {
      key: 'Entities',
      analysis: 'ENTITIES',
      step: STEPS.entities,
      action: 'detectEntities',
      result: { Entities: sfn.JsonPath.listAt('$.Entities') },
      cap: { name: 'Entities', field: 'Entities', max: limits.maxEntities },
    },
    {
      key: 'Pii',
      analysis: 'PII',
      step: STEPS.pii,
      action: 'detectPiiEntities',
      result: { Entities: sfn.JsonPath.listAt('$.Entities') },
      cap: { name: 'PiiEntities', field: 'Entities', max: limits.maxPiiEntities },
    },
  ];
  const analyses = new sfn.Parallel(scope, STEPS.analyseText, {
    parameters: {
      Language: sfn.JsonPath.objectAt('$.Plan.Language'),
      Empty: sfn.JsonPath.objectAt('$.Plan.Empty'),
      Texts: sfn.JsonPath.objectAt('$.Texts'),
    },
    // Branch i's outcome under its key: { Sentiment, Entities, Pii }.
    resultSelector: Object.fromEntries(specs.map((spec, i) => [spec.key, sfn.JsonPath.objectAt(`$[${i}]`)])),
    resultPath: '$.Analyses',
  });
  for (const spec of specs) analyses.branch(languageDependentBranch(scope, spec));
  analyses.addCatch(
    new sfn.Pass(scope, 'TextAnalysisFailed', {
      parameters: { Plan: sfn.JsonPath.objectAt('$.Plan'), Failure: sfn.JsonPath.objectAt('$.Failure') },
    }),
    { errors: [sfn.Errors.ALL], resultPath: '$.Failure' },
  );
  analyses.next(
    new sfn.Pass(scope, 'TextAnalysed', {
      parameters: { Plan: sfn.JsonPath.objectAt('$.Plan'), Analyses: sfn.JsonPath.objectAt('$.Analyses') },
    }),
  );

  const detect = comprehendCall(
    scope,
    STEPS.language,
    'detectDominantLanguage',
    { Text: sfn.JsonPath.stringAt('$.Texts.LANGUAGE') },
    { Result: { Languages: sfn.JsonPath.listAt('$.Languages') } },
    '$.Plan.Detection',
  );
  // Without a language the text can still be analysed in the default one: record the error and go on.
  detect.addCatch(analyses, { errors: [sfn.Errors.ALL], resultPath: '$.Plan.Detection' });
  // Comprehend lists the most likely language first; an empty list keeps the default.
  detect.next(
    new sfn.Choice(scope, 'LanguageDetected')
      .when(
        sfn.Condition.isPresent('$.Plan.Detection.Result.Languages[0]'),
        new sfn.Pass(scope, 'UseDetectedLanguage', {
          parameters: {
            Code: sfn.JsonPath.stringAt('$.Plan.Detection.Result.Languages[0].LanguageCode'),
            Score: sfn.JsonPath.numberAt('$.Plan.Detection.Result.Languages[0].Score'),
            Source: 'DETECTED',
          },
          resultPath: '$.Plan.Language',
        }).next(analyses),
      )
      .otherwise(analyses),
  );

  return new sfn.Choice(scope, 'DetectLanguage')
    .when(sfn.Condition.booleanEquals('$.Plan.DetectLanguage', true), detect)
    .otherwise(analyses);
}
