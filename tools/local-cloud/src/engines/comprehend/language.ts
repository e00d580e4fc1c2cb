/**
 * DetectDominantLanguage with eld (Efficient Language Detector, 60 languages,
 * offline), n-gram database "medium": on the evaluation set it was as accurate
 * as "large" with half the memory and load time (see eval/README.md). eld's
 * scores are similarities, not probabilities; a softmax turns them into a
 * distribution so that, like Comprehend's, the scores are in 0..1 and a clear
 * text's top language scores near 1. Short and ambiguous texts score lower.
 */
import type { DominantLanguage } from '@aws-sdk/client-comprehend';
import { requireEsmFile } from '../esm';
import { chineseVariant } from './chinese-script';

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}
interface Eld {
  detect(text: string): EldResult;
}

let detector: Eld | undefined;

/** Loads eld's n-gram database once per process (about 2 s, see the eval figures). */
export function languageDetector(): Eld {
  detector ??= requireEsmFile<{ eld: Eld }>('eld', 'src/entries/static.medium.js').eld;
  return detector;
}

/** Softmax temperature over eld's similarity scores: a 0.03 lead gives about 2:1 odds. */
const SHARPNESS = 25;
/** Languages below this share are left out, as Comprehend leaves out unlikely ones. */
const MIN_SCORE = 0.05;
const MAX_LANGUAGES = 5;
/** An unreliable detection (eld's own judgement) keeps at most this score. */
const UNRELIABLE_CAP = 0.6;

export function detectLanguages(text: string): DominantLanguage[] {
  const result = languageDetector().detect(text);
  const scores = Object.entries(result.getScores());
  if (scores.length === 0) return [];
  const top = Math.max(...scores.map(([, s]) => s));
  const weights = scores.map(([code, s]) => [code, Math.exp(SHARPNESS * (s - top))] as const);
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  const reliable = result.isReliable();
  return weights
    .map(([code, w]) => {
      const share = w / total;
      return { LanguageCode: code === 'zh' ? chineseVariant(text) : code, Score: round(reliable ? share : Math.min(share, UNRELIABLE_CAP)) };
    })
    .filter((l) => l.Score >= MIN_SCORE)
    .sort((a, b) => b.Score - a.Score)
    .slice(0, MAX_LANGUAGES);
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;
