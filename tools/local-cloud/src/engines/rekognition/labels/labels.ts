/**
 * DetectLabels' answer from the detector's objects and faces: one label per
 * class with its instances, every parent as a label of its own (with the
 * highest confidence among its children and no instances), Person/Face/Head
 * when faces were found, filtered by MinConfidence and cut to MaxLabels, most
 * confident first. Pure.
 */
import type { Label } from '@aws-sdk/client-rekognition';
import type { ObjectType } from '@vladmandic/human';
import { COCO_LABELS, FACE_LABELS, LABELS_BY_NAME, type LabelInfo } from './taxonomy';

export interface DetectedObject {
  readonly label: ObjectType;
  /** 0..1 */
  readonly score: number;
  /** Ratios of the image: left, top, width, height. */
  readonly box: readonly [number, number, number, number];
}

/** Rekognition's default MinConfidence for DetectLabels. */
export const DEFAULT_MIN_CONFIDENCE = 55;

const percent = (x: number): number => Math.round(Math.max(0, Math.min(1, x)) * 1e5) / 1e3;

export function buildLabels(
  objects: readonly DetectedObject[],
  faceScores: readonly number[],
  options: { maxLabels?: number; minConfidence?: number } = {},
): Label[] {
  const labels = new Map<string, Label & { info: LabelInfo }>();
  const add = (info: LabelInfo, confidence: number, instance?: DetectedObject): void => {
    const label = labels.get(info.name) ?? {
      info,
      Name: info.name,
      Confidence: 0,
      Instances: [],
      Parents: info.parents.map((Name) => ({ Name })),
      Aliases: [],
      Categories: [{ Name: info.category }],
    };
    label.Confidence = Math.max(label.Confidence!, confidence);
    if (instance) {
      const [Left, Top, Width, Height] = instance.box;
      label.Instances!.push({ BoundingBox: { Width, Height, Left, Top }, Confidence: confidence });
    }
    labels.set(info.name, label);
    for (const parent of info.parents) add(LABELS_BY_NAME.get(parent)!, confidence);
  };
  for (const object of objects) add(COCO_LABELS[object.label], percent(object.score), object);
  if (faceScores.length > 0) {
    const best = percent(Math.max(...faceScores));
    for (const info of FACE_LABELS) add(info, best);
  }
  const min = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  return [...labels.values()]
    .filter((l) => l.Confidence! >= min)
    .sort((a, b) => b.Confidence! - a.Confidence! || a.Name!.localeCompare(b.Name!))
    .slice(0, options.maxLabels ?? Number.POSITIVE_INFINITY)
    .map(({ info: _info, ...label }) => ({ ...label, Instances: label.Instances!.sort((a, b) => b.Confidence! - a.Confidence!) }));
}
