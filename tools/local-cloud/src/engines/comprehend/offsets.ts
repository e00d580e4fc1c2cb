/**
 * Comprehend reports offsets in Unicode code points ("a multi-byte UTF-8
 * character maps to a single code point"), while JavaScript strings index
 * UTF-16 code units: an emoji outside the BMP is one Comprehend character but
 * two JavaScript ones. Engines find spans with JavaScript indices and convert
 * them here at the very end.
 */

/** Maps UTF-16 indices of one text to code point indices. */
export class CodePointIndex {
  private readonly prefix: Uint32Array;

  constructor(readonly text: string) {
    // prefix[i] = number of code points in text.slice(0, i); i may point inside a surrogate pair.
    this.prefix = new Uint32Array(text.length + 1);
    let points = 0;
    for (let i = 0; i < text.length; i++) {
      this.prefix[i] = points;
      const unit = text.charCodeAt(i);
      const isHighSurrogate = unit >= 0xd800 && unit <= 0xdbff;
      const next = text.charCodeAt(i + 1);
      if (isHighSurrogate && next >= 0xdc00 && next <= 0xdfff) {
        this.prefix[i + 1] = points;
        i++;
      }
      points++;
    }
    this.prefix[text.length] = points;
  }

  /** Code point offset of a UTF-16 index (an index inside a surrogate pair maps to the pair's start). */
  toCodePoint(utf16Index: number): number {
    if (utf16Index < 0 || utf16Index > this.text.length) {
      throw new RangeError(`offset ${utf16Index} is outside the text (length ${this.text.length})`);
    }
    return this.prefix[utf16Index]!;
  }

  /** Converts a UTF-16 span to the code point span Comprehend reports. */
  span(begin: number, end: number): { BeginOffset: number; EndOffset: number } {
    return { BeginOffset: this.toCodePoint(begin), EndOffset: this.toCodePoint(end) };
  }
}

/** Slices a text by code point offsets, as a Comprehend client would. */
export function sliceCodePoints(text: string, begin: number, end: number): string {
  return Array.from(text).slice(begin, end).join('');
}
