/** X's limit on a post's weighted length. */
export const MAX_TWEET_WEIGHT = 280;
/** X counts every link as this many characters (its t.co length). */
const URL_WEIGHT = 23;
/** Code points X counts once; all others (CJK, emoji, ...) count twice (twitter-text v3 configuration). */
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const URL = /https?:\/\/[^\s]+/giu;
const ELLIPSIS = '…';

const weightOf = (codePoint: number): number => (LIGHT_RANGES.some(([lo, hi]) => codePoint >= lo && codePoint <= hi) ? 1 : 2);

/** A text's length as X counts it against 280: light code points 1, others 2, each link 23. */
export function tweetWeight(text: string): number {
  let weight = 0;
  const withoutUrls = text.replace(URL, () => {
    weight += URL_WEIGHT;
    return '';
  });
  for (const char of withoutUrls) weight += weightOf(char.codePointAt(0)!);
  return weight;
}

/**
 * The text cut to fit X: unchanged when it fits, else its links dropped and
 * the rest cut on a code point (at a word break when one is near the end)
 * with an ellipsis.
 */
export function fitTweet(text: string, max: number = MAX_TWEET_WEIGHT): string {
  if (tweetWeight(text) <= max) return text;
  const budget = max - weightOf(ELLIPSIS.codePointAt(0)!);
  const chars = Array.from(text.replace(URL, ' '));
  let weight = 0;
  let end = 0;
  while (end < chars.length && weight + weightOf(chars[end]!.codePointAt(0)!) <= budget) {
    weight += weightOf(chars[end]!.codePointAt(0)!);
    end++;
  }
  let cut = chars.slice(0, end).join('');
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace > cut.length - 20 && lastSpace > 0) cut = cut.slice(0, lastSpace);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}
