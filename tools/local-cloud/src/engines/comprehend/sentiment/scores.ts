/**
 * Turns clause polarities into Comprehend's answer: a label and four scores
 * that sum to 1. Positive and negative evidence are summed over the clauses;
 * MIXED rises when both are present, NEUTRAL wins when neither is strong.
 * Pure: the constants were set on the dev half of the evaluation set
 * (eval/datasets/sentiment-social.tsv) and are reported on the test half.
 */
import type { SentimentScore, SentimentType } from '@aws-sdk/client-comprehend';

export interface Evidence {
  /** Sum of positive clause polarities (≥ 0). */
  readonly positive: number;
  /** Sum of negative clause polarities, as a magnitude (≥ 0). */
  readonly negative: number;
}

export interface ScoreParameters {
  /** How strongly evidence for one polarity raises its own class. */
  readonly gain: number;
  /** How strongly evidence for one polarity lowers the other. */
  readonly crossPenalty: number;
  /** The neutral class's fixed logit: the evidence needed to leave NEUTRAL. */
  readonly neutralBias: number;
  /** How strongly two-sided evidence raises MIXED, and its offset (MIXED needs both polarities). */
  readonly mixedGain: number;
  readonly mixedBias: number;
  /** Scales every logit: leaves the label alone, makes the scores as decisive as Comprehend's. */
  readonly sharpness: number;
}

/** Grid-searched on the dev half of the evaluation set (see eval/README.md). */
export const SCORE_PARAMETERS: ScoreParameters = {
  gain: 4,
  crossPenalty: 1.6,
  neutralBias: 0.5,
  mixedGain: 8,
  mixedBias: 0.2,
  sharpness: 2.5,
};

/** MIXED's logit when only one polarity has evidence. */
const ONE_SIDED_MIXED = -4;

export function scoresFromEvidence(evidence: Evidence, p = SCORE_PARAMETERS): { Sentiment: SentimentType; SentimentScore: Required<SentimentScore> } {
  const P = Math.max(0, evidence.positive);
  const N = Math.max(0, evidence.negative);
  const twoSided = Math.min(P, N) > 0;
  const logits = {
    Positive: p.sharpness * (p.gain * P - p.crossPenalty * N),
    Negative: p.sharpness * (p.gain * N - p.crossPenalty * P),
    Neutral: p.sharpness * p.neutralBias,
    Mixed: p.sharpness * (twoSided ? p.mixedGain * Math.min(P, N) + p.mixedBias : ONE_SIDED_MIXED),
  };
  const max = Math.max(...Object.values(logits));
  const exp = {
    Positive: Math.exp(logits.Positive - max),
    Negative: Math.exp(logits.Negative - max),
    Neutral: Math.exp(logits.Neutral - max),
    Mixed: Math.exp(logits.Mixed - max),
  };
  const total = exp.Positive + exp.Negative + exp.Neutral + exp.Mixed;
  const SentimentScore = {
    Positive: exp.Positive / total,
    Negative: exp.Negative / total,
    Neutral: exp.Neutral / total,
    Mixed: exp.Mixed / total,
  };
  const order: Array<[SentimentType, number]> = [
    ['POSITIVE', SentimentScore.Positive],
    ['NEGATIVE', SentimentScore.Negative],
    ['NEUTRAL', SentimentScore.Neutral],
    ['MIXED', SentimentScore.Mixed],
  ];
  const [Sentiment] = order.reduce((best, next) => (next[1] > best[1] ? next : best));
  return { Sentiment, SentimentScore };
}

/** The answer for a text with no usable evidence (and for languages the local model cannot read). */
export function neutralAnswer(): { Sentiment: SentimentType; SentimentScore: Required<SentimentScore> } {
  return scoresFromEvidence({ positive: 0, negative: 0 });
}
