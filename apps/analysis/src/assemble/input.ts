import { z } from 'zod';
import { SentimentSchema } from '@sma/contracts';
import { TextPlanSchema } from '../text/prepare';
import { SKIP_REASONS } from '../workflow/steps';

/**
 * The shapes the workflow hands AssembleAnalysis. Every analysis step ends in
 * one of three outcomes: `{Result}` (the service's answer, already trimmed by
 * the definition's ResultSelector and projections), `{Skipped: {Reason}}`, or
 * the `{Error, Cause}` a Catch recorded.
 *
 * Result items are kept as `unknown` here and validated one by one against
 * the contract when assembling, so one odd item is dropped and reported rather
 * than failing the whole message.
 */
export const FailureSchema = z.object({ Error: z.string(), Cause: z.string().nullish() });
export type Failure = z.infer<typeof FailureSchema>;

export const SkippedSchema = z.object({ Skipped: z.object({ Reason: z.enum(SKIP_REASONS) }) });

function outcome<R extends z.ZodType>(result: R) {
  return z.union([z.object({ Result: result }), SkippedSchema, FailureSchema]);
}
export type Outcome<R> = { Result: R } | z.infer<typeof SkippedSchema> | Failure;

const Items = z.array(z.unknown());

export const SentimentResultSchema = z.object({ Sentiment: SentimentSchema, SentimentScore: z.unknown() });
export const DetectedLanguagesSchema = z.object({
  Languages: z.array(z.object({ LanguageCode: z.string(), Score: z.number() })),
});

export const TextOutputSchema = z.object({
  Plan: TextPlanSchema.extend({ Detection: outcome(DetectedLanguagesSchema).optional() }),
  Analyses: z
    .object({
      Sentiment: outcome(SentimentResultSchema),
      Entities: outcome(z.object({ Entities: Items })),
      Pii: outcome(z.object({ Entities: Items })),
    })
    .optional(),
  /** Set when the text analyses as a whole failed (a Catch around them). */
  Failure: FailureSchema.optional(),
});
export type TextOutput = z.infer<typeof TextOutputSchema>;

export const DownloadOutcomeSchema = outcome(
  z.object({
    Images: z.array(z.object({ Url: z.string(), Bucket: z.string(), Key: z.string() })),
    Refused: z.array(z.object({ Url: z.string(), Error: z.string(), Cause: z.string() })),
  }),
);

export const ImageAnalysesSchema = z.object({
  Url: z.string(),
  Bucket: z.string(),
  Key: z.string(),
  Analyses: z.object({
    Labels: outcome(z.object({ Labels: Items })),
    Text: outcome(z.object({ TextDetections: Items })),
    Faces: outcome(z.object({ CelebrityFaces: Items, UnrecognizedFaces: Items })),
    Moderation: outcome(z.object({ ModerationLabels: Items })),
  }),
});
export type ImageAnalyses = z.infer<typeof ImageAnalysesSchema>;

export const ImagesOutputSchema = z.object({
  Download: DownloadOutcomeSchema,
  Analyses: z.array(ImageAnalysesSchema),
  /** Set when the image analyses as a whole failed (a Catch around the Map). */
  Failure: FailureSchema.optional(),
});
export type ImagesOutput = z.infer<typeof ImagesOutputSchema>;

export const AssembleInputSchema = z.object({ Text: TextOutputSchema, Images: ImagesOutputSchema });
export type AssembleInput = z.infer<typeof AssembleInputSchema>;
