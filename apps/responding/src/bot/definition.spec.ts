import { ANSWER_OF_INTENT } from './answers';
import { BOT_DEFINITION, BOT_LOCALE_IDS, isBotLocaleId, type IntentDefinition } from './definition';

describe('BOT_DEFINITION', () => {
  const byName: Record<string, IntentDefinition> = Object.fromEntries(BOT_DEFINITION.intents.map((i) => [i.name, i]));

  it('has the Joke, Fact and fallback intents, each with an answer', () => {
    expect(BOT_DEFINITION.intents.map((i) => i.name).sort()).toEqual(['Fact', 'FallbackIntent', 'Joke']);
    expect(Object.keys(ANSWER_OF_INTENT).sort()).toEqual(['Fact', 'FallbackIntent', 'Joke']);
    expect(byName['FallbackIntent']!.parentIntentSignature).toBe('AMAZON.FallbackIntent');
  });

  it.each(['Joke', 'Fact'])('gives %s at least 8 distinct sample utterances', (name) => {
    const utterances = byName[name]!.sampleUtterances;
    expect(utterances.length).toBeGreaterThanOrEqual(8);
    expect(new Set(utterances.map((u) => u.toLowerCase())).size).toBe(utterances.length);
  });

  it('writes utterances the way Lex V2 accepts them: letters, digits, spaces, apostrophes, at most 200 characters', () => {
    for (const intent of BOT_DEFINITION.intents) {
      for (const utterance of intent.sampleUtterances) {
        expect(utterance).toMatch(/^[A-Za-z0-9' ]{1,200}$/);
      }
    }
  });

  it('gives the fallback no utterances, as Lex V2 requires of AMAZON.FallbackIntent', () => {
    expect(byName['FallbackIntent']!.sampleUtterances).toEqual([]);
  });

  it('never lets one utterance mean two intents', () => {
    const all = BOT_DEFINITION.intents.flatMap((i) => i.sampleUtterances.map((u) => u.toLowerCase()));
    expect(new Set(all).size).toBe(all.length);
  });

  it('speaks British and American English with a confidence threshold between 0 and 1', () => {
    expect(BOT_LOCALE_IDS).toEqual(['en_GB', 'en_US']);
    for (const locale of BOT_DEFINITION.locales) {
      expect(locale.nluConfidenceThreshold).toBeGreaterThan(0);
      expect(locale.nluConfidenceThreshold).toBeLessThanOrEqual(1);
    }
    expect(isBotLocaleId('en_GB')).toBe(true);
    expect(isBotLocaleId('fr_FR')).toBe(false);
  });

  it('is plain data: it survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(BOT_DEFINITION))).toEqual(BOT_DEFINITION);
  });
});
