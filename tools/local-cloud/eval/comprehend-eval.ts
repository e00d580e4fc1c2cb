/**
 * Sentiment (accuracy, macro-F1, per split and per hard-case tag) and
 * language identification (accuracy overall and under 30 characters) of the
 * local Comprehend engine on the project's labelled sets, with per-call latency.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalComprehendEngine } from '../src/engines/comprehend';
import { classification, readTsv, type ClassificationReport } from './metrics';

const DATASETS = join(__dirname, 'datasets');

export interface SentimentFigures {
  readonly all: ClassificationReport;
  readonly dev: ClassificationReport;
  readonly test: ClassificationReport;
  readonly byTag: Readonly<Record<string, { total: number; accuracy: number }>>;
  readonly latencies: number[];
}

export async function evaluateSentiment(engine: LocalComprehendEngine): Promise<SentimentFigures> {
  const rows = readTsv(readFileSync(join(DATASETS, 'sentiment-social.tsv'), 'utf8'));
  const results: Array<{ expected: string; predicted: string; split: 'dev' | 'test'; tags: string[] }> = [];
  const latencies: number[] = [];
  for (const [i, [label, tags, text]] of rows.entries()) {
    const start = performance.now();
    const { Sentiment } = await engine.detectSentiment(text!, 'en');
    latencies.push(performance.now() - start);
    results.push({ expected: label!, predicted: Sentiment!, split: i % 2 === 0 ? 'dev' : 'test', tags: tags === '-' ? [] : tags!.split(',') });
  }
  const classes = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
  const byTag: Record<string, { total: number; accuracy: number }> = {};
  for (const tag of [...new Set(results.flatMap((r) => r.tags))].sort()) {
    const tagged = results.filter((r) => r.tags.includes(tag));
    byTag[tag] = { total: tagged.length, accuracy: tagged.filter((r) => r.expected === r.predicted).length / tagged.length };
  }
  return {
    all: classification(results, classes),
    dev: classification(results.filter((r) => r.split === 'dev'), classes),
    test: classification(results.filter((r) => r.split === 'test'), classes),
    byTag,
    latencies,
  };
}

export interface LanguageFigures {
  readonly all: ClassificationReport;
  readonly short: ClassificationReport;
  readonly long: ClassificationReport;
  readonly errors: ReadonlyArray<{ text: string; expected: string; predicted: string }>;
  readonly latencies: number[];
}

/** Texts shorter than this (UTF-16 units) are reported apart. */
export const SHORT_TEXT = 30;

export async function evaluateLanguage(engine: LocalComprehendEngine): Promise<LanguageFigures> {
  const rows = readTsv(readFileSync(join(DATASETS, 'language-sentences.tsv'), 'utf8'));
  const results: Array<{ expected: string; predicted: string; text: string }> = [];
  const latencies: number[] = [];
  for (const [expected, text] of rows) {
    const start = performance.now();
    const { Languages = [] } = await engine.detectDominantLanguage(text!);
    latencies.push(performance.now() - start);
    results.push({ expected: expected!, predicted: Languages[0]?.LanguageCode ?? '(none)', text: text! });
  }
  return {
    all: classification(results),
    short: classification(results.filter((r) => r.text.length < SHORT_TEXT)),
    long: classification(results.filter((r) => r.text.length >= SHORT_TEXT)),
    errors: results.filter((r) => r.expected !== r.predicted),
    latencies,
  };
}

/** Latency of the entity and PII calls over the sentiment set's messages. */
export async function comprehendLatencies(engine: LocalComprehendEngine): Promise<Record<'DetectEntities' | 'DetectPiiEntities', number[]>> {
  const texts = readTsv(readFileSync(join(DATASETS, 'sentiment-social.tsv'), 'utf8')).map((r) => r[2]!);
  const out = { DetectEntities: [] as number[], DetectPiiEntities: [] as number[] };
  for (const text of texts) {
    let start = performance.now();
    await engine.detectEntities(text, 'en');
    out.DetectEntities.push(performance.now() - start);
    start = performance.now();
    await engine.detectPiiEntities(text, 'en');
    out.DetectPiiEntities.push(performance.now() - start);
  }
  return out;
}
