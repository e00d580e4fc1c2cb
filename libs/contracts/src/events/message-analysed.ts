import { z } from 'zod';
import { refineOrigin } from '../channels';
import { MessageFieldsSchema } from './message-received';

const Score = z.number().min(0).max(1);
/** Rekognition confidences are percentages. */
const Confidence = z.number().min(0).max(100);

/** A box as ratios of the image's width and height (Rekognition's convention; may overhang the edges slightly). */
export const BoundingBoxSchema = z.object({
  Width: z.number(),
  Height: z.number(),
  Left: z.number(),
  Top: z.number(),
});
export type BoundingBox = z.infer<typeof BoundingBoxSchema>;

export const SENTIMENTS = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'] as const;
export const SentimentSchema = z.enum(SENTIMENTS);
export type Sentiment = z.infer<typeof SentimentSchema>;

export const ENTITY_TYPES = [
  'PERSON',
  'LOCATION',
  'ORGANIZATION',
  'COMMERCIAL_ITEM',
  'EVENT',
  'DATE',
  'QUANTITY',
  'TITLE',
  'OTHER',
] as const;

/** The analyses the text branch can run or skip. */
export const TEXT_ANALYSES = ['LANGUAGE', 'SENTIMENT', 'ENTITIES', 'PII'] as const;
export const TextAnalysisSchema = z.enum(TEXT_ANALYSES);

/**
 * An entity Comprehend found in the text. Offsets count Unicode code points of
 * `Text` (Comprehend's convention), not UTF-16 code units: use `[...text]` to
 * slice in JavaScript.
 */
export const TextEntitySchema = z.object({
  Type: z.enum(ENTITY_TYPES),
  Text: z.string(),
  Score,
  BeginOffset: z.number().int().min(0),
  EndOffset: z.number().int().min(0),
});

/** PII spans carry types and offsets (code points, as for entities) only: the text itself is what must not spread. */
export const PiiEntitySchema = z.object({
  Type: z.string().regex(/^[A-Z_]{2,64}$/),
  Score,
  BeginOffset: z.number().int().min(0),
  EndOffset: z.number().int().min(0),
});

export const ImageLabelSchema = z.object({
  Name: z.string(),
  Confidence,
  Parents: z.array(z.object({ Name: z.string() })),
  Instances: z.array(z.object({ BoundingBox: BoundingBoxSchema, Confidence })),
});

export const TextDetectionSchema = z.object({
  DetectedText: z.string(),
  Type: z.enum(['LINE', 'WORD']),
  Confidence,
  Geometry: z.object({ BoundingBox: BoundingBoxSchema }),
});

export const FaceSchema = z.object({ BoundingBox: BoundingBoxSchema, Confidence });

export const CelebrityFaceSchema = z.object({
  Name: z.string().min(1),
  Id: z.string().optional(),
  MatchConfidence: Confidence,
  Face: FaceSchema,
});

export const ModerationLabelSchema = z.object({
  Name: z.string(),
  ParentName: z.string(),
  Confidence,
});

/** A failure the workflow caught and recorded instead of dropping the message. */
export const AnalysisErrorSchema = z.object({
  /** Which step failed, e.g. `DetectSentiment` or `DownloadImages`. */
  Step: z.string().min(1),
  /** The error name, e.g. `Comprehend.ThrottlingException` or `States.Timeout`. */
  Error: z.string(),
  /** The cause as the service gave it, cut to 1,000 characters. */
  Cause: z.string().max(1000),
  /** The image the failure concerns (a refused download, a failed Rekognition call), when it concerns one. */
  Url: z.url().optional(),
});

export const ImageAnalysisSchema = z.object({
  /** The URL the image was fetched from. */
  Url: z.url(),
  /** Where the downloaded copy is (analysis bucket; expires after a day). */
  Bucket: z.string().min(3),
  Key: z.string().min(1),
  Labels: z.array(ImageLabelSchema),
  TextDetections: z.array(TextDetectionSchema),
  CelebrityFaces: z.array(CelebrityFaceSchema),
  UnrecognizedFaces: z.array(FaceSchema),
  ModerationLabels: z.array(ModerationLabelSchema),
});

export const AnalysisSchema = z.object({
  Language: z.object({
    /** ISO 639-1 code (or Comprehend's `zh-TW`). */
    Code: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
    /** Comprehend's confidence; 0 when the language is the configured default rather than detected. */
    Score,
    /** `DETECTED` by Comprehend, or the configured `DEFAULT` for texts too short to detect. */
    Source: z.enum(['DETECTED', 'DEFAULT']),
  }),
  /** Absent when sentiment was skipped (empty text, unsupported language) or failed. */
  TextSentiment: SentimentSchema.optional(),
  SentimentScore: z
    .object({ Positive: Score, Negative: Score, Neutral: Score, Mixed: Score })
    .optional(),
  TextEntities: z.array(TextEntitySchema),
  PiiEntities: z.array(PiiEntitySchema),
  /**
   * Analyses that saw the text cut to their byte limit (on a UTF-8 character
   * boundary): the API's own limit, or a lower one the workflow applies so that
   * a response always fits Step Functions' 256 KiB payload limit.
   */
  Truncated: z.array(TextAnalysisSchema),
  /** Analyses not run, and why (e.g. language not supported by DetectPiiEntities). */
  Skipped: z.array(z.object({ Analysis: TextAnalysisSchema, Reason: z.string() })),
  Images: z.array(ImageAnalysisSchema),
  Errors: z.array(AnalysisErrorSchema),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

/**
 * The original message plus everything the AI found in it. The analysis
 * workflow emits exactly one per `MESSAGE_RECEIVED`, also when steps failed
 * (they are listed in `Analysis.Errors`).
 *
 * @example
 * ```json
 * {
 *   "MessageId": "TWITTER-1572570427880538999",
 *   "Channel": "TWITTER",
 *   "Text": "@makitdev the van broke down again, awful service from Acme Motors. Call me on 07700 900123",
 *   "ImageUrls": ["https://pbs.twimg.com/media/FdJdXzWXkAEvKzM.jpg"],
 *   "Author": "harry11",
 *   "AuthorId": "1498961531635122999",
 *   "ReceivedAt": "2022-09-21T12:56:22.000Z",
 *   "Twitter": { "TweetId": "1572570427880538999", "UserId": "1498961531635122999", "ScreenName": "harry11" },
 *   "AnalysedAt": "2022-09-21T12:56:24.512Z",
 *   "Analysis": {
 *     "Language": { "Code": "en", "Score": 0.99, "Source": "DETECTED" },
 *     "TextSentiment": "NEGATIVE",
 *     "SentimentScore": { "Positive": 0.01, "Negative": 0.95, "Neutral": 0.03, "Mixed": 0.01 },
 *     "TextEntities": [
 *       { "Type": "PERSON", "Text": "@makitdev", "Score": 0.74, "BeginOffset": 0, "EndOffset": 9 },
 *       { "Type": "ORGANIZATION", "Text": "Acme Motors", "Score": 0.97, "BeginOffset": 55, "EndOffset": 66 }
 *     ],
 *     "PiiEntities": [{ "Type": "PHONE", "Score": 0.99, "BeginOffset": 79, "EndOffset": 91 }],
 *     "Truncated": [],
 *     "Skipped": [],
 *     "Images": [
 *       {
 *         "Url": "https://pbs.twimg.com/media/FdJdXzWXkAEvKzM.jpg",
 *         "Bucket": "analysis-images-123456789012-eu-west-1",
 *         "Key": "images/TWITTER-1572570427880538999/0.jpg",
 *         "Labels": [
 *           { "Name": "Van", "Confidence": 97.1, "Parents": [{ "Name": "Vehicle" }, { "Name": "Transportation" }], "Instances": [{ "BoundingBox": { "Width": 0.5, "Height": 0.4, "Left": 0.3, "Top": 0.4 }, "Confidence": 97.1 }] },
 *           { "Name": "Person", "Confidence": 99.2, "Parents": [], "Instances": [] }
 *         ],
 *         "TextDetections": [
 *           { "DetectedText": "VAN", "Type": "LINE", "Confidence": 98.4, "Geometry": { "BoundingBox": { "Width": 0.055, "Height": 0.056, "Left": 0.804, "Top": 0.53 } } }
 *         ],
 *         "CelebrityFaces": [
 *           { "Name": "Keanu Reeves", "Id": "1Ax7dZ", "MatchConfidence": 99.1, "Face": { "BoundingBox": { "Width": 0.085, "Height": 0.113, "Left": 0.198, "Top": 0.136 }, "Confidence": 99.9 } }
 *         ],
 *         "UnrecognizedFaces": [{ "BoundingBox": { "Width": 0.07, "Height": 0.1, "Left": 0.6, "Top": 0.2 }, "Confidence": 98.0 }],
 *         "ModerationLabels": []
 *       }
 *     ],
 *     "Errors": []
 *   }
 * }
 * ```
 */
export const MessageAnalysedSchema = MessageFieldsSchema.extend({
  AnalysedAt: z.iso.datetime(),
  Analysis: AnalysisSchema,
}).superRefine(refineOrigin);
export type MessageAnalysed = z.infer<typeof MessageAnalysedSchema>;
