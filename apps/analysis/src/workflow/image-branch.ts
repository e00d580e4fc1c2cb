import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { AnalysisLimits } from './limits';
import { LAMBDA_STEP_TIMEOUTS, REKOGNITION_RETRY, SERVICE_CALL_TIMEOUT } from './retry-policies';
import { capList, failedOutcome, lambdaStep, projectEach } from './state-helpers';
import { STEPS, type StepName } from './steps';

/** The image of the current Map item, as Rekognition reads it from S3 (with the state machine role's s3:GetObject). */
const S3_IMAGE = {
  S3Object: { Bucket: sfn.JsonPath.stringAt('$.Bucket'), Name: sfn.JsonPath.stringAt('$.Key') },
};

const BOX = 'BoundingBox';

/** A Rekognition call as an AWS SDK integration, ending the branch with `{Error, Cause}` when it fails after its retries. */
function rekognitionCall(
  scope: Construct,
  step: StepName,
  action: string,
  parameters: Record<string, unknown>,
  result: Record<string, unknown>,
): sfn.TaskStateBase {
  return new tasks.CallAwsService(scope, step, {
    service: 'rekognition',
    action,
    iamAction: `rekognition:${step}`,
    iamResources: ['*'],
    parameters: { Image: S3_IMAGE, ...parameters },
    resultSelector: { Result: result },
    taskTimeout: sfn.Timeout.duration(SERVICE_CALL_TIMEOUT),
  })
    .addRetry(REKOGNITION_RETRY)
    .addCatch(failedOutcome(scope, step), { errors: [sfn.Errors.ALL] });
}

function labelsBranch(scope: Construct, limits: AnalysisLimits): sfn.IChainable {
  const capInstances = new sfn.Choice(scope, 'LabelInstancesOverLimit')
    .when(
      sfn.Condition.isPresent(`$.Instances[${limits.maxInstancesPerLabel}]`),
      new sfn.Pass(scope, 'KeepFirstLabelInstances', {
        parameters: {
          Name: sfn.JsonPath.stringAt('$.Name'),
          Confidence: sfn.JsonPath.numberAt('$.Confidence'),
          Parents: sfn.JsonPath.listAt('$.Parents'),
          Instances: sfn.JsonPath.arrayGetItem(
            sfn.JsonPath.arrayPartition(sfn.JsonPath.listAt('$.Instances'), limits.maxInstancesPerLabel),
            0,
          ),
        },
      }),
    )
    .otherwise(new sfn.Pass(scope, 'LabelInstancesWithinLimit'));
  return rekognitionCall(
    scope,
    STEPS.labels,
    'detectLabels',
    { MaxLabels: limits.maxLabels, MinConfidence: limits.minLabelConfidence },
    { Labels: sfn.JsonPath.listAt('$.Labels') },
  ).next(
    projectEach(scope, 'KeepLabelFields', {
      listPath: '$.Result.Labels',
      fields: { Name: 'Name', Confidence: 'Confidence', Parents: 'Parents', Instances: 'Instances' },
      processor: capInstances,
    }),
  );
}

function textDetectionBranch(scope: Construct, limits: AnalysisLimits): sfn.IChainable {
  return rekognitionCall(scope, STEPS.text, 'detectText', {}, { TextDetections: sfn.JsonPath.listAt('$.TextDetections') }).next(
    projectEach(scope, 'KeepTextLines', {
      listPath: '$.Result.TextDetections',
      fields: { DetectedText: 'DetectedText', Type: 'Type', Confidence: 'Confidence', Geometry: { [BOX]: `Geometry.${BOX}` } },
      // Words repeat their line's text: only lines are reported. Rekognition lists lines before
      // words, so the index cap keeps the first lines; whatever the order, no more than that many.
      drop: sfn.Condition.not(sfn.Condition.stringEquals('$.Item.Type', 'LINE')),
      maxIndex: limits.maxTextLines,
    }),
  );
}

function facesBranch(scope: Construct, limits: AnalysisLimits): sfn.IChainable {
  const lists = ['CelebrityFaces', 'UnrecognizedFaces'];
  return rekognitionCall(scope, STEPS.celebrities, 'recognizeCelebrities', {}, {
    CelebrityFaces: sfn.JsonPath.listAt('$.CelebrityFaces'),
    UnrecognizedFaces: sfn.JsonPath.listAt('$.UnrecognizedFaces'),
  })
    .next(capList(scope, 'CelebrityFaces', { resultFields: lists, field: 'CelebrityFaces', max: limits.maxCelebrityFaces }))
    .next(capList(scope, 'UnrecognizedFaces', { resultFields: lists, field: 'UnrecognizedFaces', max: limits.maxUnrecognizedFaces }))
    .next(
      projectEach(scope, 'KeepCelebrityFields', {
        listPath: '$.Result.CelebrityFaces',
        fields: {
          Name: 'Name',
          Id: 'Id',
          MatchConfidence: 'MatchConfidence',
          Face: { [BOX]: `Face.${BOX}`, Confidence: 'Face.Confidence' },
        },
      }),
    )
    .next(
      projectEach(scope, 'KeepFaceFields', {
        listPath: '$.Result.UnrecognizedFaces',
        fields: { [BOX]: BOX, Confidence: 'Confidence' },
      }),
    );
}

function moderationBranch(scope: Construct, limits: AnalysisLimits): sfn.IChainable {
  return rekognitionCall(
    scope,
    STEPS.moderation,
    'detectModerationLabels',
    { MinConfidence: limits.minModerationConfidence },
    { ModerationLabels: sfn.JsonPath.listAt('$.ModerationLabels') },
  )
    .next(capList(scope, 'ModerationLabels', { resultFields: ['ModerationLabels'], field: 'ModerationLabels', max: limits.maxModerationLabels }))
    .next(
      projectEach(scope, 'KeepModerationFields', {
        listPath: '$.Result.ModerationLabels',
        fields: { Name: 'Name', ParentName: 'ParentName', Confidence: 'Confidence' },
      }),
    );
}

export interface ImageBranchProps {
  readonly download: lambda.IFunction;
  /** Images analysed at once (each runs four Rekognition calls in parallel). */
  readonly concurrency: number;
  readonly limits: AnalysisLimits;
}

/**
 * The image branch: when the message has image URLs, the downloader stores
 * them in the analysis bucket (refusals come back as results), then a Map runs
 * the four Rekognition analyses per stored image, keeping only the contract's
 * fields. Output: `{Download, Analyses}` (plus `Failure` if the Map failed).
 */
export function imageBranch(scope: Construct, props: ImageBranchProps): sfn.IChainable {
  const perImage = new sfn.Parallel(scope, 'AnalyseImage', {
    resultSelector: {
      Labels: sfn.JsonPath.objectAt('$[0]'),
      Text: sfn.JsonPath.objectAt('$[1]'),
      Faces: sfn.JsonPath.objectAt('$[2]'),
      Moderation: sfn.JsonPath.objectAt('$[3]'),
    },
    resultPath: '$.Analyses',
  })
    .branch(labelsBranch(scope, props.limits))
    .branch(textDetectionBranch(scope, props.limits))
    .branch(facesBranch(scope, props.limits))
    .branch(moderationBranch(scope, props.limits));

  const analyseImages = new sfn.Map(scope, STEPS.analyseImages, {
    itemsPath: '$.Download.Result.Images',
    maxConcurrency: props.concurrency,
    resultPath: '$.Analyses',
  }).itemProcessor(perImage);
  analyseImages.addCatch(
    new sfn.Pass(scope, 'ImageAnalysisFailed', {
      parameters: { Download: sfn.JsonPath.objectAt('$.Download'), Analyses: [], Failure: sfn.JsonPath.objectAt('$.Failure') },
    }),
    { errors: [sfn.Errors.ALL], resultPath: '$.Failure' },
  );
  analyseImages.next(
    new sfn.Pass(scope, 'ImagesAnalysed', {
      parameters: { Download: sfn.JsonPath.objectAt('$.Download'), Analyses: sfn.JsonPath.objectAt('$.Analyses') },
    }),
  );

  const download = lambdaStep(scope, STEPS.download, {
    fn: props.download,
    payload: sfn.TaskInput.fromObject({
      MessageId: sfn.JsonPath.stringAt('$.MessageId'),
      ImageUrls: sfn.JsonPath.listAt('$.ImageUrls'),
    }),
    timeout: LAMBDA_STEP_TIMEOUTS.download,
    resultPath: '$.Download',
  }).addCatch(
      new sfn.Pass(scope, 'ImagesNotDownloaded', {
        parameters: { Download: sfn.JsonPath.objectAt('$.Download'), Analyses: [] },
      }),
      { errors: [sfn.Errors.ALL], resultPath: '$.Download' },
    );
  download.next(analyseImages);

  return new sfn.Choice(scope, 'HasImages')
    .when(sfn.Condition.isPresent('$.ImageUrls[0]'), download)
    .otherwise(
      new sfn.Pass(scope, 'NoImages', {
        result: sfn.Result.fromObject({ Download: { Skipped: { Reason: 'NO_IMAGES' } }, Analyses: [] }),
      }),
    );
}
