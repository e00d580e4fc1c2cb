/**
 * Splits a message into the clauses sentiment is scored on: sentences, and the
 * parts of a sentence that commas, semicolons, dashes or a contrastive
 * connective ("but", "although", ...) separate. MIXED messages turn at these
 * boundaries ("Great camera, terrible screen"; "fast delivery but the box was
 * damaged"). Pure; offsets are UTF-16 indices into the message.
 */
import { CONTRAST_MARKERS } from './lexicon';

export interface Clause {
  readonly text: string;
  readonly start: number;
  /** The clause was opened by a contrastive connective. */
  readonly contrast: boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CONTRAST = new RegExp(`\\b(?:${CONTRAST_MARKERS.map(escape).join('|')})\\b`, 'giu');
/** Sentence ends, commas, semicolons, colons, dashes between spaces, line breaks. */
const SEPARATOR = /[.!?…]+(?=\s|$)|[,;:]\s|\s[-–—]\s|\n+/gu;

export function splitClauses(text: string): Clause[] {
  const cuts: Array<{ at: number; skip: number; contrast: boolean }> = [];
  for (const m of text.matchAll(SEPARATOR)) {
    // A sentence's closing punctuation stays with it ("so good!" keeps its emphasis).
    const closing = /^[.!?…]/.test(m[0]);
    cuts.push({ at: m.index + (closing ? m[0].length : 0), skip: closing ? 0 : m[0].length, contrast: false });
  }
  for (const m of text.matchAll(CONTRAST)) cuts.push({ at: m.index, skip: 0, contrast: true });
  cuts.sort((a, b) => a.at - b.at);

  const clauses: Clause[] = [];
  let start = 0;
  let contrast = false;
  const push = (end: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(body) || /[:;]-?[()DPp]/u.test(body)) {
      clauses.push({ text: body, start: start + lead, contrast });
    }
  };
  for (const cut of cuts) {
    if (cut.at < start) continue;
    push(cut.at);
    start = cut.at + cut.skip;
    contrast = cut.contrast;
  }
  push(text.length);
  return clauses;
}
