/**
 * How much of each finding the workflow keeps. Together they bound the
 * largest state (README "State size"): the defaults keep four worst-case
 * images plus the text's findings under half of Step Functions' 256 KiB.
 */
export interface AnalysisLimits {
  /** DetectEntities results kept. @default 50 */
  readonly maxEntities: number;
  /** DetectPiiEntities results kept. @default 50 */
  readonly maxPiiEntities: number;
  /** DetectLabels `MaxLabels`. @default 10 */
  readonly maxLabels: number;
  /** DetectLabels `MinConfidence` (percent). @default 70 */
  readonly minLabelConfidence: number;
  /** Bounding boxes kept per label. @default 3 */
  readonly maxInstancesPerLabel: number;
  /** Text lines kept per image (DetectText finds at most 100 words; words repeat their lines and are not kept). @default 50 */
  readonly maxTextLines: number;
  /** Recognised celebrities kept per image (RecognizeCelebrities returns up to 64 faces). @default 12 */
  readonly maxCelebrityFaces: number;
  /** Unrecognised faces kept per image. @default 12 */
  readonly maxUnrecognizedFaces: number;
  /** DetectModerationLabels `MinConfidence` (percent). @default 60 */
  readonly minModerationConfidence: number;
  /** Moderation labels kept per image. @default 20 */
  readonly maxModerationLabels: number;
}

export const DEFAULT_LIMITS: AnalysisLimits = {
  maxEntities: 50,
  maxPiiEntities: 50,
  maxLabels: 10,
  minLabelConfidence: 70,
  maxInstancesPerLabel: 3,
  maxTextLines: 50,
  maxCelebrityFaces: 12,
  maxUnrecognizedFaces: 12,
  minModerationConfidence: 60,
  maxModerationLabels: 20,
};
