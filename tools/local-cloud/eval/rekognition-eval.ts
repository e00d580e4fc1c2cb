/**
 * Face detection recall on the face grid that ships in the @vladmandic/human
 * npm package (assets/screenshot-facematch.jpg: 18 × 6 tiles, one face each),
 * known-faces recognition on the gallery probes, DetectText word accuracy on
 * rendered images, and per-call latency of every Rekognition operation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalRekognitionEngine } from '../src/engines/rekognition';
import { packageDir } from '../src/engines/esm';
import facesTruth from './datasets/faces.json';
import { renderTextImages } from './text-images';

const ASSETS = join(packageDir('@vladmandic/human'), 'assets');
const FACES = join(__dirname, 'datasets', 'faces');

export interface FaceFigures {
  readonly tiles: number;
  readonly found: number;
  readonly duplicates: number;
  readonly outsideGrid: number;
  readonly probes: ReadonlyArray<{ file: string; name: string | undefined; matchConfidence: number | undefined }>;
  readonly strangers: { faces: number; falseMatches: number };
}

export async function evaluateFaces(engine: LocalRekognitionEngine, latencies: Record<string, number[]>): Promise<FaceFigures> {
  const grid = facesTruth.grid;
  const image = { bytes: readFileSync(join(ASSETS, grid.file)), source: 'bytes' as const };
  const faces = await timed(latencies, 'DetectFaces (first call on an image)', () => engine.detectFaces(image, ['DEFAULT']));
  const hits = new Map<string, number>();
  let outsideGrid = 0;
  for (const face of faces.FaceDetails ?? []) {
    const box = face.BoundingBox!;
    const cx = (box.Left! + box.Width! / 2) * grid.width;
    const cy = (box.Top! + box.Height! / 2) * grid.height;
    const col = Math.floor((cx - grid.left) / grid.pitchX);
    const row = Math.floor((cy - grid.top) / grid.pitchY);
    if (col < 0 || col >= grid.columns || row < 0 || row >= grid.rows) outsideGrid++;
    else hits.set(`${row}:${col}`, (hits.get(`${row}:${col}`) ?? 0) + 1);
  }
  const celebrities = await timed(latencies, 'RecognizeCelebrities (same image, detections cached)', () => engine.recognizeCelebrities(image));
  const strangerRows = new Set(grid.strangerRows);
  let strangers = 0;
  let falseMatches = 0;
  for (const [list, matched] of [
    [celebrities.CelebrityFaces?.map((c) => c.Face!) ?? [], true],
    [celebrities.UnrecognizedFaces ?? [], false],
  ] as const) {
    for (const face of list) {
      const cy = (face.BoundingBox!.Top! + face.BoundingBox!.Height! / 2) * grid.height;
      const row = Math.floor((cy - grid.top) / grid.pitchY);
      if (!strangerRows.has(row)) continue;
      strangers++;
      if (matched) falseMatches++;
    }
  }
  const probes = [];
  for (const file of facesTruth.probes) {
    const answer = await timed(latencies, 'RecognizeCelebrities (first call on an image)', () =>
      engine.recognizeCelebrities({ bytes: readFileSync(join(FACES, file)), source: 'bytes' }),
    );
    probes.push({ file, name: answer.CelebrityFaces?.[0]?.Name, matchConfidence: answer.CelebrityFaces?.[0]?.MatchConfidence });
  }
  for (const file of facesTruth.latencyImages) {
    const bytes = { bytes: readFileSync(join(ASSETS, file)), source: 'bytes' as const };
    await timed(latencies, 'DetectLabels (first call on an image)', () => engine.detectLabels(bytes, {}));
    await timed(latencies, 'DetectFaces (same image, detections cached)', () => engine.detectFaces(bytes, ['ALL']));
    await timed(latencies, 'DetectModerationLabels', () => engine.detectModerationLabels(bytes, {}));
  }
  const found = [...hits.keys()].length;
  const duplicates = [...hits.values()].reduce((s, n) => s + n - 1, 0);
  return { tiles: grid.rows * grid.columns, found, duplicates, outsideGrid, probes, strangers: { faces: strangers, falseMatches } };
}

export interface TextFigures {
  readonly images: number;
  readonly words: number;
  readonly exact: number;
  readonly caseless: number;
  readonly misses: ReadonlyArray<{ expected: string; read: string; description: string }>;
}

const normalise = (w: string): string => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%]+$/gu, '');

/** Word accuracy: words of the phrase found among the detected WORDs (as multisets). */
function matched(expected: readonly string[], read: readonly string[], key: (w: string) => string): number {
  const pool = new Map<string, number>();
  for (const w of read) pool.set(key(w), (pool.get(key(w)) ?? 0) + 1);
  let n = 0;
  for (const w of expected) {
    const k = key(w);
    const left = pool.get(k) ?? 0;
    if (left > 0) {
      n++;
      pool.set(k, left - 1);
    }
  }
  return n;
}

export async function evaluateText(engine: LocalRekognitionEngine, latencies: Record<string, number[]>): Promise<TextFigures> {
  const images = renderTextImages();
  let words = 0;
  let exact = 0;
  let caseless = 0;
  const misses: Array<{ expected: string; read: string; description: string }> = [];
  for (const image of images) {
    const answer = await timed(latencies, 'DetectText', () => engine.detectText({ bytes: image.png, source: 'bytes' }));
    const read = (answer.TextDetections ?? []).filter((d) => d.Type === 'WORD').map((d) => d.DetectedText!);
    words += image.words.length;
    const e = matched(image.words, read, (w) => w);
    exact += e;
    caseless += matched(image.words, read, normalise);
    if (e < image.words.length) misses.push({ expected: image.words.join(' '), read: read.join(' '), description: image.description });
  }
  return { images: images.length, words, exact, caseless, misses };
}

async function timed<T>(latencies: Record<string, number[]>, name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  (latencies[name] ??= []).push(performance.now() - start);
  return result;
}
