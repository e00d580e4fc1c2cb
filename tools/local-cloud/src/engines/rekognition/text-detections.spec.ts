import type { Page } from 'tesseract.js';
import { MAX_WORDS, toTextDetections } from './text-detections';

const word = (text: string, x0: number, confidence = 95) => ({ text, confidence, bbox: { x0, y0: 10, x1: x0 + 40, y1: 30 } });
const page = (lines: Array<Array<ReturnType<typeof word>>>) =>
  ({ blocks: [{ paragraphs: [{ lines: lines.map((words) => ({ words })) }] }] }) as unknown as Page;

describe('toTextDetections', () => {
  it('lists lines, then words whose ParentId is their line, with geometry as ratios', () => {
    const detections = toTextDetections(page([[word('HELLO', 0), word('WORLD', 50)], [word('again', 0)]]), 200, 100);
    expect(detections.map((d) => [d.Type, d.Id, d.ParentId, d.DetectedText])).toEqual([
      ['LINE', 0, undefined, 'HELLO WORLD'],
      ['LINE', 1, undefined, 'again'],
      ['WORD', 2, 0, 'HELLO'],
      ['WORD', 3, 0, 'WORLD'],
      ['WORD', 4, 1, 'again'],
    ]);
    const near = (n: number) => expect.closeTo(n, 9);
    expect(detections[0]!.Geometry).toEqual({
      BoundingBox: { Left: near(0), Top: near(0.1), Width: near(0.45), Height: near(0.2) },
      Polygon: [
        { X: near(0), Y: near(0.1) },
        { X: near(0.45), Y: near(0.1) },
        { X: near(0.45), Y: near(0.3) },
        { X: near(0), Y: near(0.3) },
      ],
    });
  });

  it('drops noise and keeps at most 100 words', () => {
    const noisy = toTextDetections(page([[word('|', 0, 99), word('ok', 50, 30), word('fine', 100)]]), 200, 100);
    expect(noisy.filter((d) => d.Type === 'WORD').map((d) => d.DetectedText)).toEqual(['fine']);
    const many = toTextDetections(page(Array.from({ length: 30 }, () => [word('a', 0), word('b', 50), word('c', 100), word('d', 150)])), 200, 100);
    expect(many.filter((d) => d.Type === 'WORD')).toHaveLength(MAX_WORDS);
    expect(many.filter((d) => d.Type === 'LINE')).toHaveLength(25);
  });
});
