/** Bytes a code point takes in UTF-8 (a lone surrogate is encoded as U+FFFD: 3 bytes). */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** The size of a string in UTF-8, the unit Comprehend's limits are in. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export interface Cut {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * The longest prefix of `text` that fits in `maxBytes` of UTF-8, cut between
 * code points (never inside a character's byte sequence or a surrogate pair).
 * The result is a prefix of the input, so offsets Comprehend reports on it are
 * offsets into the original text too.
 */
export function cutToBytes(text: string, maxBytes: number): Cut {
  if (utf8Bytes(text) <= maxBytes) return { text, truncated: false };
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Length(char.codePointAt(0)!);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return { text: text.slice(0, end), truncated: true };
}

/**
 * Cuts to at most `maxLength` UTF-16 code units (what zod's `max` counts on a
 * string), without leaving half of a surrogate pair at the end.
 */
export function cutToLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const end = /[\uD800-\uDBFF]/.test(text[maxLength - 1] ?? '') ? maxLength - 1 : maxLength;
  return text.slice(0, end);
}
