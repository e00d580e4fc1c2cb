/**
 * Which languages each language-dependent Comprehend analysis accepts, as data
 * in one place. The workflow definition turns these lists into its Choice
 * rules (so the table is visible in the reviewed definition snapshot), and the
 * stack checks the configured default language against them at synth time.
 *
 * Source: "Languages supported in Amazon Comprehend" (entities and sentiment
 * support all twelve languages; PII detection English and Spanish only).
 * DetectDominantLanguage recognises about a hundred languages, so a message in,
 * say, Dutch gets its language detected and the analyses below skipped with a
 * recorded reason rather than run with the wrong language.
 */
export const COMPREHEND_LANGUAGES = ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'ja', 'ko', 'pt', 'zh', 'zh-TW'] as const;
export type ComprehendLanguage = (typeof COMPREHEND_LANGUAGES)[number];

/** The analyses whose API takes a `LanguageCode`. */
export const LANGUAGE_DEPENDENT_ANALYSES = ['SENTIMENT', 'ENTITIES', 'PII'] as const;
export type LanguageDependentAnalysis = (typeof LANGUAGE_DEPENDENT_ANALYSES)[number];

export const SUPPORTED_LANGUAGES: { readonly [A in LanguageDependentAnalysis]: readonly ComprehendLanguage[] } = {
  SENTIMENT: COMPREHEND_LANGUAGES,
  ENTITIES: COMPREHEND_LANGUAGES,
  PII: ['en', 'es'],
};

/** True when `analysis` accepts `languageCode`. */
export function supportsLanguage(analysis: LanguageDependentAnalysis, languageCode: string): boolean {
  return (SUPPORTED_LANGUAGES[analysis] as readonly string[]).includes(languageCode);
}
