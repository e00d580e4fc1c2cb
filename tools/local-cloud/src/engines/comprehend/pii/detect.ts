/**
 * DetectPiiEntities: pattern recognisers with validation where the identifier
 * has one (Luhn for cards, mod 97 for IBANs, libphonenumber for phone numbers,
 * octet ranges for IPv4, `net.isIP` for IPv6), names from compromise, and
 * street addresses, postcodes and places for ADDRESS. Scores are fixed per
 * recogniser: validated identifiers 0.99, patterns without a check lower.
 */
import type { PiiEntityType } from '@aws-sdk/client-comprehend';
import nlp from 'compromise';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isIP } from 'node:net';
import { recogniseInChunks, regexSpans, resolveOverlaps, trimSpan, type Span } from '../entities/spans';
import { hasCardPrefix, ibanValid, luhnValid, ssnValid } from './checksums';

export type PiiType = `${Exclude<PiiEntityType, 'ALL'>}`;

/** Countries whose national formats are tried for numbers written without a `+` prefix. */
const PHONE_COUNTRIES: readonly CountryCode[] = ['US', 'GB', 'IE', 'ES', 'FR', 'DE', 'IT', 'PT', 'NL', 'CA', 'AU', 'IN'];

const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"']+[^\s<>"'.,;:!?)]/g;
const PHONE_CANDIDATE = /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,8}(?:[\s.-]\d{1,8}){0,4}(?![\w@])/g;
const CARD_CANDIDATE = /(?<!\d)\d{4}(?:[ -]?\d{2,4}){2,4}(?:[ -]?\d{1,3})?(?!\d)/g;
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)/g;
const IPV6_CANDIDATE = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;
const MAC = /\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\b/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IBAN = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b/g;
const UK_NINO = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/g;
const AWS_ACCESS_KEY = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g;
const PASSWORD = /\b(?:password|passwd|pwd|passcode)\s*(?:is|:|=)\s*(\S{4,64})/gi;
const PIN = /\bpin(?:\s+(?:number|code))?\s*(?:is|:|=)?\s*(\d{4,6})\b/gi;
const AGE = /\b(?:aged?\s+(\d{1,3})|(\d{1,3})\s*(?:years?|yrs?)[\s-]old)\b/gi;
const STREET =
  /\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'-]*\s+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Close|Court|Ct|Place|Pl|Square|Sq|Terrace|Crescent|Parkway|Highway|Hwy|Calle|Avenida|Rue)\b\.?(?:,?\s+(?:Apt|Suite|Flat|Unit)\s*#?\w+)?(?:,\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})?(?:,?\s+(?:[A-Z]{2}\s+)?\d{5}(?:-\d{4})?)?/g;
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b/g;

function phoneSpans(text: string): Array<Span<PiiType>> {
  const spans: Array<Span<PiiType>> = [];
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const candidate = m[0];
    const digits = candidate.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15 || SSN_SHAPE.test(candidate) || DOTTED_QUAD.test(candidate)) continue;
    const countries: ReadonlyArray<CountryCode | undefined> = candidate.startsWith('+') ? [undefined] : PHONE_COUNTRIES;
    let best = 0;
    for (const country of countries) {
      const number = parsePhoneNumberFromString(candidate, country);
      if (!number) continue;
      if (number.isValid()) best = Math.max(best, 0.99);
      else if (number.isPossible()) best = Math.max(best, 0.85);
    }
    if (best > 0) spans.push({ type: 'PHONE', begin: m.index, end: m.index + candidate.length, score: best });
  }
  return spans;
}

function cardSpans(text: string): Array<Span<PiiType>> {
  return regexSpans(text, CARD_CANDIDATE, 'CREDIT_DEBIT_NUMBER', 0.99).filter((s) => {
    const digits = text.slice(s.begin, s.end).replace(/\D/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && hasCardPrefix(digits);
  });
}

function nameAndPlaceSpans(text: string): Array<Span<PiiType>> {
  const doc = nlp(text);
  const spans: Array<Span<PiiType>> = [];
  type Match = { offset: { start: number; length: number } };
  for (const m of doc.people().not('#Honorific').json({ offset: true }) as Match[]) {
    spans.push({ type: 'NAME', begin: m.offset.start, end: m.offset.start + m.offset.length, score: 0.95 });
  }
  for (const m of doc.places().json({ offset: true }) as Match[]) {
    spans.push({ type: 'ADDRESS', begin: m.offset.start, end: m.offset.start + m.offset.length, score: 0.75 });
  }
  for (const m of doc.match('#Date+').json({ offset: true }) as Match[]) {
    spans.push({ type: 'DATE_TIME', begin: m.offset.start, end: m.offset.start + m.offset.length, score: 0.85 });
  }
  return spans;
}

export function detectPii(text: string): Array<Span<PiiType>> {
  return recogniseInChunks(text, detectInChunk);
}

function detectInChunk(text: string): Array<Span<PiiType>> {
  const candidates: Array<Span<PiiType>> = [
    ...regexSpans(text, EMAIL, 'EMAIL', 0.99),
    ...regexSpans(text, URL, 'URL', 0.99),
    ...phoneSpans(text),
    ...cardSpans(text),
    ...regexSpans(text, IPV4, 'IP_ADDRESS', 0.99),
    ...regexSpans(text, IPV6_CANDIDATE, 'IP_ADDRESS', 0.99).filter((s) => isIP(text.slice(s.begin, s.end)) === 6),
    ...regexSpans(text, MAC, 'MAC_ADDRESS', 0.95),
    ...regexSpans(text, SSN, 'SSN', 0.95).filter((s) => ssnValid(text.slice(s.begin, s.end))),
    ...regexSpans(text, IBAN, 'INTERNATIONAL_BANK_ACCOUNT_NUMBER', 0.99).filter((s) => ibanValid(text.slice(s.begin, s.end))),
    ...regexSpans(text, UK_NINO, 'UK_NATIONAL_INSURANCE_NUMBER', 0.9),
    ...regexSpans(text, AWS_ACCESS_KEY, 'AWS_ACCESS_KEY', 0.99),
    ...regexSpans(text, PASSWORD, 'PASSWORD', 0.9, 1),
    ...regexSpans(text, PIN, 'PIN', 0.85, 1),
    ...regexSpans(text, AGE, 'AGE', 0.9, 1),
    ...regexSpans(text, AGE, 'AGE', 0.9, 2),
    ...regexSpans(text, STREET, 'ADDRESS', 0.95),
    ...regexSpans(text, UK_POSTCODE, 'ADDRESS', 0.9),
    // compromise's spans can carry surrounding punctuation; the patterns above are exact.
    ...nameAndPlaceSpans(text).flatMap((span) => trimSpan(text, span) ?? []),
  ];
  return resolveOverlaps(mergeAddresses(text, candidates));
}

/** Joins ADDRESS parts that touch or overlap ("221B Baker Street, London" + "NW1 6XE") into one address. */
function mergeAddresses(text: string, spans: ReadonlyArray<Span<PiiType>>): Array<Span<PiiType>> {
  const addresses = spans.filter((s) => s.type === 'ADDRESS').sort((a, b) => a.begin - b.begin);
  const merged: Array<Span<PiiType>> = [];
  for (const span of addresses) {
    const last = merged.at(-1);
    if (last && span.begin <= last.end + 2 && /^[\s,]*$/.test(text.slice(last.end, Math.max(last.end, span.begin)))) {
      merged[merged.length - 1] = { ...last, end: Math.max(last.end, span.end), score: Math.max(last.score, span.score) };
    } else {
      merged.push(span);
    }
  }
  return [...spans.filter((s) => s.type !== 'ADDRESS'), ...merged];
}
