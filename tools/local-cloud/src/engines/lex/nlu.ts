/**
 * The local stand-in for Lex's natural-language understanding: an nlp.js
 * classifier trained on the locale's sample utterances (no model file written,
 * no training log). nlp.js spreads its scores over the known intents only, so
 * a sentence about something else would still score high for one of them;
 * the score is therefore scaled by how much of the sentence the training
 * utterances cover, which sends unrelated text below the locale's threshold
 * to the fallback intent, as Lex does.
 */
import type { LexLocale } from './bot-definition';

export interface IntentScore {
  readonly intent: string;
  /** 0..1 */
  readonly score: number;
}

export interface TrainedNlu {
  classify(text: string): Promise<IntentScore[]>;
}

interface NlpJs {
  use(plugin: unknown): void;
  addDocument(language: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(language: string, text: string): Promise<{ classifications?: Array<{ intent: string; score: number }> }>;
  container: { get(name: string): { tokenizeAndStem?(text: string, keepStopwords: boolean): string[] } | undefined };
}

/** Mentions, links and hashtags carry no intent. */
const NOISE = /(?:^|\s)[@#]\w+|https?:\/\/\S+/g;

/** The nlp.js language of a Lex locale (`en_GB` → `en`). */
export const nluLanguage = (localeId: string): string => localeId.split(/[_-]/)[0]!.toLowerCase();

export async function trainNlu(locale: LexLocale): Promise<TrainedNlu> {
  const language = nluLanguage(locale.localeId);
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: new (settings: object) => NlpJs };
  const nlp = new Nlp({ languages: [language], autoSave: false, autoLoad: false, nlu: { log: false }, log: false });
  if (language === 'en') nlp.use((require('@nlpjs/lang-en') as { LangEn: unknown }).LangEn);
  const stemmer = nlp.container.get(`stemmer-${language}`);
  const tokens = (text: string): string[] =>
    stemmer?.tokenizeAndStem ? stemmer.tokenizeAndStem(text.replace(NOISE, ' '), true) : text.replace(NOISE, ' ').toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? [];

  const vocabulary = new Set<string>();
  for (const intent of locale.intents) {
    for (const utterance of intent.utterances) {
      nlp.addDocument(language, utterance, intent.name);
      for (const token of tokens(utterance)) vocabulary.add(token);
    }
  }
  const trainable = locale.intents.some((i) => i.utterances.length > 0);
  if (trainable) await nlp.train();

  return {
    async classify(text: string): Promise<IntentScore[]> {
      if (!trainable) return [];
      const words = tokens(text);
      if (words.length === 0) return [];
      const coverage = words.filter((w) => vocabulary.has(w)).length / words.length;
      const { classifications = [] } = await nlp.process(language, text.replace(NOISE, ' '));
      return classifications
        .filter((c) => c.intent !== 'None')
        .map((c) => ({ intent: c.intent, score: c.score * Math.sqrt(coverage) }))
        .sort((a, b) => b.score - a.score);
    },
  };
}
