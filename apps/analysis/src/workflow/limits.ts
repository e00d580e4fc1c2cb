/**
 * How much of each finding the workflow keeps. Together they bound the
 * largest state (README "State size"): the defaults keep four worst-case
 * images plus the text's findings under half of Step Functions' 256 KiB.
 */
export interface AnalysisLimits {
  /** DetectEntities results kept. @default 100 */
  readonly maxEntities: number;
  /** DetectPiiEntities results kept. @default 100 */
  readonly maxPiiEntities: number;
  /** DetectLabels `MaxLabels`. @default 10 */
  readonly maxLabels: number;
  /** DetectLabels `MinConfidence` (percent). @default 70 */
  readonly minLabelConfidence: number;
  /** Bounding boxes kept per label. @default 5 */
  readonly maxInstancesPerLabel: number;
  /** Recognised celebrities kept per image (RecognizeCelebrities returns up to 64 faces). @default 16 */
  readonly maxCelebrityFaces: number;
  /** Unrecognised faces kept per image. @default 16 */
  readonly maxUnrecognizedFaces: number;
  /** DetectModerationLabels `MinConfidence` (percent). @default 60 */
  readonly minModerationConfidence: number;
  /** Moderation labels kept per image. @default 20 */
  readonly maxModerationLabels: number;
}

export const DEFAULT_LIMITS: AnalysisLimits = {
  maxEntities: 100,
  maxPiiEntities: 100,
  maxLabels: 10,
  minLabelConfidence: 70,
  maxInstancesPerLabel: 5,
  maxCelebrityFaces: 16,
  maxUnrecognizedFaces: 16,
  minModerationConfidence: 60,
  maxModerationLabels: 20,
};
