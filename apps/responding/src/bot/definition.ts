/**
 * The bot, defined once as plain data. The stack turns it into the
 * `AWS::Lex::Bot` resource (`LexBot` construct), and the local cloud trains its
 * own NLU from that synthesized resource: what is here is what both the real
 * Lex and the local one understand.
 */

/** The intents the bot knows. A literal union, so every registry keyed by it must name them all. */
export type IntentName = 'Joke' | 'Fact' | 'FallbackIntent';

/** The locales the bot speaks. */
export type BotLocaleId = 'en_GB' | 'en_US';

export interface IntentDefinition {
  readonly name: IntentName;
  readonly description: string;
  /**
   * What people say to get this intent. Lex V2 accepts letters, digits, spaces
   * and apostrophes here (no `?` or `!`), so the samples are written that way.
   * The fallback intent has none: Lex does not allow utterances on it, it is
   * what Lex picks when no other intent reaches the confidence threshold.
   */
  readonly sampleUtterances: readonly string[];
  /** `AMAZON.FallbackIntent` for the built-in fallback. */
  readonly parentIntentSignature?: 'AMAZON.FallbackIntent';
}

export interface LocaleDefinition {
  readonly localeId: BotLocaleId;
  readonly description: string;
  /**
   * Below this confidence Lex answers with the fallback intent rather than a
   * guess (0 to 1). 0.6 keeps a short "hi" from being taken as a joke request
   * while still accepting the paraphrases the samples do not spell out.
   */
  readonly nluConfidenceThreshold: number;
}

export interface BotDefinition {
  readonly name: string;
  readonly description: string;
  /** How long Lex keeps a conversation's state between two messages. */
  readonly idleSessionTtlSeconds: number;
  readonly locales: readonly LocaleDefinition[];
  /** The same intents in every locale; each one is fulfilled by the code hook. */
  readonly intents: readonly IntentDefinition[];
}

export const BOT_DEFINITION = {
  name: 'MessageAnalyserBot',
  description: 'Answers messages sent to the account with a joke or a fact.',
  idleSessionTtlSeconds: 300,
  locales: [
    { localeId: 'en_GB', description: 'English (United Kingdom)', nluConfidenceThreshold: 0.6 },
    { localeId: 'en_US', description: 'English (United States)', nluConfidenceThreshold: 0.6 },
  ],
  intents: [
    {
      name: 'Joke',
      description: 'The user wants to hear a joke.',
      sampleUtterances: [
        'Tell me a joke',
        'Tell me another joke',
        'Make me laugh',
        'Do you know any jokes',
        'Know any good jokes',
        'I want to hear a joke',
        'Can you tell me a joke',
        'Give me a joke',
        'Say something funny',
        'Tell me something funny',
        'I need a laugh',
        'Cheer me up',
        'Got a joke for me',
        'Joke please',
        'Tell me a pun',
        "What's a good joke",
      ],
    },
    {
      name: 'Fact',
      description: 'The user wants to learn a fact.',
      sampleUtterances: [
        'Tell me a fact',
        'Tell me another fact',
        'Give me a fun fact',
        'Tell me something interesting',
        "Tell me something I don't know",
        'Teach me something',
        'I want to learn something new',
        'Do you know any facts',
        'Share a random fact',
        'Give me some trivia',
        'Tell me some trivia',
        'Fact please',
        "What's an interesting fact",
        'Surprise me with a fact',
        'Did you know',
        'Educate me',
      ],
    },
    {
      name: 'FallbackIntent',
      description: 'Anything else: the bot says what it can do.',
      sampleUtterances: [],
      parentIntentSignature: 'AMAZON.FallbackIntent',
    },
  ],
} as const satisfies BotDefinition;

/** The locales as a list of ids. */
export const BOT_LOCALE_IDS: readonly BotLocaleId[] = BOT_DEFINITION.locales.map((l) => l.localeId);

/** True when `value` is a locale of the bot. */
export function isBotLocaleId(value: string): value is BotLocaleId {
  return (BOT_LOCALE_IDS as readonly string[]).includes(value);
}
