import { MessageAnalysedSchema, type MessageAnalysed } from '@sma/contracts';
import { InvalidPiiSpanError } from '../errors';
import { redactPatterns } from './pii-patterns';
import { redactSpans, redactValues, type SpanRedaction } from './pii-spans';

/**
 * Fields that hold identifiers, timestamps, enums or addresses of our own
 * resources, never free text: they are not scanned, so a tweet id or a Slack
 * `ts` is never mistaken for a phone number. Covers the contracts' names and
 * the raw payloads' (X `id_str`, `*_id_str`, `timestamp_ms`; Slack `ts`,
 * `event_ts`, `user`, `channel`, `team`). Everything else, URLs included, is
 * free text.
 */
const IDENTIFIER_FIELD =
  /^(?:[A-Za-z]*Id|id|ids|[a-z_]*_id|[a-z_]*_ids|[a-z_]*_id_str|id_str|[A-Za-z]*At|time|[a-z_]*_at|(?:[a-z]+_)?ts|Ts|ThreadTs|timestamp_ms|Channel|channel|team|user|Source|Kind|Type|type|subtype|Code|Bucket|Key|Url|ReplyUrl|ImageUrls|ScreenName|screen_name)$/;

/** Why a message's text was withheld entirely instead of redacted span by span. */
export type FailClosedReason = 'ContractViolation' | 'InvalidPiiSpans';

export interface RedactionReport {
  /** PII spans of the analysis replaced in the message text. */
  readonly spans: number;
  /** Further occurrences of those spans' text replaced elsewhere. */
  readonly repeats: number;
  /** E-mail addresses and phone numbers found by pattern. */
  readonly patterns: number;
  /** Set when the text could not be redacted reliably and was withheld whole. */
  readonly failClosed?: FailClosedReason;
}

/** What replaces a message text whose PII cannot be located reliably. */
export const WITHHELD_TEXT = '[WITHHELD]';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Applies `edit` to every free-text string below `value`, returning a new value. */
function mapFreeText(value: Json, edit: (text: string) => string, key?: string): Json {
  if (typeof value === 'string') return key !== undefined && IDENTIFIER_FIELD.test(key) ? value : edit(value);
  if (Array.isArray(value)) return value.map((v) => mapFreeText(v, edit, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapFreeText(v, edit, k)]));
  }
  return value;
}

/** Pattern redaction of every free-text string of a detail. */
function scrub(detail: Json): { detail: Json; patterns: number } {
  let patterns = 0;
  const out = mapFreeText(detail, (text) => {
    const r = redactPatterns(text);
    patterns += r.replaced;
    return r.text;
  });
  return { detail: out, patterns };
}

/**
 * The analysis's PII spans applied to the message text, and their text
 * replaced wherever else it appears in the detail (entity texts, text found in
 * images, error causes, fields added later); then e-mails and phone numbers by
 * pattern. Offsets in `TextEntities` and `PiiEntities` keep describing the
 * original text.
 */
function redactAnalysed(detail: MessageAnalysed): { detail: Json; report: RedactionReport } {
  let spanRedaction: SpanRedaction;
  try {
    spanRedaction = redactSpans(detail.Text, detail.Analysis.PiiEntities);
  } catch (error) {
    if (!(error instanceof InvalidPiiSpanError)) throw error;
    return withhold(detail as unknown as Json, 'InvalidPiiSpans');
  }
  let repeats = 0;
  const { Text: _text, ...rest } = detail;
  const others = mapFreeText(rest as unknown as Json, (text) => {
    const r = redactValues(text, spanRedaction.values);
    repeats += r.replaced;
    return r.text;
  }) as Record<string, Json>;
  const textRepeats = redactValues(spanRedaction.text, spanRedaction.values);
  repeats += textRepeats.replaced;
  const { detail: scrubbed, patterns } = scrub({ ...others, Text: textRepeats.text });
  return { detail: scrubbed, report: { spans: spanRedaction.values.length, repeats, patterns } };
}

/** Fail closed: the message text goes, every other free text is scrubbed by pattern. */
function withhold(detail: Json, reason: FailClosedReason): { detail: Json; report: RedactionReport } {
  const withoutText =
    detail !== null && typeof detail === 'object' && !Array.isArray(detail) && typeof detail['Text'] === 'string'
      ? { ...detail, Text: WITHHELD_TEXT }
      : detail;
  const { detail: scrubbed, patterns } = scrub(withoutText);
  return { detail: scrubbed, report: { spans: 0, repeats: 0, patterns, failClosed: reason } };
}

/**
 * Removes personal data from an event's detail before it reaches the lake.
 * `MESSAGE_ANALYSED` gets its analysis's PII spans (or, if its detail breaks
 * the contract or its spans do not fit its text, loses its text whole); every
 * detail-type gets e-mail addresses and phone numbers replaced by pattern.
 */
export function redactDetail(
  detailType: string,
  detail: unknown,
  /** Whether the detail satisfies its contract, when the caller has checked already (zod is most of the cost). */
  conformsToContract?: boolean,
): { detail: unknown; report: RedactionReport } {
  if (detailType === 'MESSAGE_ANALYSED') {
    const conforms = conformsToContract ?? MessageAnalysedSchema.safeParse(detail).success;
    if (!conforms) return withhold(detail as Json, 'ContractViolation');
    // Redact the event as sent, not zod's output: fields this build does not know yet are kept (and scanned).
    const { detail: redacted, report } = redactAnalysed(detail as MessageAnalysed);
    return { detail: redacted, report };
  }
  const { detail: scrubbed, patterns } = scrub(detail as Json);
  return { detail: scrubbed, report: { spans: 0, repeats: 0, patterns } };
}
