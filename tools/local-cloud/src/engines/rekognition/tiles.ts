/**
 * Small faces in large or elongated photos: the face detector sees the image
 * squeezed to 256 × 256 px, so a 100 px face in a 2,000 px photo, or in a wide
 * banner, shrinks or stretches beyond what it can find. Such images are also
 * searched tile by tile, in overlapping square tiles (512 px, or the image's
 * short side when that is smaller); faces from the whole image and from the
 * tiles are merged, and a face cut by a tile's inner edge is dropped (an
 * overlapping tile or the whole image holds it entirely). Pure.
 */
import type { FaceResult, Point } from '@vladmandic/human';

export const TILE = 512;
/** Neighbouring tiles share a quarter of their side. */
const OVERLAP_SHARE = 0.25;
/** Images whose long side is at most this many tile sides are searched whole only. */
const TILING_RATIO = 1.5;
export const TILING_THRESHOLD = TILING_RATIO * TILE;
/** Two detections overlapping more than this (intersection over union) are the same face. */
const SAME_FACE_IOU = 0.3;
const EDGE = 2;

export interface Tile {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function starts(length: number, side: number): number[] {
  if (length <= side) return [0];
  const out: number[] = [];
  const step = Math.round(side * (1 - OVERLAP_SHARE));
  for (let s = 0; s + side < length; s += step) out.push(s);
  out.push(length - side);
  return out;
}

export function tilesFor(width: number, height: number): Tile[] {
  const side = Math.min(TILE, width, height);
  if (Math.max(width, height) <= TILING_RATIO * side) return [];
  return starts(height, side).flatMap((y) => starts(width, side).map((x) => ({ x, y, width: side, height: side })));
}

/** A tile's face in whole-image coordinates, or undefined when the tile's inner edge cuts it. */
export function placeFace(face: FaceResult, tile: Tile, imageWidth: number, imageHeight: number): FaceResult | undefined {
  const [x, y, w, h] = face.box;
  const cutLeft = x <= EDGE && tile.x > 0;
  const cutTop = y <= EDGE && tile.y > 0;
  const cutRight = x + w >= tile.width - EDGE && tile.x + tile.width < imageWidth;
  const cutBottom = y + h >= tile.height - EDGE && tile.y + tile.height < imageHeight;
  if (cutLeft || cutTop || cutRight || cutBottom) return undefined;
  const shift = (p: Point): Point => [p[0] + tile.x, p[1] + tile.y, p[2]];
  return {
    ...face,
    box: [x + tile.x, y + tile.y, w, h],
    boxRaw: [(x + tile.x) / imageWidth, (y + tile.y) / imageHeight, w / imageWidth, h / imageHeight],
    mesh: face.mesh.map(shift),
    annotations: Object.fromEntries(Object.entries(face.annotations).map(([k, points]) => [k, points.map(shift)])) as FaceResult['annotations'],
  };
}

const iou = (a: FaceResult['box'], b: FaceResult['box']): number => {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
};

/** One detection per face: the most confident, then the largest, wins. */
export function mergeFaces(faces: readonly FaceResult[]): FaceResult[] {
  const ranked = [...faces].sort((a, b) => b.score - a.score || b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  const kept: FaceResult[] = [];
  for (const face of ranked) if (kept.every((k) => iou(k.box, face.box) <= SAME_FACE_IOU)) kept.push(face);
  return kept.map((face, id) => ({ ...face, id }));
}
