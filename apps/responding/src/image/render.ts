import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GlobalFonts, createCanvas, loadImage, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import { FontNotFoundError, UnsupportedImageError } from '../errors';
import { MAX_ATTACHMENT_BYTES, type ImageType } from './format';
import { fitWithin, fontSizeFor, placeLabel, strokeWidthFor, type FaceMark, type Size } from './layout';

/** The font file the build copies next to the handler (`fonts/`), from the `dejavu-fonts-ttf` package. */
export const LABEL_FONT_FILE = 'DejaVuSans-Bold.ttf';
/** The family name the font is registered under: ours alone, so no system font can stand in for it. */
export const LABEL_FONT_FAMILY = 'SMA Label';

const CELEBRITY_COLOUR = '#FFD400';
const FACE_COLOUR = '#FFFFFF';
const LABEL_TEXT_COLOUR = '#111111';

let fontLoaded = false;

/**
 * Where the label font may be: `LABEL_FONT_PATH` if set, `fonts/` beside the
 * running bundle (the Lambda asset), else the npm package (tests, local runs).
 */
export function labelFontCandidates(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const candidates = [env['LABEL_FONT_PATH'], join(__dirname, 'fonts', LABEL_FONT_FILE)];
  try {
    candidates.push(require.resolve(`dejavu-fonts-ttf/ttf/${LABEL_FONT_FILE}`));
  } catch {
    // Not installed: the bundled copy is the only one (as in the Lambda asset).
  }
  return candidates.filter((c): c is string => Boolean(c));
}

/**
 * Registers the label font once per process. Lambda's image has no system
 * fonts, and without one Skia draws the boxes but no text at all, so the font
 * is loaded explicitly from a file we ship.
 */
export function loadLabelFont(candidates: readonly string[] = labelFontCandidates()): string {
  if (fontLoaded) return LABEL_FONT_FAMILY;
  const path = candidates.find((c) => existsSync(c));
  if (!path || !GlobalFonts.registerFromPath(path, LABEL_FONT_FAMILY)) throw new FontNotFoundError(candidates);
  fontLoaded = true;
  return LABEL_FONT_FAMILY;
}

export interface AnnotatedImage {
  readonly bytes: Buffer;
  readonly contentType: ImageType;
  readonly size: Size;
}

async function decode(bytes: Uint8Array, key: string): Promise<Image> {
  try {
    return await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new UnsupportedImageError(key, `it cannot be decoded (${(error as Error).message})`, { cause: error });
  }
}

function drawLabel(ctx: SKRSContext2D, mark: FaceMark, size: Size, fontSize: number): void {
  if (!mark.label) return;
  let px = fontSize;
  ctx.font = `bold ${px}px "${LABEL_FONT_FAMILY}"`;
  // A long name on a narrow image gets a smaller font rather than running off the edge.
  while (px > 8 && ctx.measureText(mark.label).width + px > size.width) {
    px -= 1;
    ctx.font = `bold ${px}px "${LABEL_FONT_FAMILY}"`;
  }
  const padding = Math.round(px * 0.3);
  const textWidth = Math.ceil(ctx.measureText(mark.label).width);
  const box = placeLabel(mark.rect, { width: textWidth + padding * 2, height: px + padding * 2 }, size);
  ctx.fillStyle = CELEBRITY_COLOUR;
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.fillStyle = LABEL_TEXT_COLOUR;
  ctx.textBaseline = 'top';
  ctx.fillText(mark.label, box.x + padding, box.y + padding, box.width - padding * 2);
}

/**
 * Draws a box at every face, with the celebrity's name on a label at each
 * recognised one, onto a copy of the image scaled to at most 2048 pixels.
 * The result is a PNG, or a JPEG when the PNG would be over X's 5 MB limit.
 * `marksFor` is given the output size and returns the marks in its pixels.
 */
export async function annotate(source: Uint8Array, key: string, marksFor: (size: Size) => FaceMark[]): Promise<AnnotatedImage> {
  loadLabelFont();
  const image = await decode(source, key);
  if (image.width < 1 || image.height < 1) throw new UnsupportedImageError(key, 'it has no pixels');
  const size = fitWithin({ width: image.width, height: image.height });
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0, size.width, size.height);

  const marks = marksFor(size);
  const stroke = strokeWidthFor(size);
  ctx.lineWidth = stroke;
  for (const mark of marks) {
    ctx.strokeStyle = mark.kind === 'CELEBRITY' ? CELEBRITY_COLOUR : FACE_COLOUR;
    ctx.setLineDash(mark.kind === 'CELEBRITY' ? [] : [stroke * 3, stroke * 2]);
    // Inset by half the line width so the whole line stays on the face's pixels.
    const half = stroke / 2;
    ctx.strokeRect(mark.rect.x + half, mark.rect.y + half, Math.max(1, mark.rect.width - stroke), Math.max(1, mark.rect.height - stroke));
  }
  ctx.setLineDash([]);
  const fontSize = fontSizeFor(size);
  for (const mark of marks) drawLabel(ctx, mark, size, fontSize);

  const png = await canvas.encode('png');
  if (png.byteLength <= MAX_ATTACHMENT_BYTES) return { bytes: png, contentType: 'image/png', size };
  return { bytes: await canvas.encode('jpeg', 90), contentType: 'image/jpeg', size };
}
