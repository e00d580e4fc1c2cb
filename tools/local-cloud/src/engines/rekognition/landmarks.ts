/**
 * Rekognition's facial landmarks from the MediaPipe face mesh that
 * @vladmandic/human returns (468 points plus 10 iris points). Rekognition
 * names sides as they appear in the image (`eyeLeft` has the smaller X), so
 * each pair is assigned by position, not by the mesh's anatomical side. Pure.
 */
import type { Landmark, LandmarkType } from '@aws-sdk/client-rekognition';

type Point = readonly [number, number, number?];

/** Mesh indices for each landmark; pairs are [one side, other side] and sorted by X at run time. */
const PAIRS: ReadonlyArray<readonly [`${LandmarkType}`, `${LandmarkType}`, readonly number[], readonly number[]]> = [
  ['eyeLeft', 'eyeRight', [33, 133], [362, 263]],
  ['mouthLeft', 'mouthRight', [61], [291]],
  ['leftPupil', 'rightPupil', [468], [473]],
  ['noseLeft', 'noseRight', [98], [327]],
  ['leftEyeLeft', 'rightEyeRight', [33], [263]],
  ['leftEyeRight', 'rightEyeLeft', [133], [362]],
  ['leftEyeUp', 'rightEyeUp', [159], [386]],
  ['leftEyeDown', 'rightEyeDown', [145], [374]],
  ['leftEyeBrowLeft', 'rightEyeBrowRight', [70], [300]],
  ['leftEyeBrowRight', 'rightEyeBrowLeft', [107], [336]],
  ['leftEyeBrowUp', 'rightEyeBrowUp', [105], [334]],
  ['upperJawlineLeft', 'upperJawlineRight', [234], [454]],
  ['midJawlineLeft', 'midJawlineRight', [172], [397]],
];
const SINGLE: ReadonlyArray<readonly [`${LandmarkType}`, readonly number[]]> = [
  ['nose', [1]],
  ['mouthUp', [0]],
  ['mouthDown', [17]],
  ['chinBottom', [152]],
];

/** The five landmarks RecognizeCelebrities returns. */
export const CELEBRITY_LANDMARKS: ReadonlySet<string> = new Set(['eyeLeft', 'eyeRight', 'nose', 'mouthLeft', 'mouthRight']);

function centre(mesh: readonly Point[], indices: readonly number[]): [number, number] | undefined {
  const points = indices.map((i) => mesh[i]).filter((p): p is Point => p !== undefined);
  if (points.length === 0) return undefined;
  return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
}

/** Landmarks as ratios of the image's width and height. */
export function landmarksFromMesh(mesh: readonly Point[], width: number, height: number): Landmark[] {
  const landmarks: Landmark[] = [];
  const push = (Type: `${LandmarkType}`, p: [number, number]): void => {
    landmarks.push({ Type, X: p[0] / width, Y: p[1] / height });
  };
  for (const [leftName, rightName, a, b] of PAIRS) {
    const pa = centre(mesh, a);
    const pb = centre(mesh, b);
    if (!pa || !pb) continue;
    const [left, right] = pa[0] <= pb[0] ? [pa, pb] : [pb, pa];
    push(leftName, left);
    push(rightName, right);
  }
  for (const [name, indices] of SINGLE) {
    const p = centre(mesh, indices);
    if (p) push(name, p);
  }
  return landmarks;
}

/** Eye openness: mean ratio of eyelid gap to eye width (about 0.3 open, under 0.15 closed). */
export function eyeOpenness(mesh: readonly Point[]): number | undefined {
  const ratio = (top: number, bottom: number, a: number, b: number): number | undefined => {
    const [t, d, l, r] = [mesh[top], mesh[bottom], mesh[a], mesh[b]];
    if (!t || !d || !l || !r) return undefined;
    const width = Math.hypot(l[0] - r[0], l[1] - r[1]);
    return width === 0 ? undefined : Math.hypot(t[0] - d[0], t[1] - d[1]) / width;
  };
  const values = [ratio(159, 145, 33, 133), ratio(386, 374, 362, 263)].filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mouth openness: inner-lip gap over mouth width (about 0 closed, over 0.15 open). */
export function mouthOpenness(mesh: readonly Point[]): number | undefined {
  const [top, bottom, left, right] = [mesh[13], mesh[14], mesh[61], mesh[291]];
  if (!top || !bottom || !left || !right) return undefined;
  const width = Math.hypot(left[0] - right[0], left[1] - right[1]);
  return width === 0 ? undefined : Math.hypot(top[0] - bottom[0], top[1] - bottom[1]) / width;
}
