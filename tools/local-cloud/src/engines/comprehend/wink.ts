/**
 * The one wink-nlp instance of the process (English lite model: tokens, types,
 * negation flags, sentence boundaries, a sentiment lexicon). Loading the model
 * takes about a second, so it happens once, on first use or at warm-up.
 */
import winkNLP, { type ItemToken, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export type { ItemToken };

let instance: WinkMethods | undefined;

export function wink(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}
