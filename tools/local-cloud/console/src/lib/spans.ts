/**
 * Highlighting parts of a text (pure): entities and PII come with Comprehend's
 * offsets, which count Unicode code points, not UTF-16 units. The text is cut at
 * every span boundary into segments, each knowing which spans cover it, so
 * overlapping spans (an entity that is also PII) both show.
 */

export interface Span<T = unknown> {
  readonly begin: number;
  readonly end: number;
  readonly data: T;
}

export interface Segment<T = unknown> {
  readonly text: string;
  /** Code point offset of the segment's start. */
  readonly begin: number;
  readonly spans: ReadonlyArray<Span<T>>;
}

export function segments<T>(text: string, spans: ReadonlyArray<Span<T>>): Segment<T>[] {
  const points = [...text];
  const valid = spans.filter((s) => s.begin < s.end && s.begin >= 0 && s.begin < points.length);
  const cuts = new Set<number>([0, points.length]);
  for (const s of valid) {
    cuts.add(s.begin);
    cuts.add(Math.min(s.end, points.length));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Segment<T>[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const begin = sorted[i]!;
    const end = sorted[i + 1]!;
    if (begin === end) continue;
    out.push({ text: points.slice(begin, end).join(''), begin, spans: valid.filter((s) => s.begin <= begin && s.end >= end) });
  }
  return out;
}
