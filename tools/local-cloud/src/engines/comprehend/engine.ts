/**
 * The local Comprehend engine: validation as AWS does it, then the local
 * recognisers; offsets converted to code points at the end.
 */
import type { ComprehendEngine } from '../types';
import { recogniseEntities } from './entities/recognise';
import { detectLanguages, languageDetector } from './language';
import { validateLanguage, validateText } from './limits';
import { CodePointIndex } from './offsets';
import { detectPii } from './pii/detect';
import { sentimentOf } from './sentiment';
import { englishEvidence } from './sentiment/analyse';
import { loadValences } from './sentiment/valence';

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

export class LocalComprehendEngine implements ComprehendEngine {
  async detectDominantLanguage(text: string) {
    validateText('DetectDominantLanguage', text);
    return { Languages: detectLanguages(text) };
  }

  async detectSentiment(text: string, languageCode: string) {
    validateText('DetectSentiment', text);
    const language = validateLanguage('DetectSentiment', languageCode);
    return sentimentOf(text, language);
  }

  async detectEntities(text: string, languageCode: string) {
    validateText('DetectEntities', text);
    const language = validateLanguage('DetectEntities', languageCode);
    const index = new CodePointIndex(text);
    const Entities = recogniseEntities(text, language === 'en').map((span) => ({
      Score: round(span.score),
      Type: span.type,
      Text: text.slice(span.begin, span.end),
      ...index.span(span.begin, span.end),
    }));
    return { Entities };
  }

  async detectPiiEntities(text: string, languageCode: string) {
    validateText('DetectPiiEntities', text);
    validateLanguage('DetectPiiEntities', languageCode);
    const index = new CodePointIndex(text);
    const Entities = detectPii(text).map((span) => ({ Score: round(span.score), Type: span.type, ...index.span(span.begin, span.end) }));
    return { Entities };
  }

  /** Loads every model and lexicon and runs each analysis once; returns how long each took (ms). */
  async warmUp(): Promise<Record<'language' | 'sentiment' | 'entities' | 'pii', number>> {
    const time = (work: () => unknown): number => {
      const start = performance.now();
      work();
      return Math.round(performance.now() - start);
    };
    return {
      language: time(() => detectLanguages(`${languageDetector() ? 'warming up' : ''} the language detector`)),
      sentiment: time(() => {
        loadValences();
        englishEvidence('Warming up: great, not bad at all 🙂');
      }),
      entities: time(() => recogniseEntities('Ada Lovelace visited London on Monday with Acme Ltd.')),
      pii: time(() => detectPii('Mail ada@example.com or call +44 20 7946 0958')),
    };
  }
}
