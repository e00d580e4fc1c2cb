import { LocalComprehendEngine } from './engine';

const engine = new LocalComprehendEngine();

const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
};

describe('Comprehend limits', () => {
  it('rejects sentiment text over 5,000 UTF-8 bytes with TextSizeLimitExceededException', async () => {
    // 1,667 three-byte characters = 5,001 bytes but only 1,667 JavaScript characters.
    const error = await rejection(engine.detectSentiment('€'.repeat(1_667), 'en'));
    expect(error.name).toBe('TextSizeLimitExceededException');
    expect(error.message).toContain('5000 bytes');
    expect(error.message).toContain('5001 bytes');
  });

  it('accepts exactly 5,000 bytes for sentiment', async () => {
    await expect(engine.detectSentiment('a'.repeat(5_000), 'en')).resolves.toHaveProperty('Sentiment');
  });

  it('allows 100,000 bytes for entities and rejects one more', async () => {
    await expect(engine.detectEntities('a '.repeat(50_000), 'en')).resolves.toHaveProperty('Entities');
    const error = await rejection(engine.detectEntities('a'.repeat(100_001), 'en'));
    expect(error.name).toBe('TextSizeLimitExceededException');
  });

  it('rejects empty text with a ValidationException and blank text with InvalidRequestException', async () => {
    expect((await rejection(engine.detectDominantLanguage(''))).name).toBe('ValidationException');
    expect((await rejection(engine.detectSentiment('   \n', 'en'))).name).toBe('InvalidRequestException');
  });

  it('rejects a language code outside the API enum with ValidationException', async () => {
    const error = await rejection(engine.detectSentiment('hello', 'nl'));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain("Value 'nl' at 'languageCode'");
  });

  it('rejects PII detection in a language only other operations support', async () => {
    const error = await rejection(engine.detectPiiEntities('Bonjour, je suis Marie', 'fr'));
    expect(error.name).toBe('UnsupportedLanguageException');
    await expect(engine.detectPiiEntities('Hola, mi correo es ana@example.es', 'es')).resolves.toEqual({
      Entities: [expect.objectContaining({ Type: 'EMAIL' })],
    });
  });
});
