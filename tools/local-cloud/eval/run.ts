/**
 * The local AI engines' quality and speed, printed as figures (never a test):
 *
 *   npx nx run local-cloud:eval            # everything
 *   npx tsx tools/local-cloud/eval/run.ts sentiment language   # some parts
 *
 * Parts: sentiment, language, comprehend-latency, faces, text, lex, memory.
 * See eval/README.md for the datasets, their provenance and the last figures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalComprehendEngine } from '../src/engines/comprehend';
import { aliasFromTemplate, botFromTemplate, LocalLexRuntime } from '../src/engines/lex';
import fixture from '../src/engines/lex/__fixtures__/responding-bot.json';
import { closeTextWorker, LocalRekognitionEngine } from '../src/engines/rekognition';
import { comprehendLatencies, evaluateLanguage, evaluateSentiment, SHORT_TEXT } from './comprehend-eval';
import { measureInChild } from './memory';
import { mib, ms, pct, percentile, type ClassificationReport } from './metrics';
import { evaluateFaces, evaluateText } from './rekognition-eval';

const PARTS = ['sentiment', 'language', 'comprehend-latency', 'faces', 'text', 'lex', 'memory'] as const;
type Part = (typeof PARTS)[number];

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const latencyLine = (name: string, values: readonly number[]): void =>
  out(`  ${name.padEnd(56)} n=${String(values.length).padStart(4)}  p50 ${ms(percentile(values, 50)).padStart(8)}  p99 ${ms(percentile(values, 99)).padStart(8)}`);
const classes = (report: ClassificationReport): string =>
  Object.entries(report.perClass)
    .map(([label, c]) => `${label} F1 ${c.f1.toFixed(3)} (n=${c.support})`)
    .join(', ');

async function main(parts: readonly Part[]): Promise<void> {
  const comprehend = new LocalComprehendEngine();
  const rekognition = new LocalRekognitionEngine({ galleryDir: join(__dirname, '..', 'gallery'), dataDir: mkdtempSync(join(tmpdir(), 'eval-')) });
  const rekognitionLatencies: Record<string, number[]> = {};
  out(`# Local AI engines — evaluation (${new Date().toISOString()}, Node ${process.version}, ${process.arch})`);

  if (parts.includes('sentiment')) {
    const s = await evaluateSentiment(comprehend);
    out('\n## DetectSentiment (eval/datasets/sentiment-social.tsv)');
    for (const [name, r] of [['all', s.all], ['dev split', s.dev], ['test split', s.test]] as const) {
      out(`  ${name.padEnd(10)} n=${r.total}  accuracy ${pct(r.accuracy)}  macro-F1 ${r.macroF1.toFixed(3)}`);
    }
    out(`  per class (all): ${classes(s.all)}`);
    out(`  hard cases: ${Object.entries(s.byTag).map(([t, v]) => `${t} ${pct(v.accuracy)} (n=${v.total})`).join(', ')}`);
    out(`  confusion (expected → predicted): ${JSON.stringify(s.all.confusion)}`);
    latencyLine('DetectSentiment', s.latencies);
  }
  if (parts.includes('language')) {
    const l = await evaluateLanguage(comprehend);
    out('\n## DetectDominantLanguage (eval/datasets/language-sentences.tsv, 10 languages)');
    out(`  all         n=${l.all.total}  accuracy ${pct(l.all.accuracy)}`);
    out(`  < ${SHORT_TEXT} chars  n=${l.short.total}  accuracy ${pct(l.short.accuracy)}`);
    out(`  ≥ ${SHORT_TEXT} chars  n=${l.long.total}  accuracy ${pct(l.long.accuracy)}`);
    out(`  per language recall: ${Object.entries(l.all.perClass).map(([k, c]) => `${k} ${pct(c.recall)}`).join(', ')}`);
    out(`  errors: ${l.errors.map((e) => `"${e.text}" ${e.expected}→${e.predicted}`).join('; ') || 'none'}`);
    latencyLine('DetectDominantLanguage', l.latencies);
  }
  if (parts.includes('comprehend-latency')) {
    const c = await comprehendLatencies(comprehend);
    out('\n## Comprehend latency (the 315 sentiment messages)');
    for (const [name, values] of Object.entries(c)) latencyLine(name, values);
  }
  if (parts.includes('faces')) {
    const f = await evaluateFaces(rekognition, rekognitionLatencies);
    out('\n## Faces (@vladmandic/human assets/screenshot-facematch.jpg, 108 annotated tiles)');
    out(`  detection recall ${pct(f.found / f.tiles)} (${f.found}/${f.tiles}), duplicate detections ${f.duplicates}, detections outside the grid ${f.outsideGrid} (unannotated thumbnails)`);
    out(`  gallery probes: ${f.probes.map((p) => `${p.file} → ${p.name ?? 'unrecognised'}${p.matchConfidence ? ` (${p.matchConfidence})` : ''}`).join('; ')}`);
    out(`  false matches among ${f.strangers.faces} faces of other people: ${f.strangers.falseMatches}`);
  }
  if (parts.includes('text')) {
    const t = await evaluateText(rekognition, rekognitionLatencies);
    out(`\n## DetectText (${t.images} rendered images, DejaVu fonts, 18–57 px, ±4°)`);
    out(`  word accuracy ${pct(t.exact / t.words)} exact (${t.exact}/${t.words}), ${pct(t.caseless / t.words)} ignoring case and edge punctuation`);
    out(`  misread: ${t.misses.map((m) => `"${m.expected}" read "${m.read}" [${m.description}]`).join('; ') || 'none'}`);
  }
  if (Object.keys(rekognitionLatencies).length > 0) {
    out('\n## Rekognition latency');
    for (const [name, values] of Object.entries(rekognitionLatencies)) latencyLine(name, values);
  }
  if (parts.includes('lex')) {
    const lex = new LocalLexRuntime({ invoker: { invoke: async () => ({ sessionState: { dialogAction: { type: 'Close' }, intent: { name: 'Joke', state: 'Fulfilled' } } }) } });
    lex.putBot(botFromTemplate('EVALBOT001', fixture.bot));
    lex.putAlias(aliasFromTemplate('EVALALIAS1', { ...fixture.alias, BotId: 'EVALBOT001' }));
    const texts = ['tell me a joke', 'give me a fun fact', 'what is the weather in Paris', '@bot make me laugh', 'teach me something new', 'hello there'];
    const values: number[] = [];
    for (let i = 0; i < 300; i++) {
      const start = performance.now();
      await lex.recognizeText({ botId: 'EVALBOT001', botAliasId: 'EVALALIAS1', localeId: 'en_GB', sessionId: `eval-${i % 20}`, text: texts[i % texts.length]! });
      values.push(performance.now() - start);
    }
    out('\n## Lex V2 RecognizeText (engine only, code hook answered in process)');
    latencyLine('RecognizeText', values);
  }
  await closeTextWorker();
  if (parts.includes('memory')) {
    out('\n## Memory the models take (fresh process per engine; resident set before → after warm-up)');
    for (const engine of ['comprehend', 'rekognition', 'lex'] as const) {
      const m = measureInChild(engine);
      out(`  ${engine.padEnd(12)} ${mib(m.rssBefore)} → ${mib(m.rssAfter)} (+${mib(m.rssAfter - m.rssBefore)}), heap ${mib(m.heapAfter)}; warm-up ${JSON.stringify(m.warmUpMs)} ms`);
    }
  }
}

const asked = process.argv.slice(2).filter((a): a is Part => (PARTS as readonly string[]).includes(a));
main(asked.length > 0 ? asked : PARTS).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
