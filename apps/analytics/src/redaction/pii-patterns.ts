/**
 * Personal data that has a shape: e-mail addresses and phone numbers. Found by
 * pattern in every event's free text, whatever the analysis said, so they stay
 * out of the lake also in events analysis never sees (raw channel events,
 * MESSAGE_RECEIVED) and when analysis missed them.
 *
 * The patterns prefer redacting too much in free text (a nine-digit order
 * number reads as a phone number) to letting a real number through; identifiers
 * are protected by not scanning identifier fields at all (see `redact-event.ts`).
 */
export const PII_PATTERNS = {
  EMAIL: /[A-Za-z0-9.!#$%&'*+/=?^_-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g,
  /**
   * 9 to 15 digits (E.164 allows 15), optionally after `+` or `00`, each pair
   * separated by at most two of space . - ( ). Not inside a longer digit run or
   * word (ids, URLs), and not a date-time (`2022-09-21 12:56`).
   */
  PHONE: /(?<![\w@.+])(?:\+|00)?\(?\d(?:[ \t.\-()]{0,2}\d){8,14}(?![\w@:])/g,
} as const;
export type PatternPiiType = keyof typeof PII_PATTERNS;

/** Replaces every e-mail address and phone number in `text` with `[EMAIL]` / `[PHONE]`. */
export function redactPatterns(text: string): { text: string; replaced: number } {
  let replaced = 0;
  let out = text;
  for (const [type, pattern] of Object.entries(PII_PATTERNS)) {
    out = out.replace(pattern, () => {
      replaced++;
      return `[${type}]`;
    });
  }
  return { text: out, replaced };
}
