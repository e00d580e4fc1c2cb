import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Rect } from '../image/layout';

/**
 * A photo-like test image: a dark gradient with a few soft shapes, as JPEG or
 * PNG bytes. `grain` (0-255) adds deterministic per-pixel noise, which makes it
 * compress like a real photo rather than a drawing.
 */
export async function syntheticPhoto(width: number, height: number, type: 'jpeg' | 'png' = 'jpeg', grain = 0): Promise<Buffer> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#1d2b53');
  gradient.addColorStop(1, '#3b1d53');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#6b4f3f';
  for (let i = 0; i < 5; i++) {
    ctx.beginPath();
    ctx.ellipse(((i + 0.5) * width) / 5, height / 2, width / 14, height / 8, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  if (grain > 0) {
    const pixels = ctx.getImageData(0, 0, width, height);
    let seed = 42;
    for (let i = 0; i < pixels.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const delta = (seed % (grain * 2 + 1)) - grain;
      for (let c = 0; c < 3; c++) pixels.data[i + c] = Math.max(0, Math.min(255, pixels.data[i + c]! + delta));
    }
    ctx.putImageData(pixels, 0, 0);
  }
  return type === 'jpeg' ? canvas.encode('jpeg', 90) : canvas.encode('png');
}

/** The RGBA pixels of encoded image bytes. */
export async function pixelsOf(bytes: Uint8Array): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

/** How many pixels inside `rect` satisfy `test` (r, g, b). */
export function countPixels(
  image: { width: number; data: Uint8ClampedArray },
  rect: Rect,
  test: (r: number, g: number, b: number) => boolean,
): number {
  let n = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = (y * image.width + x) * 4;
      if (test(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!)) n++;
    }
  }
  return n;
}

/** How many pixels inside `rect` differ (by more than `tolerance` in any channel) between two images. */
export function countChanged(
  a: { width: number; data: Uint8ClampedArray },
  b: { width: number; data: Uint8ClampedArray },
  rect: Rect,
  tolerance = 24,
): number {
  let n = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const i = (y * a.width + x) * 4;
      if ([0, 1, 2].some((c) => Math.abs(a.data[i + c]! - b.data[i + c]!) > tolerance)) n++;
    }
  }
  return n;
}
