/**
 * DetectEntities for English text: compromise finds people, places,
 * organisations, dates, values and proper nouns; regular expressions find
 * mentions, links, products, quoted titles and named events; each is mapped to
 * Comprehend's types. Scores are fixed per recogniser, reflecting how often
 * each is right on the evaluation texts, not a model probability.
 */
import type { EntityType } from '@aws-sdk/client-comprehend';
import nlp from 'compromise';
import { recogniseInChunks, regexSpans, resolveOverlaps, trimSpan, type Span } from './spans';

type AwsEntityType = `${EntityType}`;

interface CompromiseMatch {
  text: string;
  offset: { start: number; length: number };
}

const EVENT_WORDS = 'Festival|Cup|Olympics|Olympic Games|Championships?|Conference|Summit|Expo|Marathon|Games|Awards|Fair|Grand Prix|Open|Derby|Carnival|Week|Show|Tour|Con';
const ORGANISATION_WORDS = 'Inc|Ltd|LLC|PLC|plc|GmbH|Corp|Corporation|Company|Co|Motors|Airlines?|Airways|Bank|Telecom|Group|Foundation|University|College|Council|Ministry|Agency|Hospital|Bakery|Supermarket|Labs?|Systems|Technologies|Media|Studios?|Insurance';

const MENTION = /(?<![\w@])@[A-Za-z0-9_]{1,15}\b/g;
const HASHTAG = /(?<![\w#])#[\p{L}\p{N}_]+/gu;
const URL = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const QUOTED_TITLE = /["“]([A-Z][^"”\n]{1,80})["”]/g;
const NAMED_EVENT = new RegExp(`\\b(?:(?:19|20)\\d{2}\\s+)?(?:[A-Z][\\w'&-]*\\s+){1,4}(?:${EVENT_WORDS})\\b(?:\\s+(?:19|20)\\d{2})?`, 'g');
const NAMED_ORGANISATION = new RegExp(`\\b(?:[A-Z][\\w'&-]*\\s+){1,4}(?:${ORGANISATION_WORDS})\\b\\.?`, 'g');
/** iPhone 15, MacBook Pro, PlayStation 5, Galaxy S24, Boeing 737. */
const PRODUCT = /\b(?:i[A-Z][a-z]+|[A-Z][a-z]+[A-Z][a-z]+|Galaxy|Pixel|Boeing|Airbus|Kindle|Xbox|Switch)(?:\s+(?:\d{1,4}[a-z]?|[A-Z]\d{1,3}|Pro|Max|Plus|Ultra|Mini|Air|SE))+\b|\b(?:i[A-Z][a-z]+|[A-Z][a-z]+[A-Z][a-z]+)\b/g;

function compromiseSpans(text: string): Array<Span<AwsEntityType>> {
  const doc = nlp(text);
  const spans: Array<Span<AwsEntityType>> = [];
  const add = (matches: CompromiseMatch[], type: AwsEntityType, score: number): void => {
    for (const m of matches) spans.push({ type, begin: m.offset.start, end: m.offset.start + m.offset.length, score });
  };
  const json = (view: { json(options: object): unknown }): CompromiseMatch[] => view.json({ offset: true }) as CompromiseMatch[];
  add(json(doc.people()), 'PERSON', 0.9);
  add(json(doc.places()), 'LOCATION', 0.9);
  add(json(doc.organizations()), 'ORGANIZATION', 0.85);
  add(json(doc.match('#Date+')), 'DATE', 0.9);
  add(json(doc.match('(#Money|#Percent)+')), 'QUANTITY', 0.9);
  add(json(doc.match('#Value+ (#Unit|#Plural)')), 'QUANTITY', 0.85);
  // Proper nouns no other recogniser claimed: brands and names mid-sentence, read as organisations.
  for (const m of json(doc.match('#ProperNoun+').not('(#Person|#Place|#Organization|#Date|#Honorific)'))) {
    const before = text.slice(0, m.offset.start).trimEnd();
    const sentenceStart = before === '' || /[.!?:]$/.test(before);
    if (!sentenceStart) spans.push({ type: 'ORGANIZATION', begin: m.offset.start, end: m.offset.start + m.offset.length, score: 0.55 });
  }
  return spans;
}

/**
 * Entities of a text. compromise reads English only: for other languages the
 * language-independent recognisers (mentions, hashtags, links, products,
 * quoted titles, named events and organisations) run alone.
 */
export function recogniseEntities(text: string, english = true): Array<Span<AwsEntityType>> {
  return recogniseInChunks(text, (piece) => recogniseChunk(piece, english));
}

function recogniseChunk(text: string, english: boolean): Array<Span<AwsEntityType>> {
  const candidates: Array<Span<AwsEntityType>> = [
    ...(english ? compromiseSpans(text) : []),
    ...regexSpans(text, MENTION, 'PERSON', 0.7),
    ...regexSpans(text, HASHTAG, 'OTHER', 0.6),
    ...regexSpans(text, URL, 'OTHER', 0.9),
    ...regexSpans(text, EMAIL, 'OTHER', 0.9),
    ...regexSpans(text, QUOTED_TITLE, 'TITLE', 0.75, 1),
    ...regexSpans(text, NAMED_EVENT, 'EVENT', 0.8),
    ...regexSpans(text, NAMED_ORGANISATION, 'ORGANIZATION', 0.8),
    ...regexSpans(text, PRODUCT, 'COMMERCIAL_ITEM', 0.75),
  ];
  const trimmed = candidates.flatMap((span) => trimSpan(text, span, true) ?? []);
  return resolveOverlaps(trimmed);
}
