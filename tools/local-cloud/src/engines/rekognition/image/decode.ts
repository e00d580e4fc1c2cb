/**
 * Decodes a checked JPEG or PNG into RGB pixels with @napi-rs/canvas (no
 * system libraries, no network). A file whose header parsed but whose body is
 * corrupt answers InvalidImageFormatException, as Rekognition does.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { InvalidImageFormatException } from '../../errors';
import type { CheckedImage } from './validate';

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGB, row-major, 3 bytes per pixel. */
  readonly rgb: Uint8Array;
}

export async function decodeImage(image: CheckedImage): Promise<Pixels> {
  let decoded;
  try {
    decoded = await loadImage(Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength));
  } catch (error) {
    throw new InvalidImageFormatException('Request has unsupported image format', { cause: error });
  }
  const { width, height } = decoded;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.drawImage(decoded, 0, 0);
  const rgba = context.getImageData(0, 0, width, height).data;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return { width, height, rgb };
}

/** Mean luminance (0..100) and sharpness (0..100, from the mean absolute Laplacian) of a region given in pixels. */
export function regionQuality(pixels: Pixels, box: { left: number; top: number; width: number; height: number }): { Brightness: number; Sharpness: number } {
  const x0 = Math.max(0, Math.floor(box.left));
  const y0 = Math.max(0, Math.floor(box.top));
  const x1 = Math.min(pixels.width, Math.ceil(box.left + box.width));
  const y1 = Math.min(pixels.height, Math.ceil(box.top + box.height));
  const luma = (x: number, y: number): number => {
    const k = (y * pixels.width + x) * 3;
    return 0.299 * pixels.rgb[k]! + 0.587 * pixels.rgb[k + 1]! + 0.114 * pixels.rgb[k + 2]!;
  };
  let sum = 0;
  let laplacian = 0;
  let n = 0;
  let m = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const l = luma(x, y);
      sum += l;
      n++;
      if (x > x0 && x < x1 - 1 && y > y0 && y < y1 - 1) {
        laplacian += Math.abs(4 * l - luma(x - 1, y) - luma(x + 1, y) - luma(x, y - 1) - luma(x, y + 1));
        m++;
      }
    }
  }
  const brightness = n === 0 ? 0 : (sum / n / 255) * 100;
  // A mean absolute Laplacian of about 20 grey levels is a crisp photo; scale so that reads near 90.
  const sharpness = m === 0 ? 0 : Math.min(100, ((laplacian / m) / 22) * 100);
  return { Brightness: brightness, Sharpness: sharpness };
}
