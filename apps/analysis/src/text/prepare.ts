import { z } from 'zod';
import { ContractValidationError, TEXT_ANALYSES, parseDetail } from '@sma/contracts';
import { InvalidMessageError } from '../errors';
import { COMPREHEND_LANGUAGES } from './languages';
import { MIN_DETECTION_CHARS, TEXT_BYTE_LIMITS, type TextAnalysis } from './limits';
import { cutToBytes, utf8Bytes } from './utf8';

/** What the workflow passes the PrepareText step: the received message and the configured default language. */
export const PrepareInputSchema = z.object({
  Message: z.unknown(),
  DefaultLanguage: z.enum(COMPREHEND_LANGUAGES),
});
export type PrepareInput = z.infer<typeof PrepareInputSchema>;

export const LanguageSchema = z.object({
  Code: z.string(),
  Score: z.number(),
  Source: z.enum(['DETECTED', 'DEFAULT']),
});

/** Decisions about the text, carried through the workflow to the AssembleAnalysis step. */
export const TextPlanSchema = z.object({
  /** Size of the received detail as JSON: what the output event has to leave room for. */
  MessageBytes: z.number().int().min(0),
  /** No words besides mentions and links: every text analysis is skipped. */
  Empty: z.boolean(),
  /** Enough text for DetectDominantLanguage to be meaningful. */
  DetectLanguage: z.boolean(),
  /** The configured default language. */
  DefaultLanguage: z.string(),
  /** The language the analyses use: the default, which the workflow overwrites with the detected one. */
  Language: LanguageSchema,
  /** Analyses whose text had to be cut to their byte limit. */
  Truncated: z.array(z.enum(TEXT_ANALYSES)),
});
export type TextPlan = z.infer<typeof TextPlanSchema>;

export interface PreparedText {
  readonly Plan: TextPlan;
  /** The text each analysis is given, cut to its byte limit on a character boundary ('' when it will not run). */
  readonly Texts: { readonly [A in TextAnalysis]: string };
}

const LINK = /\bhttps?:\/\/\S+/giu;
const MENTION = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;

/**
 * The words of a message without @mentions and links, whitespace collapsed:
 * what says something about its language. "@makitdev https://t.co/x" has none.
 */
export function languageSample(text: string): string {
  return text.replace(LINK, ' ').replace(MENTION, '$1 ').replace(/\s+/gu, ' ').trim();
}

/**
 * Decides what the text branch runs: whether there is any text at all, whether
 * it is long enough to detect its language (else the configured default is
 * used), and the text each API gets, cut to its byte limit.
 */
export function prepareText(input: PrepareInput): PreparedText {
  let message;
  try {
    message = parseDetail('MESSAGE_RECEIVED', input.Message);
  } catch (error) {
    if (error instanceof ContractValidationError) throw new InvalidMessageError(error.message, { cause: error });
    throw error;
  }
  const sample = languageSample(message.Text);
  const empty = sample.length === 0;
  const detectLanguage = !empty && [...sample].length >= MIN_DETECTION_CHARS;

  const source: { readonly [A in TextAnalysis]: string } = {
    LANGUAGE: detectLanguage ? sample : '',
    SENTIMENT: empty ? '' : message.Text,
    ENTITIES: empty ? '' : message.Text,
    PII: empty ? '' : message.Text,
  };
  const truncated: TextAnalysis[] = [];
  const texts = {} as { [A in TextAnalysis]: string };
  for (const analysis of TEXT_ANALYSES) {
    const cut = cutToBytes(source[analysis], TEXT_BYTE_LIMITS[analysis]);
    texts[analysis] = cut.text;
    if (cut.truncated) truncated.push(analysis);
  }
  return {
    Plan: {
      MessageBytes: utf8Bytes(JSON.stringify(input.Message)),
      Empty: empty,
      DetectLanguage: detectLanguage,
      DefaultLanguage: input.DefaultLanguage,
      Language: { Code: input.DefaultLanguage, Score: 0, Source: 'DEFAULT' },
      Truncated: truncated,
    },
    Texts: texts,
  };
}
