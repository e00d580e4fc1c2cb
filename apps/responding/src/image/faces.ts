import type { MessageAnalysed } from '@sma/contracts';
import { toPixels, type FaceMark, type Size } from './layout';

type AnalysedImage = MessageAnalysed['Analysis']['Images'][number];

/** Names in a caption before the rest are counted as "more faces". */
export const MAX_NAMED = 3;

/**
 * The image to answer with: the one with the most recognised celebrities
 * (the earliest on a tie), with its position in the message; `undefined` when
 * no image has one.
 */
export function imageToAnnotate(message: MessageAnalysed): { index: number; image: AnalysedImage } | undefined {
  let best: { index: number; image: AnalysedImage } | undefined;
  message.Analysis.Images.forEach((image, index) => {
    if (image.CelebrityFaces.length > (best?.image.CelebrityFaces.length ?? 0)) best = { index, image };
  });
  return best;
}

/** The marks to draw on an image of `size`: celebrities with their names, then the unrecognised faces. */
export function faceMarks(image: AnalysedImage, size: Size): FaceMark[] {
  const marks: FaceMark[] = [];
  for (const celebrity of image.CelebrityFaces) {
    const rect = toPixels(celebrity.Face.BoundingBox, size);
    if (rect) marks.push({ kind: 'CELEBRITY', rect, label: celebrity.Name });
  }
  for (const face of image.UnrecognizedFaces) {
    const rect = toPixels(face.BoundingBox, size);
    if (rect) marks.push({ kind: 'FACE', rect });
  }
  return marks;
}

/** `A`, `A and B`, `A, B and C`. */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The reply's text: "I spotted Keanu Reeves and 1 more face". Up to
 * `MAX_NAMED` distinct names; every other face (unrecognised, or beyond the
 * named ones) is counted.
 */
export function captionFor(image: AnalysedImage): string {
  const distinct = [...new Set(image.CelebrityFaces.map((c) => c.Name.trim()).filter(Boolean))];
  const named = distinct.slice(0, MAX_NAMED);
  // Each name accounts for one face; a second face matched to the same name is another face.
  const others = image.CelebrityFaces.length - named.length + image.UnrecognizedFaces.length;
  if (named.length === 0) return others === 1 ? 'I spotted a face' : `I spotted ${others} faces`;
  if (others === 0) return `I spotted ${joinNames(named)}`;
  return `I spotted ${named.join(', ')} and ${others} more ${others === 1 ? 'face' : 'faces'}`;
}
