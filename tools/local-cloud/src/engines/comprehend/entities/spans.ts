/**
 * Candidate spans from several recognisers, reconciled into the list
 * Comprehend returns: trimmed of surrounding punctuation, overlaps resolved
 * (the longer span wins, then the more confident), ordered by position. Pure;
 * offsets are UTF-16 indices until the engine converts them to code points.
 */

export interface Span<T extends string> {
  readonly type: T;
  readonly begin: number;
  readonly end: number;
  readonly score: number;
}

const LEADING = /^[\s"'“”‘’«»()[\]{},.;:!?¡¿…-]+/u;
const TRAILING = /[\s"'“”‘’«»()[\]{},.;:!?¡¿…-]+$/u;

/** Shrinks a span past surrounding spaces and punctuation (compromise includes trailing commas and stops). */
export function trimSpan<T extends string>(text: string, span: Span<T>, keepTrailingDot = false): Span<T> | undefined {
  const slice = text.slice(span.begin, span.end);
  const lead = LEADING.exec(slice)?.[0].length ?? 0;
  let tail = TRAILING.exec(slice.slice(lead))?.[0].length ?? 0;
  // Abbreviations keep their dot: "Dr.", "Inc.", "St."
  if (keepTrailingDot && tail > 0 && /\b[A-Z][a-z]{0,3}\.$/.test(slice.slice(0, slice.length - tail + 1))) tail--;
  const begin = span.begin + lead;
  const end = span.end - tail;
  return end > begin ? { ...span, begin, end } : undefined;
}

/** Keeps non-overlapping spans: longer first, then higher score, then earlier. */
export function resolveOverlaps<T extends string>(spans: ReadonlyArray<Span<T>>): Array<Span<T>> {
  const ranked = [...spans].sort((a, b) => b.end - b.begin - (a.end - a.begin) || b.score - a.score || a.begin - b.begin);
  const kept: Array<Span<T>> = [];
  for (const span of ranked) {
    if (kept.every((k) => span.end <= k.begin || span.begin >= k.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.begin - b.begin);
}

/** Every match of a global regular expression as a span. */
export function regexSpans<T extends string>(text: string, pattern: RegExp, type: T, score: number, group = 0): Array<Span<T>> {
  const spans: Array<Span<T>> = [];
  for (const m of text.matchAll(pattern)) {
    const value = m[group];
    if (value === undefined) continue;
    const begin = m.index + (group === 0 ? 0 : m[0].indexOf(value));
    spans.push({ type, begin, end: begin + value.length, score });
  }
  return spans;
}

/** compromise slows down more than linearly on long texts: recognisers run on pieces of about this size. */
export const CHUNK_SIZE = 2_000;

/** Cuts a text into pieces of at most `size` UTF-16 units, at a sentence end, else a space, never inside a surrogate pair. */
export function chunkText(text: string, size = CHUNK_SIZE): Array<{ start: number; text: string }> {
  const pieces: Array<{ start: number; text: string }> = [];
  let start = 0;
  while (text.length - start > size) {
    const window = text.slice(start, start + size);
    const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'), window.lastIndexOf('! '), window.lastIndexOf('? '));
    const space = window.lastIndexOf(' ');
    let cut = sentenceEnd > size / 2 ? sentenceEnd + 1 : space > size / 2 ? space + 1 : size;
    const unit = text.charCodeAt(start + cut - 1);
    if (unit >= 0xd800 && unit <= 0xdbff) cut--;
    pieces.push({ start, text: text.slice(start, start + cut) });
    start += cut;
  }
  pieces.push({ start, text: text.slice(start) });
  return pieces;
}

/** Runs a recogniser on each piece of a long text and shifts its spans back into the whole text. */
export function recogniseInChunks<T extends string>(text: string, recognise: (piece: string) => Array<Span<T>>): Array<Span<T>> {
  return chunkText(text).flatMap((piece) =>
    recognise(piece.text).map((span) => ({ ...span, begin: span.begin + piece.start, end: span.end + piece.start })),
  );
}
