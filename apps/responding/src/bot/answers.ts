import { FACTS } from './corpus/facts';
import { JOKES } from './corpus/jokes';
import type { IntentName } from './definition';

/** What the bot answers with. */
export type AnswerKind = 'JOKE' | 'FACT' | 'HELP';
export type ContentKind = Exclude<AnswerKind, 'HELP'>;

/** Every intent of the definition has an answer (a new intent fails to compile until it gets one). */
export const ANSWER_OF_INTENT: Readonly<Record<IntentName, AnswerKind>> = {
  Joke: 'JOKE',
  Fact: 'FACT',
  FallbackIntent: 'HELP',
};

/** What the fallback says: what the bot can do, and how to ask. */
export const HELP_TEXT = 'I can tell you a joke or a fact. Try "tell me a joke" or "tell me a fact".';

interface Corpus {
  readonly items: readonly string[];
  /** The session attribute remembering what this session heard lately. */
  readonly sessionKey: string;
}

export const CORPORA: Readonly<Record<ContentKind, Corpus>> = {
  JOKE: { items: JOKES, sessionKey: 'recentJokes' },
  FACT: { items: FACTS, sessionKey: 'recentFacts' },
};

/** How many recent answers a session is spared from hearing again. */
export const RECENT_MEMORY = 5;

/** The answer for an intent name as Lex sent it; a name the definition does not know gets the help text. */
export function answerFor(intentName: string): AnswerKind {
  return Object.prototype.hasOwnProperty.call(ANSWER_OF_INTENT, intentName)
    ? ANSWER_OF_INTENT[intentName as IntentName]
    : 'HELP';
}

/** The indexes a session heard lately, from its session attribute (`"3,17,42"`); junk is ignored. */
export function parseRecent(value: string | undefined, size: number): number[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => Number(part))
    .filter((n) => Number.isInteger(n) && n >= 0 && n < size);
}

/**
 * Picks an item of the corpus that is not among the session's recent ones
 * (uniformly among the others), and returns it with the updated memory.
 */
export function pickFromCorpus(
  kind: ContentKind,
  sessionAttributes: Readonly<Record<string, string>>,
  random: () => number,
): { text: string; sessionAttributes: Record<string, string> } {
  const { items, sessionKey } = CORPORA[kind];
  const recent = parseRecent(sessionAttributes[sessionKey], items.length);
  const candidates = items.map((_, i) => i).filter((i) => !recent.includes(i));
  const pool = candidates.length > 0 ? candidates : items.map((_, i) => i);
  const index = pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))]!;
  const memory = [...recent, index].slice(-RECENT_MEMORY);
  return { text: items[index]!, sessionAttributes: { ...sessionAttributes, [sessionKey]: memory.join(',') } };
}
