import { InvalidPiiSpanError } from '../errors';

/** A PII span as Comprehend reports it: offsets count Unicode code points, not UTF-16 units. */
export interface PiiSpan {
  readonly Type: string;
  readonly BeginOffset: number;
  readonly EndOffset: number;
}

export interface SpanRedaction {
  /** The text with every span replaced by `[TYPE]`. */
  readonly text: string;
  /** The text each span covered, with its type: what must not reappear elsewhere. */
  readonly values: ReadonlyArray<{ readonly type: string; readonly value: string }>;
}

/** The token that replaces a span of this type. */
export const placeholderFor = (type: string): string => `[${type}]`;

/**
 * Spans sorted and merged where they overlap, so no character is replaced twice
 * and no `[TYPE]` token is cut in half. An overlapping group keeps the type of
 * the span that starts first (the longer one on a tie).
 */
export function mergeSpans(spans: readonly PiiSpan[]): PiiSpan[] {
  const sorted = [...spans].sort((a, b) => a.BeginOffset - b.BeginOffset || b.EndOffset - a.EndOffset);
  const merged: PiiSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.BeginOffset < last.EndOffset) {
      merged[merged.length - 1] = { ...last, EndOffset: Math.max(last.EndOffset, span.EndOffset) };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

/**
 * Replaces each span of `text` with `[TYPE]`. Offsets are code points (what
 * Comprehend returns: an emoji before the phone number moves it by one, not
 * two), and the replacements go from the end backwards so the offsets of the
 * spans still to do stay valid. Throws `InvalidPiiSpanError` if a span does not
 * fit the text: then the offsets describe some other text and none can be trusted.
 */
export function redactSpans(text: string, spans: readonly PiiSpan[]): SpanRedaction {
  const codePoints = Array.from(text);
  for (const span of spans) {
    const ok =
      Number.isInteger(span.BeginOffset) &&
      Number.isInteger(span.EndOffset) &&
      span.BeginOffset >= 0 &&
      span.BeginOffset < span.EndOffset &&
      span.EndOffset <= codePoints.length;
    if (!ok) throw new InvalidPiiSpanError(span, codePoints.length);
  }
  const merged = mergeSpans(spans);
  const values = merged.map((s) => ({ type: s.Type, value: codePoints.slice(s.BeginOffset, s.EndOffset).join('') }));
  for (const span of [...merged].reverse()) {
    codePoints.splice(span.BeginOffset, span.EndOffset - span.BeginOffset, placeholderFor(span.Type));
  }
  return { text: codePoints.join(''), values };
}

/** Values shorter than this are not searched for elsewhere: a two-digit age would blank every "42" in sight. */
export const MIN_REPEATED_VALUE_LENGTH = 3;

/**
 * Replaces every further occurrence of the spans' values in `text` (the same
 * phone number quoted twice, in an entity's text, in OCR'd image text), longest
 * value first so a value never survives as the tail of a shorter one's token.
 */
export function redactValues(text: string, values: SpanRedaction['values']): { text: string; replaced: number } {
  let replaced = 0;
  let out = text;
  const usable = values
    .filter((v) => Array.from(v.value.trim()).length >= MIN_REPEATED_VALUE_LENGTH)
    .sort((a, b) => b.value.length - a.value.length);
  for (const { type, value } of usable) {
    const parts = out.split(value);
    replaced += parts.length - 1;
    out = parts.join(placeholderFor(type));
  }
  return { text: out, replaced };
}
