/**
 * The local Rekognition engine: image checks as AWS, one decode and one
 * detector run per image (shared by every operation on it), then the answer
 * in Rekognition's shape. Models load once per process (`warmUp()` loads them
 * at start-up and reports how long each took).
 */
import type { FaceResult, Result } from '@vladmandic/human';
import { join } from 'node:path';
import type { ImageInput, RekognitionEngine } from '../types';
import { comparedFace, faceDetail } from './faces';
import { loadGallery, matchFace, type GalleryEntry } from './gallery';
import { decodeImage, type Pixels } from './image/decode';
import { checkImage, MAX_LABELS_SIDE } from './image/validate';
import { buildLabels } from './labels/labels';
import { moderationAnswer } from './moderation';
import { recogniseText, textWorker } from './text';
import { detect, vision } from './vision';

export interface LocalRekognitionOptions {
  /** The known-faces gallery folder (see tools/local-cloud/gallery/README.md). */
  readonly galleryDir: string;
  /** Where the gallery's embeddings are cached (the local cloud's data directory). */
  readonly dataDir: string;
  /** Similarity (0..1) at or above which a face is the gallery person (see eval/README.md for the measured trade-off). @default 0.42 */
  readonly matchThreshold?: number;
  /** Faces the detector scores below this (0..1) are not reported. @default 0.5 */
  readonly minFaceScore?: number;
}

export const DEFAULT_MATCH_THRESHOLD = 0.42;
export const DEFAULT_MIN_FACE_SCORE = 0.5;
/** DetectFaces reports the 100 largest faces; RecognizeCelebrities up to 64. */
const MAX_FACES = 100;
const MAX_CELEBRITY_FACES = 64;

interface Analysed {
  readonly pixels: Pixels;
  readonly result: Result;
  readonly faces: FaceResult[];
}

export class LocalRekognitionEngine implements RekognitionEngine {
  private gallery: Promise<GalleryEntry[]> | undefined;
  private readonly threshold: number;
  private readonly minFaceScore: number;

  constructor(private readonly options: LocalRekognitionOptions) {
    this.threshold = options.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
    this.minFaceScore = options.minFaceScore ?? DEFAULT_MIN_FACE_SCORE;
  }

  async detectFaces(image: ImageInput, attributes: readonly string[]) {
    const { pixels, faces } = await this.analyse(image);
    return { FaceDetails: largest(faces, MAX_FACES).map((face) => faceDetail(face, pixels, attributes.length ? attributes : ['DEFAULT'])) };
  }

  async recognizeCelebrities(image: ImageInput) {
    const { pixels, faces } = await this.analyse(image);
    const gallery = await this.knownFaces();
    const human = await vision();
    const CelebrityFaces = [];
    const UnrecognizedFaces = [];
    for (const face of largest(faces, MAX_CELEBRITY_FACES)) {
      const match = face.embedding?.length ? matchFace(face.embedding, gallery, (a, b) => human.match.similarity(a as number[], b as number[]), this.threshold) : undefined;
      if (match) {
        CelebrityFaces.push({
          Urls: [...match.person.urls],
          Name: match.person.name,
          Id: match.person.id,
          Face: comparedFace(face, pixels),
          MatchConfidence: Math.round(match.similarity * 1e5) / 1e3,
        });
      } else {
        UnrecognizedFaces.push(comparedFace(face, pixels));
      }
    }
    return { CelebrityFaces, UnrecognizedFaces };
  }

  async detectLabels(image: ImageInput, options: { maxLabels?: number; minConfidence?: number }) {
    const { result, faces } = await this.analyse(image, MAX_LABELS_SIDE);
    const objects = result.object.map((o) => ({ label: o.label, score: o.score, box: o.boxRaw }));
    return {
      Labels: buildLabels(objects, faces.map((f) => f.score), options),
      LabelModelVersion: 'local-centernet-coco',
    };
  }

  async detectText(image: ImageInput) {
    const checked = checkImage(image);
    return { TextDetections: await recogniseText(checked.bytes, checked.width, checked.height), TextModelVersion: 'local-tesseract-lstm-eng' };
  }

  async detectModerationLabels(image: ImageInput, _options: { minConfidence?: number }) {
    const checked = checkImage(image);
    await decodeImage(checked);
    return moderationAnswer();
  }

  /** Loads every model and the gallery, runs each once, and returns how long each step took (ms). */
  async warmUp(): Promise<Record<'visionModels' | 'textModel' | 'gallery', number>> {
    const time = async (work: () => Promise<unknown>): Promise<number> => {
      const start = performance.now();
      await work();
      return Math.round(performance.now() - start);
    };
    return {
      visionModels: await time(async () => {
        const human = await vision();
        await human.warmup({ warmup: 'face' } as never);
      }),
      textModel: await time(() => textWorker()),
      gallery: await time(() => this.knownFaces()),
    };
  }

  private async analyse(image: ImageInput, maxSide?: number): Promise<Analysed> {
    const checked = checkImage(image, { maxSide });
    const pixels = await decodeImage(checked);
    const result = await detect(pixels, checked.bytes);
    return { pixels, result, faces: result.face.filter((f) => f.score >= this.minFaceScore) };
  }

  private knownFaces(): Promise<GalleryEntry[]> {
    this.gallery ??= loadGallery({
      galleryDir: this.options.galleryDir,
      cacheFile: join(this.options.dataDir, 'rekognition', 'gallery-embeddings.json'),
      embed: async (photo) => {
        const { faces } = await this.analyse({ bytes: photo, source: 's3' });
        return largest(faces, 1)[0]?.embedding;
      },
    }).catch((error: unknown) => {
      this.gallery = undefined;
      throw error;
    });
    return this.gallery;
  }
}

function largest(faces: readonly FaceResult[], count: number): FaceResult[] {
  return [...faces].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]).slice(0, count);
}

