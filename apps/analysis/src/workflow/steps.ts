/**
 * The workflow's steps: the state names of its tasks in the definition, and
 * the `Step` of an entry in `Analysis.Errors`. One list, so an error always
 * names a state a reader can find in the definition (and in the execution's
 * history), and a task can't be added without a name for its failures.
 */
export const STEPS = {
  prepare: 'PrepareText',
  language: 'DetectDominantLanguage',
  sentiment: 'DetectSentiment',
  entities: 'DetectEntities',
  pii: 'DetectPiiEntities',
  download: 'DownloadImages',
  labels: 'DetectLabels',
  text: 'DetectText',
  celebrities: 'RecognizeCelebrities',
  moderation: 'DetectModerationLabels',
  analyseText: 'AnalyseText',
  analyseImages: 'AnalyseImages',
  analyse: 'Analyse',
  assemble: 'AssembleAnalysis',
  publish: 'PublishAnalysis',
} as const;
export type StepKey = keyof typeof STEPS;
export type StepName = (typeof STEPS)[StepKey];

/** Why an analysis did not run, as the workflow records it (AssembleAnalysis turns it into a sentence). */
export const SKIP_REASONS = ['NO_TEXT', 'TOO_SHORT', 'UNSUPPORTED_LANGUAGE', 'NO_IMAGES'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
