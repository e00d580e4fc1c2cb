import type { z } from 'zod';
import {
  AnalysisSchema,
  CelebrityFaceSchema,
  ENTITY_TYPES,
  FaceSchema,
  ImageLabelSchema,
  ModerationLabelSchema,
  PiiEntitySchema,
  TextDetectionSchema,
  TextEntitySchema,
  type Analysis,
} from '@sma/contracts';
import type { LanguageDependentAnalysis } from '../text/languages';
import type { TextAnalysis } from '../text/limits';
import { cutToLength } from '../text/utf8';
import { STEPS, type SkipReason, type StepName } from '../workflow/steps';
import { analysisBudget, fitToBudget, type AssembledAnalysis } from './fit';
import type { AssembleInput, Failure, ImageAnalyses, Outcome } from './input';

type AnalysisErrorEntry = Analysis['Errors'][number];
type ImageAnalysis = Analysis['Images'][number];

/** The contract bounds a recorded cause to this many characters. */
export const MAX_CAUSE_LENGTH = 1000;

const TEXT_STEPS: { readonly [A in LanguageDependentAnalysis]: StepName } = {
  SENTIMENT: STEPS.sentiment,
  ENTITIES: STEPS.entities,
  PII: STEPS.pii,
};

/** Turns a recorded skip into a sentence for people reading the event. */
export function skipReason(reason: SkipReason, step: StepName, languageCode: string): string {
  switch (reason) {
    case 'NO_TEXT':
      return 'The message has no text besides mentions and links';
    case 'TOO_SHORT':
      return `Too little text to detect its language: the default language "${languageCode}" was used`;
    case 'UNSUPPORTED_LANGUAGE':
      return `${step} does not support language "${languageCode}"`;
    case 'NO_IMAGES':
      return 'The message has no images';
  }
}

const isResult = <R>(o: Outcome<R> | undefined): o is { Result: R } => o !== undefined && 'Result' in o;
const isFailure = (o: object | undefined): o is Failure => o !== undefined && 'Error' in o;

/** Collects `Analysis.Errors` entries, cutting causes to the contract's bound. */
class ErrorLog {
  readonly entries: AnalysisErrorEntry[] = [];

  add(step: StepName, error: string, cause: string | null | undefined, url?: string): void {
    this.entries.push({
      Step: step,
      Error: error || 'Unknown',
      Cause: cutToLength(cause ?? '', MAX_CAUSE_LENGTH),
      ...(url ? { Url: url } : {}),
    });
  }

  failure(step: StepName, failure: Failure, url?: string): void {
    this.add(step, failure.Error, failure.Cause, url);
  }

  /** Keeps the items that satisfy the contract; one entry says how many did not. */
  items<S extends z.ZodType>(step: StepName, items: readonly unknown[], schema: S, url?: string): Array<z.infer<S>> {
    const kept: Array<z.infer<S>> = [];
    let firstIssue: string | undefined;
    for (const item of items) {
      const parsed = schema.safeParse(item);
      if (parsed.success) kept.push(parsed.data);
      else firstIssue ??= parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    }
    if (firstIssue !== undefined) {
      this.add(step, 'InvalidServiceResponse', `${items.length - kept.length} of ${items.length} items dropped: ${firstIssue}`, url);
    }
    return kept;
  }
}

/**
 * The language to report: the detected one, unless its code is not one the
 * contract can carry (Comprehend answers RFC 5646 tags; the contract takes
 * `xx`, `xxx` or `xx-XX`). Then the default, and the odd code in `Errors`;
 * no analysis ran with it, as no table lists it.
 */
function languageOf(plan: AssembleInput['Text']['Plan'], errors: ErrorLog): Analysis['Language'] {
  const parsed = AnalysisSchema.shape.Language.safeParse(plan.Language);
  if (parsed.success) return parsed.data;
  errors.add(STEPS.language, 'InvalidServiceResponse', `Language code "${plan.Language.Code}" is not one the contract carries`);
  return { Code: plan.DefaultLanguage, Score: 0, Source: 'DEFAULT' };
}

/** Comprehend may add entity types the contract does not list yet: they count as OTHER rather than being lost. */
function normaliseEntity(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) return item;
  const type = (item as { Type?: unknown }).Type;
  return (ENTITY_TYPES as readonly unknown[]).includes(type) ? item : { ...item, Type: 'OTHER' };
}

/** The definition turns WORD detections into `{}` to keep state small; only LINE detections are reported. */
const isLine = (item: unknown) => typeof item === 'object' && item !== null && (item as { Type?: unknown }).Type === 'LINE';

function imageAnalysis(image: ImageAnalyses, errors: ErrorLog): ImageAnalysis {
  const { Labels, Text, Faces, Moderation } = image.Analyses;
  const url = image.Url;
  for (const [step, outcome] of [
    [STEPS.labels, Labels],
    [STEPS.text, Text],
    [STEPS.celebrities, Faces],
    [STEPS.moderation, Moderation],
  ] as const) {
    if (isFailure(outcome)) errors.failure(step, outcome, url);
  }
  return {
    Url: url,
    Bucket: image.Bucket,
    Key: image.Key,
    Labels: isResult(Labels) ? errors.items(STEPS.labels, Labels.Result.Labels, ImageLabelSchema, url) : [],
    TextDetections: isResult(Text)
      ? errors.items(STEPS.text, Text.Result.TextDetections.filter(isLine), TextDetectionSchema, url)
      : [],
    CelebrityFaces: isResult(Faces) ? errors.items(STEPS.celebrities, Faces.Result.CelebrityFaces, CelebrityFaceSchema, url) : [],
    UnrecognizedFaces: isResult(Faces) ? errors.items(STEPS.celebrities, Faces.Result.UnrecognizedFaces, FaceSchema, url) : [],
    ModerationLabels: isResult(Moderation)
      ? errors.items(STEPS.moderation, Moderation.Result.ModerationLabels, ModerationLabelSchema, url)
      : [],
  };
}

/**
 * Builds `MESSAGE_ANALYSED`'s `AnalysedAt` and `Analysis` from what the
 * workflow's branches produced: results in the contract's shape, each skip
 * with its reason, each failure (caught anywhere in the workflow) in `Errors`
 * with its cause cut to the contract's bound, all validated against the
 * contract and kept within the room the message leaves in one event.
 */
export function assembleAnalysis(input: AssembleInput, now: Date): AssembledAnalysis {
  const errors = new ErrorLog();
  const { Plan, Analyses, Failure } = input.Text;
  const language = languageOf(Plan, errors);
  const code = language.Code;
  const skipped: Analysis['Skipped'] = [];
  const ran = new Set<TextAnalysis>();

  if (!Plan.DetectLanguage) {
    skipped.push({ Analysis: 'LANGUAGE', Reason: skipReason(Plan.Empty ? 'NO_TEXT' : 'TOO_SHORT', STEPS.language, code) });
  } else if (isFailure(Plan.Detection)) {
    errors.failure(STEPS.language, Plan.Detection);
  } else if (isResult(Plan.Detection)) {
    ran.add('LANGUAGE');
  }
  if (Failure) errors.failure(STEPS.analyseText, Failure);

  const text: Pick<Analysis, 'TextSentiment' | 'SentimentScore' | 'TextEntities' | 'PiiEntities'> = {
    TextEntities: [],
    PiiEntities: [],
  };
  const outcomes = Analyses ? { SENTIMENT: Analyses.Sentiment, ENTITIES: Analyses.Entities, PII: Analyses.Pii } : undefined;
  for (const analysis of ['SENTIMENT', 'ENTITIES', 'PII'] as const) {
    const outcome = outcomes?.[analysis];
    const step = TEXT_STEPS[analysis];
    if (outcome === undefined) continue;
    if ('Skipped' in outcome) skipped.push({ Analysis: analysis, Reason: skipReason(outcome.Skipped.Reason, step, code) });
    else if (isFailure(outcome)) errors.failure(step, outcome);
    else ran.add(analysis);
  }
  if (isResult(outcomes?.SENTIMENT)) {
    const [score] = errors.items(STEPS.sentiment, [outcomes.SENTIMENT.Result.SentimentScore], AnalysisSchema.shape.SentimentScore.unwrap());
    text.TextSentiment = outcomes.SENTIMENT.Result.Sentiment;
    if (score) text.SentimentScore = score;
  }
  if (isResult(outcomes?.ENTITIES)) {
    text.TextEntities = errors.items(STEPS.entities, outcomes.ENTITIES.Result.Entities.map(normaliseEntity), TextEntitySchema);
  }
  if (isResult(outcomes?.PII)) {
    text.PiiEntities = errors.items(STEPS.pii, outcomes.PII.Result.Entities, PiiEntitySchema);
  }

  const { Download, Analyses: imageResults, Failure: imagesFailure } = input.Images;
  if (isFailure(Download)) errors.failure(STEPS.download, Download);
  if (isResult(Download)) {
    for (const refused of Download.Result.Refused) errors.add(STEPS.download, refused.Error, refused.Cause, refused.Url);
  }
  if (imagesFailure) errors.failure(STEPS.analyseImages, imagesFailure);
  const images = imageResults.map((image) => imageAnalysis(image, errors));

  const analysis = AnalysisSchema.parse({
    Language: language,
    ...text,
    Truncated: Plan.Truncated.filter((a) => ran.has(a)),
    Skipped: skipped,
    Images: images,
    Errors: errors.entries,
  });
  return fitToBudget({ AnalysedAt: now.toISOString(), Analysis: analysis }, analysisBudget(Plan.MessageBytes));
}
