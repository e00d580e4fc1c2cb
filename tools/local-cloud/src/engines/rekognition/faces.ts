/**
 * Rekognition FaceDetail from a face @vladmandic/human found. What the local
 * models measure: box, landmarks, pose, quality (from the pixels), emotions
 * (seven of Rekognition's eight: no CONFUSED), smile (from the happy score),
 * eyes and mouth open (from the mesh), age range and gender. What they cannot
 * (beard, moustache, glasses, sunglasses, occlusion, eye direction) is left
 * out of the answer rather than guessed. Pure.
 */
import type { Attribute, ComparedFace, Emotion, FaceDetail } from '@aws-sdk/client-rekognition';
import type { FaceResult } from '@vladmandic/human';
import { regionQuality, type Pixels } from './image/decode';
import { CELEBRITY_LANDMARKS, eyeOpenness, landmarksFromMesh, mouthOpenness } from './landmarks';

const EMOTIONS: Readonly<Record<string, `${NonNullable<Emotion['Type']>}`>> = {
  happy: 'HAPPY',
  sad: 'SAD',
  angry: 'ANGRY',
  disgust: 'DISGUSTED',
  fear: 'FEAR',
  surprise: 'SURPRISED',
  neutral: 'CALM',
};
/** Attributes the DEFAULT set returns. */
const DEFAULT_ATTRIBUTES = new Set(['BOUNDING_BOX', 'CONFIDENCE', 'POSE', 'QUALITY', 'LANDMARKS']);
const AGE_MARGIN = 5;
const EYES_OPEN_RATIO = 0.18;
const MOUTH_OPEN_RATIO = 0.12;

const degrees = (radians: number): number => (radians * 180) / Math.PI;
const percent = (x: number): number => Math.round(Math.max(0, Math.min(1, x)) * 1e5) / 1e3;
/** A yes/no attribute from a score in 0..1 and the threshold between no and yes. */
const binary = (score: number, threshold: number, spread: number): { Value: boolean; Confidence: number } => {
  const p = 1 / (1 + Math.exp(-(score - threshold) / spread));
  return { Value: p >= 0.5, Confidence: percent(Math.max(p, 1 - p)) };
};

export function boundingBox(face: Pick<FaceResult, 'box'>, width: number, height: number) {
  const [left, top, w, h] = face.box;
  return { Width: w / width, Height: h / height, Left: left / width, Top: top / height };
}

export function emotionsOf(face: FaceResult): Emotion[] {
  const scores = new Map<string, number>();
  for (const e of face.emotion ?? []) scores.set(EMOTIONS[e.emotion]!, e.score);
  return Object.values(EMOTIONS)
    .map((Type) => ({ Type, Confidence: percent(scores.get(Type) ?? 0) }))
    .sort((a, b) => b.Confidence - a.Confidence);
}

/** Which attributes a DetectFaces request asked for (DEFAULT always, ALL for everything). */
export function wantedAttributes(attributes: readonly string[]): (name: string) => boolean {
  const all = attributes.includes('ALL');
  const asked = new Set<string>(attributes as readonly `${Attribute}`[]);
  return (name) => all || DEFAULT_ATTRIBUTES.has(name) || asked.has(name);
}

export function faceDetail(face: FaceResult, pixels: Pixels, attributes: readonly string[]): FaceDetail {
  const wants = wantedAttributes(attributes);
  const [left, top, w, h] = face.box;
  const detail: FaceDetail = {
    BoundingBox: boundingBox(face, pixels.width, pixels.height),
    Confidence: percent(face.score),
    Landmarks: landmarksFromMesh(face.mesh, pixels.width, pixels.height),
    Pose: {
      Roll: degrees(face.rotation?.angle.roll ?? 0),
      Yaw: degrees(face.rotation?.angle.yaw ?? 0),
      Pitch: degrees(face.rotation?.angle.pitch ?? 0),
    },
    Quality: regionQuality(pixels, { left, top, width: w, height: h }),
  };
  if (wants('AGE_RANGE') && face.age !== undefined) {
    detail.AgeRange = { Low: Math.max(0, Math.floor(face.age - AGE_MARGIN)), High: Math.ceil(face.age + AGE_MARGIN) };
  }
  if (wants('GENDER') && (face.gender === 'male' || face.gender === 'female')) {
    detail.Gender = { Value: face.gender === 'male' ? 'Male' : 'Female', Confidence: percent(face.genderScore ?? 0) };
  }
  const emotions = emotionsOf(face);
  if (wants('EMOTIONS')) detail.Emotions = emotions;
  if (wants('SMILE')) detail.Smile = binary((emotions.find((e) => e.Type === 'HAPPY')?.Confidence ?? 0) / 100, 0.5, 0.08);
  const eyes = eyeOpenness(face.mesh);
  if (wants('EYES_OPEN') && eyes !== undefined) detail.EyesOpen = binary(eyes, EYES_OPEN_RATIO, 0.03);
  const mouth = mouthOpenness(face.mesh);
  if (wants('MOUTH_OPEN') && mouth !== undefined) detail.MouthOpen = binary(mouth, MOUTH_OPEN_RATIO, 0.03);
  return detail;
}

/** The face shape RecognizeCelebrities answers with (five landmarks, no age or gender). */
export function comparedFace(face: FaceResult, pixels: Pixels): ComparedFace {
  const detail = faceDetail(face, pixels, ['EMOTIONS', 'SMILE']);
  return {
    BoundingBox: detail.BoundingBox,
    Confidence: detail.Confidence,
    Landmarks: detail.Landmarks?.filter((l) => CELEBRITY_LANDMARKS.has(l.Type!)),
    Pose: detail.Pose,
    Quality: detail.Quality,
    Emotions: detail.Emotions,
    Smile: detail.Smile,
  };
}
