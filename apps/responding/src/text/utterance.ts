/** Lex V2 `RecognizeText` accepts 1 to 1,024 characters. */
export const MAX_UTTERANCE_CHARS = 1024;

/**
 * What the bot hears when nothing is left of a message once mentions and links
 * are gone (a bare "@ourbot", often with a photo): a fact is a friendlier
 * answer than "I did not understand".
 */
export const DEFAULT_UTTERANCE = 'Tell me a fact';

// Slack wraps mentions and links in angle brackets: <@U0123>, <@U0123|ann>,
// <!here>, <!subteam^S012|@team>, <#C0123|general>, <https://x.example|label>, <mailto:a@b.c|a@b.c>.
const SLACK_USER_OR_SPECIAL = /<[@!][^<>]*>/g;
const SLACK_CHANNEL = /<#[A-Z0-9]+(?:\|([^<>]*))?>/g;
const SLACK_LINK = /<(?:https?:\/\/|mailto:)[^<>|]*(?:\|([^<>]*))?>/gi;
// X handles: 1-15 of [A-Za-z0-9_] after @ (or the full-width ＠), not inside an e-mail address or a word.
const HANDLE = /(^|[^\p{L}\p{N}_@＠])[@＠][A-Za-z0-9_]{1,15}(?![A-Za-z0-9_@＠])/gu;
// Bare links as people type them and as X shortens them (https://t.co/...).
const URL = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"]+/giu;
const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };

/**
 * The message as the bot should hear it: Slack mentions and link markup,
 * @handles and URLs removed (a Slack link keeps its label), HTML entities that
 * X and Slack escape decoded, whitespace collapsed, and cut to Lex's limit
 * without splitting a surrogate pair. Returns `''` when nothing is left.
 */
export function cleanMessageText(text: string): string {
  const cleaned = text
    .replace(SLACK_LINK, (_m, label: string | undefined) => ` ${label ?? ''} `)
    .replace(SLACK_CHANNEL, (_m, label: string | undefined) => ` ${label ?? ''} `)
    .replace(SLACK_USER_OR_SPECIAL, ' ')
    .replace(/&(?:lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity]!)
    .replace(URL, ' ')
    .replace(HANDLE, '$1 ')
    .replace(/\s+/gu, ' ')
    .trim();
  return cutToLength(cleaned, MAX_UTTERANCE_CHARS);
}

/** At most `max` UTF-16 units (so also at most `max` code points), never half a surrogate pair. */
export function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

/** The utterance sent to Lex for a message: its cleaned text, or the default when that is empty. */
export function utteranceFor(text: string, fallback: string = DEFAULT_UTTERANCE): string {
  return cleanMessageText(text) || fallback;
}
