import type { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { LAMBDA_RETRY } from './retry-policies';
import type { SkipReason } from './steps';

/**
 * Small ASL building blocks the branches share. They use JSONPath only with
 * definite paths and intrinsic functions, never filters or slices: Step
 * Functions and aws-local-stepfunctions (the local cloud's engine) disagree on
 * indefinite paths that match one item or none, and a path that matches
 * nothing is a States.Runtime error no Catch can handle.
 */

/** A field of a projection: the path of the value inside each item, or a nested object of those. */
export type FieldMap = { readonly [field: string]: string | FieldMap };

function itemSelector(fields: FieldMap): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, path]) => [
      name,
      typeof path === 'string' ? sfn.JsonPath.objectAt(`$$.Map.Item.Value.${path}`) : itemSelector(path),
    ]),
  );
}

export interface ProjectionProps {
  /** The list to project, e.g. `$.Result.Labels`; the projected list replaces it. */
  readonly listPath: string;
  /** The fields each item keeps (the contract's), by their path in the service's item. */
  readonly fields: FieldMap;
  /** Items for which this holds are replaced by `{}` (what AssembleAnalysis ignores), e.g. WORD text detections. */
  readonly drop?: sfn.Condition;
  /** Items from this index on are replaced by `{}` too: a cap that works alongside `drop`. */
  readonly maxIndex?: number;
  /** What to do with each kept item after the projection. @default keep it as projected */
  readonly processor?: sfn.IChainable;
}

/**
 * Keeps only the contract's fields of every item of a list: a service item
 * (a celebrity with its landmarks, pose and emotions; a text detection with
 * its polygon) is several times the size of what the event carries, and four
 * images' worth of them would not fit a state.
 */
export function projectEach(scope: Construct, id: string, props: ProjectionProps): sfn.Map {
  const kept = new sfn.Pass(scope, `${id}Kept`, { outputPath: '$.Item' });
  if (props.processor) kept.next(props.processor);
  const drops = [
    ...(props.drop ? [props.drop] : []),
    ...(props.maxIndex !== undefined ? [sfn.Condition.numberGreaterThanEquals('$.Index', props.maxIndex)] : []),
  ];
  const processor =
    drops.length === 0
      ? kept
      : new sfn.Choice(scope, `${id}Drop`)
          .when(drops.length === 1 ? drops[0]! : sfn.Condition.or(...drops), new sfn.Pass(scope, `${id}Dropped`, { result: sfn.Result.fromObject({}) }))
          .otherwise(kept);
  return new sfn.Map(scope, id, {
    itemsPath: props.listPath,
    itemSelector: { Index: sfn.JsonPath.numberAt('$$.Map.Item.Index'), Item: itemSelector(props.fields) },
    resultPath: props.listPath,
  }).itemProcessor(processor);
}

export interface CapProps {
  /** The fields of `$.Result`, all passed through. */
  readonly resultFields: readonly string[];
  /** The field of `$.Result` to cap. */
  readonly field: string;
  readonly max: number;
}

/**
 * Keeps the first `max` items of `$.Result.<field>` (states `<name>OverLimit`, `KeepFirst<name>`). ASL has no slice that
 * both engines evaluate alike, so: if item `max` exists, take the first chunk
 * of `States.ArrayPartition` (which fails on an empty list, hence the Choice).
 */
export function capList(scope: Construct, name: string, props: CapProps): sfn.Chain {
  const result = Object.fromEntries(
    props.resultFields.map((f) => [
      f,
      f === props.field
        ? sfn.JsonPath.arrayGetItem(sfn.JsonPath.arrayPartition(sfn.JsonPath.listAt(`$.Result.${f}`), props.max), 0)
        : sfn.JsonPath.listAt(`$.Result.${f}`),
    ]),
  );
  return new sfn.Choice(scope, `${name}OverLimit`)
    .when(
      sfn.Condition.isPresent(`$.Result.${props.field}[${props.max}]`),
      new sfn.Pass(scope, `KeepFirst${name}`, { parameters: { Result: result } }),
    )
    .otherwise(new sfn.Pass(scope, `${name}WithinLimit`))
    .afterwards();
}

/** A Catch handler that ends a branch with the recorded `{Error, Cause}` as its outcome. */
export function failedOutcome(scope: Construct, step: string): sfn.Pass {
  return new sfn.Pass(scope, `${step}Failed`, { comment: `The ${step} outcome when it failed after its retries` });
}

/** Ends a branch with a skip and its reason code. */
export function skippedOutcome(scope: Construct, id: string, reason: SkipReason): sfn.Pass {
  return new sfn.Pass(scope, id, { result: sfn.Result.fromObject({ Skipped: { Reason: reason } }) });
}

export interface LambdaStepProps {
  readonly fn: lambda.IFunction;
  readonly payload: sfn.TaskInput;
  readonly timeout: Duration;
  /** Where `{Result: <the function's return value>}` goes. @default '$' (replaces the state) */
  readonly resultPath?: string;
}

/** A `lambda:invoke` step: its result as `{Result}`, Lambda's own failures retried with jitter. */
export function lambdaStep(scope: Construct, step: string, props: LambdaStepProps): sfn.TaskStateBase {
  return new tasks.LambdaInvoke(scope, step, {
    lambdaFunction: props.fn,
    payload: props.payload,
    retryOnServiceExceptions: false,
    taskTimeout: sfn.Timeout.duration(props.timeout),
    resultSelector: { Result: sfn.JsonPath.objectAt('$.Payload') },
    ...(props.resultPath ? { resultPath: props.resultPath } : {}),
  }).addRetry(LAMBDA_RETRY);
}
