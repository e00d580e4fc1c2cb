/**
 * Responding benchmark: prints how long annotating a photo takes at three
 * sizes (decode, draw, PNG encode), the built image-responder asset's cold
 * start in a fresh Node process (loading Skia, the font and the bundle), text
 * cleaning throughput, and the size of each Lambda asset.
 *
 *   npx nx run responding:bench      (or: npx tsx apps/responding/bench/responding.bench.ts)
 *
 * Figures are for this machine's CPU (x64); Lambda's arm64 at 1,536 MB is in
 * the same range per core. A regression signal and a ratio, not a capacity plan.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { syntheticPhoto } from '../src/__testing__/images';
import { annotate, loadLabelFont } from '../src/image/render';
import type { FaceMark, Size } from '../src/image/layout';
import { bundleDirOf } from '@sma/cdk';
import { cleanMessageText } from '../src/text/utterance';
import { IMAGE_RESPONDER_ASSET_DIR } from '../src/stack';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

const marks = (size: Size): FaceMark[] => [
  { kind: 'CELEBRITY', label: 'Zoë Saldaña', rect: { x: size.width * 0.2, y: size.height * 0.3, width: size.width * 0.12, height: size.height * 0.16 } },
  { kind: 'CELEBRITY', label: 'Penélope Cruz', rect: { x: size.width * 0.55, y: size.height * 0.25, width: size.width * 0.11, height: size.height * 0.15 } },
  { kind: 'FACE', rect: { x: size.width * 0.8, y: size.height * 0.3, width: size.width * 0.1, height: size.height * 0.14 } },
];

async function benchAnnotate(): Promise<void> {
  loadLabelFont();
  console.log('annotate (grainy JPEG in, PNG out or JPEG over 5 MB, 2 names + 1 face)');
  for (const [width, height] of [
    [640, 480],
    [1600, 1200],
    [4000, 3000],
  ] as const) {
    const photo = await syntheticPhoto(width, height, 'jpeg', 24);
    const runs = width > 2000 ? 8 : 20;
    const times: number[] = [];
    let bytes = 0;
    let type = '';
    for (let i = 0; i < runs + 2; i++) {
      const started = performance.now();
      const result = await annotate(photo, 'bench', (size) => marks(size));
      if (i >= 2) times.push(performance.now() - started);
      bytes = result.bytes.byteLength;
      type = result.contentType;
    }
    times.sort((a, b) => a - b);
    console.log(
      `  ${`${width}x${height}`.padEnd(10)} in ${(photo.byteLength / 1024).toFixed(0).padStart(5)} KB  p50 ${ms(percentile(times, 0.5)).padStart(9)}  p90 ${ms(percentile(times, 0.9)).padStart(9)}  out ${(bytes / 1024).toFixed(0)} KB ${type}`,
    );
  }
}

function benchColdStart(): void {
  const script = `
    const t0 = performance.now();
    const canvas = require(${JSON.stringify(join(IMAGE_RESPONDER_ASSET_DIR, 'node_modules/@napi-rs/canvas'))});
    canvas.GlobalFonts.registerFromPath(${JSON.stringify(join(IMAGE_RESPONDER_ASSET_DIR, 'fonts/DejaVuSans-Bold.ttf'))}, 'Bench');
    const t1 = performance.now();
    const mod = require(${JSON.stringify(join(IMAGE_RESPONDER_ASSET_DIR, 'image-responder.js'))});
    const t2 = performance.now();
    console.log(JSON.stringify({ skiaAndFont: t1 - t0, bundle: t2 - t1, handler: typeof mod.handler }));`;
  const runs: Array<{ bundle: number; skiaAndFont: number }> = [];
  for (let i = 0; i < 5; i++) {
    const out = spawnSync(process.execPath, ['-e', script], {
      env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'eu-west-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
    });
    runs.push(JSON.parse(out.stdout) as { bundle: number; skiaAndFont: number });
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log('image-responder cold start in a fresh process (median of 5)');
  console.log(`  load Skia + register font ${ms(median(runs.map((r) => r.skiaAndFont)))}, then require the bundle ${ms(median(runs.map((r) => r.bundle)))}`);
}

function benchCleaning(): void {
  const texts = [
    '@makitdev tell me a joke',
    '<@U0BOT123> tell me a fact about <https://en.wikipedia.org/wiki/Octopus|octopuses> please &amp; thanks',
    `@a @b @c ${'long text with https://t.co/AbC123 links and words '.repeat(40)}`,
  ];
  const rounds = 20_000;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) for (const t of texts) cleanMessageText(t);
  const elapsed = performance.now() - started;
  console.log(`cleanMessageText: ${Math.round((rounds * texts.length) / (elapsed / 1000)).toLocaleString('en')} texts/s (mixed short and 2 KB texts)`);
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) => sum + (e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

function assetSizes(): void {
  const dist = bundleDirOf('responding');
  console.log('Lambda assets');
  for (const handler of ['text-responder', 'fulfilment']) {
    console.log(`  ${handler.padEnd(16)} ${(statSync(join(dist, `${handler}.js`)).size / 1024).toFixed(0)} KB bundle`);
  }
  const zipped = execFileSync('sh', ['-c', `cd ${IMAGE_RESPONDER_ASSET_DIR} && zip -qr - image-responder.js image-responder.js.map fonts node_modules | wc -c`], {
    encoding: 'utf8',
  });
  console.log(
    `  image-responder  ${(statSync(join(IMAGE_RESPONDER_ASSET_DIR, 'image-responder.js')).size / 1024).toFixed(0)} KB bundle, asset ${(folderBytes(IMAGE_RESPONDER_ASSET_DIR) / 1048576).toFixed(1)} MB unpacked, ${(Number(zipped) / 1048576).toFixed(1)} MB zipped`,
  );
}

async function main(): Promise<void> {
  await benchAnnotate();
  benchColdStart();
  benchCleaning();
  assetSizes();
}

void main();
