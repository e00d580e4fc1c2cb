/**
 * The engine end to end on real models (loaded once for the file): shapes and
 * clear-cut cases only. Quality and speed are measured by eval/, not here.
 */
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDir } from '../esm';
import { LocalRekognitionEngine } from './engine';
import { closeTextWorker } from './text';

jest.setTimeout(120_000);

const localCloud = join(__dirname, '..', '..', '..');
const engine = new LocalRekognitionEngine({ galleryDir: join(localCloud, 'gallery'), dataDir: mkdtempSync(join(tmpdir(), 'rekognition-')) });
const humanAssets = join(packageDir('@vladmandic/human'), 'assets');
/** A collage of the library's sample photos (one of them shows the gallery's person). */
const humanSamples = readFileSync(join(humanAssets, 'samples.jpg'));
/** Three rows of four face tiles (twelve faces) cut from the face grid of the library's face-matching demo. */
async function faceGrid(): Promise<Buffer> {
  const grid = await loadImage(readFileSync(join(humanAssets, 'screenshot-facematch.jpg')));
  const canvas = createCanvas(427, 336);
  canvas.getContext('2d').drawImage(grid, 0, 282, 427, 336, 0, 0, 427, 336);
  return canvas.toBuffer('image/jpeg');
}
const probe = readFileSync(join(localCloud, 'eval', 'datasets', 'faces', 'vladimir-mandic-probe-1.jpg'));

const inUnitSquare = (box: { Left?: number; Top?: number; Width?: number; Height?: number }) => {
  for (const v of [box.Left!, box.Top!, box.Left! + box.Width!, box.Top! + box.Height!]) {
    expect(v).toBeGreaterThanOrEqual(-0.05);
    expect(v).toBeLessThanOrEqual(1.05);
  }
};

afterAll(() => closeTextWorker());

describe('LocalRekognitionEngine', () => {
  it('finds the faces of a group photo with ratio boxes, landmarks, pose, quality and (with ALL) emotions', async () => {
    const { FaceDetails = [] } = await engine.detectFaces({ bytes: await faceGrid(), source: 'bytes' }, ['ALL']);
    expect(FaceDetails.length).toBeGreaterThanOrEqual(8);
    expect(FaceDetails.length).toBeLessThanOrEqual(12);
    for (const face of FaceDetails) {
      inUnitSquare(face.BoundingBox!);
      expect(face.Confidence).toBeGreaterThanOrEqual(50);
      expect(face.Landmarks!.map((l) => l.Type)).toEqual(expect.arrayContaining(['eyeLeft', 'eyeRight', 'nose', 'mouthLeft', 'mouthRight']));
      expect(face.Pose).toEqual({ Roll: expect.any(Number), Yaw: expect.any(Number), Pitch: expect.any(Number) });
      expect(face.Quality!.Brightness).toBeGreaterThan(0);
      expect(face.Emotions!.length).toBe(7);
      expect(face.Smile).toEqual({ Value: expect.any(Boolean), Confidence: expect.any(Number) });
    }
  });

  it('returns only the DEFAULT attributes when asked for DEFAULT', async () => {
    const { FaceDetails = [] } = await engine.detectFaces({ bytes: probe, source: 'bytes' }, ['DEFAULT']);
    expect(FaceDetails).toHaveLength(1);
    expect(Object.keys(FaceDetails[0]!).sort()).toEqual(['BoundingBox', 'Confidence', 'Landmarks', 'Pose', 'Quality']);
  });

  it('recognises a gallery person in a different photo of them', async () => {
    const { CelebrityFaces = [], UnrecognizedFaces = [] } = await engine.recognizeCelebrities({ bytes: probe, source: 'bytes' });
    expect(CelebrityFaces.map((c) => [c.Name, c.Id, c.Urls])).toEqual([['Vladimir Mandic', 'vladimir-mandic', ['github.com/vladmandic']]]);
    expect(CelebrityFaces[0]!.MatchConfidence).toBeGreaterThan(0);
    expect(CelebrityFaces[0]!.Face!.Landmarks).toHaveLength(5);
    expect(UnrecognizedFaces).toEqual([]);
  });

  it('leaves faces that are not in the gallery unrecognised', async () => {
    const emptyGallery = new LocalRekognitionEngine({ galleryDir: mkdtempSync(join(tmpdir(), 'no-gallery-')), dataDir: mkdtempSync(join(tmpdir(), 'rekognition-')) });
    const { CelebrityFaces = [], UnrecognizedFaces = [] } = await emptyGallery.recognizeCelebrities({ bytes: probe, source: 'bytes' });
    expect(CelebrityFaces).toEqual([]);
    expect(UnrecognizedFaces).toHaveLength(1);
  });

  it('labels people with the Rekognition hierarchy', async () => {
    const { Labels = [] } = await engine.detectLabels({ bytes: humanSamples, source: 'bytes' }, { minConfidence: 50 });
    const person = Labels.find((l) => l.Name === 'Person');
    expect(person).toMatchObject({ Parents: [] });
    expect(Labels.find((l) => l.Name === 'Face')?.Parents).toEqual([{ Name: 'Head' }, { Name: 'Person' }]);
  });

  it('reads rendered text as lines and words', async () => {
    GlobalFonts.registerFromPath(join(packageDir('dejavu-fonts-ttf'), 'ttf', 'DejaVuSans.ttf'), 'DejaVu Sans');
    const canvas = createCanvas(640, 200);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 640, 200);
    context.fillStyle = '#000';
    context.font = '48px "DejaVu Sans"';
    context.fillText('HELLO WORLD', 40, 80);
    context.fillText('open late 24/7', 40, 160);
    const { TextDetections = [] } = await engine.detectText({ bytes: canvas.toBuffer('image/png'), source: 'bytes' });
    expect(TextDetections.filter((t) => t.Type === 'LINE').map((t) => t.DetectedText)).toEqual(['HELLO WORLD', 'open late 24/7']);
    const words = TextDetections.filter((t) => t.Type === 'WORD');
    expect(words.map((w) => [w.DetectedText, w.ParentId])).toEqual([
      ['HELLO', 0],
      ['WORLD', 0],
      ['open', 1],
      ['late', 1],
      ['24/7', 1],
    ]);
    for (const w of words) inUnitSquare(w.Geometry!.BoundingBox!);
  });

  it('answers moderation with an empty list and a model version that says no model ran', async () => {
    await expect(engine.detectModerationLabels({ bytes: probe, source: 'bytes' }, {})).resolves.toEqual({
      ModerationLabels: [],
      ModerationModelVersion: 'local-none',
    });
  });

  it('validates images before any model runs', async () => {
    await expect(engine.detectLabels({ bytes: new Uint8Array([1, 2, 3]), source: 'bytes' }, {})).rejects.toMatchObject({ name: 'InvalidImageFormatException' });
  });
});
