/**
 * Tesseract's page layout as Rekognition TextDetections: LINE entries first,
 * then WORD entries whose `ParentId` is their line's `Id`; geometry as ratios
 * of the image with a four-point polygon; at most 100 words, as Rekognition.
 * Words that are only noise (low confidence, no letter or digit) are dropped:
 * tesseract reads texture in photos as stray characters. Pure.
 */
import type { Geometry, TextDetection } from '@aws-sdk/client-rekognition';
import type { Bbox, Page } from 'tesseract.js';

export const MAX_WORDS = 100;
/** Words under this tesseract confidence are dropped. */
export const MIN_WORD_CONFIDENCE = 60;

function geometry(box: Bbox, width: number, height: number): Geometry {
  const [left, top, right, bottom] = [box.x0 / width, box.y0 / height, box.x1 / width, box.y1 / height];
  return {
    BoundingBox: { Left: left, Top: top, Width: right - left, Height: bottom - top },
    Polygon: [
      { X: left, Y: top },
      { X: right, Y: top },
      { X: right, Y: bottom },
      { X: left, Y: bottom },
    ],
  };
}

const isNoise = (text: string, confidence: number): boolean => confidence < MIN_WORD_CONFIDENCE || !/[\p{L}\p{N}]/u.test(text);

export function toTextDetections(page: Pick<Page, 'blocks'>, width: number, height: number): TextDetection[] {
  const lines: TextDetection[] = [];
  const words: TextDetection[] = [];
  let nextId = 0;
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const kept = line.words.filter((w) => w.text.trim() !== '' && !isNoise(w.text, w.confidence)).slice(0, MAX_WORDS - words.length);
        if (kept.length === 0) continue;
        const lineId = nextId++;
        const box = {
          x0: Math.min(...kept.map((w) => w.bbox.x0)),
          y0: Math.min(...kept.map((w) => w.bbox.y0)),
          x1: Math.max(...kept.map((w) => w.bbox.x1)),
          y1: Math.max(...kept.map((w) => w.bbox.y1)),
        };
        lines.push({
          DetectedText: kept.map((w) => w.text.trim()).join(' '),
          Type: 'LINE',
          Id: lineId,
          Confidence: kept.reduce((s, w) => s + w.confidence, 0) / kept.length,
          Geometry: geometry(box, width, height),
        });
        for (const w of kept) {
          words.push({
            DetectedText: w.text.trim(),
            Type: 'WORD',
            Id: 0,
            ParentId: lineId,
            Confidence: w.confidence,
            Geometry: geometry(w.bbox, width, height),
          });
        }
        if (words.length >= MAX_WORDS) break;
      }
    }
  }
  // Word ids follow the line ids, in reading order.
  words.forEach((w, i) => (w.Id = lines.length + i));
  return [...lines, ...words];
}
