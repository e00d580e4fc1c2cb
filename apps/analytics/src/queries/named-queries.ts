import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The lake's saved Athena queries. The SQL lives in the `.sql` files beside
 * this module (read at synth time, so the template carries it and the local
 * cloud can run it on DuckDB). Written in the common ground of Trino (Athena
 * engine 3) and DuckDB: struct fields by dot, `CROSS JOIN UNNEST(...) AS t (x)`,
 * `row_number()` windows; no `json_extract_scalar`, no date functions.
 */
export const NAMED_QUERY_IDS = [
  'label-counts',
  'sentiment-per-day',
  'top-entities',
  'negative-authors',
  'messages-per-channel',
  'events-per-type',
] as const;
export type NamedQueryId = (typeof NAMED_QUERY_IDS)[number];

export interface NamedQueryDefinition {
  /** Shown in the Athena console's saved queries. */
  readonly name: string;
  readonly description: string;
}

export const NAMED_QUERIES: { readonly [K in NamedQueryId]: NamedQueryDefinition } = {
  'label-counts': {
    name: 'Image label counts',
    description: 'Rekognition labels across every analysed image, most frequent first (CROSS JOIN UNNEST over images and labels)',
  },
  'sentiment-per-day': {
    name: 'Sentiment per day',
    description: 'Analysed messages per day and sentiment',
  },
  'top-entities': {
    name: 'Top entities',
    description: 'Entities (people, places, organisations...) mentioned in the most messages',
  },
  'negative-authors': {
    name: 'Authors of negative messages',
    description: 'Authors of NEGATIVE messages per channel, most first',
  },
  'messages-per-channel': {
    name: 'Messages per channel',
    description: 'Analysed messages and distinct authors per channel and day',
  },
  'events-per-type': {
    name: 'Events per detail-type',
    description: 'Distinct events and deliveries per day and detail-type, over every event of the bus',
  },
};

/** The SQL of a named query, as Athena runs it (in the lake database's context). */
export function namedQuerySql(id: NamedQueryId): string {
  return readFileSync(join(__dirname, `${id}.sql`), 'utf8').trim();
}
