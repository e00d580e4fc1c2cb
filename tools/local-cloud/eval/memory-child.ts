/** One engine's memory, measured in a process of its own (see memory.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalComprehendEngine } from '../src/engines/comprehend';
import { botFromTemplate, LocalLexRuntime } from '../src/engines/lex';
import fixture from '../src/engines/lex/__fixtures__/responding-bot.json';
import { closeTextWorker, LocalRekognitionEngine } from '../src/engines/rekognition';
import type { EngineName, MemoryFigure } from './memory';

async function main(engine: EngineName): Promise<void> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let warmUpMs: Record<string, number>;
  if (engine === 'comprehend') {
    warmUpMs = await new LocalComprehendEngine().warmUp();
  } else if (engine === 'rekognition') {
    const gallery = join(__dirname, '..', 'gallery');
    warmUpMs = await new LocalRekognitionEngine({ galleryDir: gallery, dataDir: mkdtempSync(join(tmpdir(), 'eval-')) }).warmUp();
  } else {
    const lex = new LocalLexRuntime({ invoker: { invoke: async () => null } });
    lex.putBot(botFromTemplate('EVALBOT001', fixture.bot));
    warmUpMs = await lex.warmUp();
  }
  global.gc?.();
  const usage = process.memoryUsage();
  const figure: MemoryFigure = { engine, rssBefore, rssAfter: usage.rss, heapAfter: usage.heapUsed, warmUpMs };
  process.stdout.write(`${JSON.stringify(figure)}\n`);
  if (engine === 'rekognition') await closeTextWorker();
}

main(process.argv[2] as EngineName).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
