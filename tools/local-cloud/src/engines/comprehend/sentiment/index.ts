/**
 * DetectSentiment's answer for a validated text and language.
 *
 * English gets the full analysis (words, emoji, negation, intensity, sarcasm).
 * The other languages Comprehend supports are answered too, as AWS would
 * answer them, but the local lexicons are English: for them only
 * language-independent signals count (emoji, emoticons), and a text without
 * any reads NEUTRAL. This is a documented deviation in quality, not in shape.
 */
import type { DetectSentimentResponse } from '@aws-sdk/client-comprehend';
import type { ComprehendLanguageCode } from '../limits';
import { wink, type ItemToken } from '../wink';
import { englishEvidence } from './analyse';
import { scoresFromEvidence, type Evidence } from './scores';
import { valence } from './valence';

export function sentimentOf(text: string, language: ComprehendLanguageCode): Omit<DetectSentimentResponse, '$metadata'> {
  const evidence = language === 'en' ? englishEvidence(text) : symbolEvidence(text);
  return scoresFromEvidence(evidence);
}

/** Evidence from emoji and emoticons only, for languages the lexicons do not cover. */
export function symbolEvidence(text: string): Evidence {
  const nlp = wink();
  let positive = 0;
  let negative = 0;
  nlp.readDoc(text).tokens().each((token: ItemToken) => {
    const type = token.out(nlp.its.type) as string;
    if (type !== 'emoji' && type !== 'emoticon') return;
    const v = valence(token.out(nlp.its.value) as string);
    if (v > 0) positive += v;
    else negative -= v;
  });
  return { positive, negative };
}
