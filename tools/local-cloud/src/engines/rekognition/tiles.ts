/**
 * Small faces in large photos: the face detector sees the image scaled to
 * 256 px, so a 100 px face in a 2,000 px photo shrinks below what it can find.
 * Large images are therefore also searched tile by tile (overlapping tiles of
 * 512 px); faces from the whole image and from the tiles are merged, a face cut
 * by a tile's inner edge is dropped (an overlapping tile or the whole image
 * holds it entirely). Pure.
 */
import type { FaceResult, Point } from '@vladmandic/human';

export const TILE = 512;
export const OVERLAP = 128;
/** Images whose long side is at most this are searched whole only. */
export const TILING_THRESHOLD = 1.5 * TILE;
/** Two detections overlapping more than this (intersection over union) are the same face. */
const SAME_FACE_IOU = 0.3;
const EDGE = 2;

export interface Tile {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function starts(length: number): number[] {
  if (length <= TILE) return [0];
  const out: number[] = [];
  for (let s = 0; s + TILE < length; s += TILE - OVERLAP) out.push(s);
  out.push(length - TILE);
  return out;
}

export function tilesFor(width: number, height: number): Tile[] {
  if (Math.max(width, height) <= TILING_THRESHOLD) return [];
  return starts(height).flatMap((y) => starts(width).map((x) => ({ x, y, width: Math.min(TILE, width), height: Math.min(TILE, height) })));
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
