import type { BoundingBox } from '@sma/contracts';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A face to mark: a recognised celebrity (with a label) or an unrecognised face. */
export interface FaceMark {
  readonly kind: 'CELEBRITY' | 'FACE';
  readonly rect: Rect;
  readonly label?: string;
}

/** Annotated images are at most this many pixels on their longest side (X shows 4096; 2048 keeps PNGs small). */
export const MAX_OUTPUT_SIDE = 2048;

/** The output size: the input scaled down (never up) so its longest side is at most `maxSide`. */
export function fitWithin(size: Size, maxSide: number = MAX_OUTPUT_SIDE): Size {
  const scale = Math.min(1, maxSide / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * A Rekognition box (ratios of the image, which may overhang the edges) as
 * whole pixels inside an image of `size`; `undefined` when nothing of it is
 * inside the image.
 */
export function toPixels(box: BoundingBox, size: Size): Rect | undefined {
  const left = Math.max(0, Math.round(box.Left * size.width));
  const top = Math.max(0, Math.round(box.Top * size.height));
  const right = Math.min(size.width, Math.round((box.Left + box.Width) * size.width));
  const bottom = Math.min(size.height, Math.round((box.Top + box.Height) * size.height));
  if (right - left < 1 || bottom - top < 1) return undefined;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The line width of the boxes: visible on a thumbnail, not heavy on a poster. */
export function strokeWidthFor(size: Size): number {
  return Math.max(2, Math.round(Math.min(size.width, size.height) / 160));
}

/** The label font size in pixels, proportional to the image. */
export function fontSizeFor(size: Size): number {
  return Math.max(12, Math.round(Math.min(size.width, size.height) / 28));
}

/**
 * Where a label of `label` size goes for a box: just above it when it fits,
 * else just below it, else inside its top edge; always shifted to lie within
 * the image.
 */
export function placeLabel(box: Rect, label: Size, image: Size): Rect {
  let y: number;
  if (box.y - label.height >= 0) y = box.y - label.height;
  else if (box.y + box.height + label.height <= image.height) y = box.y + box.height;
  else y = box.y;
  const x = Math.min(Math.max(0, box.x), Math.max(0, image.width - label.width));
  return { x, y, width: Math.min(label.width, image.width), height: label.height };
}
