import type { FaceResult } from '@vladmandic/human';
import { mergeFaces, placeFace, tilesFor, TILE, TILING_THRESHOLD } from './tiles';

const face = (box: [number, number, number, number], score = 0.9): FaceResult =>
  ({ id: 0, score, box, boxRaw: [0, 0, 0, 0], mesh: [[box[0], box[1], 0]], annotations: { nose: [[box[0], box[1]]] } }) as unknown as FaceResult;

describe('face tiles', () => {
  it('searches small, squarish images whole and covers large ones with overlapping tiles', () => {
    expect(tilesFor(TILING_THRESHOLD, 600)).toEqual([]);
    expect(tilesFor(700, 600)).toEqual([]);
    const tiles = tilesFor(1920, 954);
    for (const t of tiles) {
      expect(t.x + t.width).toBeLessThanOrEqual(1920);
      expect(t.y + t.height).toBeLessThanOrEqual(954);
    }
    for (const [x, y] of [[0, 0], [1919, 953], [960, 477], [1500, 100]] as const) {
      expect(tiles.some((t) => x >= t.x && x < t.x + t.width && y >= t.y && y < t.y + t.height)).toBe(true);
    }
    expect(tiles.every((t) => t.width === TILE && t.height === TILE)).toBe(true);
  });

  it('covers a wide banner with square tiles of its height', () => {
    const tiles = tilesFor(640, 224);
    expect(tiles.length).toBeGreaterThanOrEqual(3);
    expect(tiles.every((t) => t.width === 224 && t.height === 224 && t.y === 0)).toBe(true);
    expect(tiles.at(-1)!.x + 224).toBe(640);
  });

  it('moves a tile face into image coordinates and drops faces cut by an inner tile edge', () => {
    const tile = { x: 384, y: 0, width: 512, height: 512 };
    const placed = placeFace(face([100, 50, 80, 80]), tile, 1920, 954)!;
    expect(placed.box).toEqual([484, 50, 80, 80]);
    expect(placed.mesh[0]).toEqual([484, 50, 0]);
    expect(placed.annotations.nose[0]).toEqual([484, 50, undefined]);
    expect(placeFace(face([0, 50, 80, 80]), tile, 1920, 954)).toBeUndefined();
    expect(placeFace(face([0, 0, 80, 80]), { ...tile, x: 0 }, 1920, 954)).toBeDefined();
  });

  it('keeps one detection per face, the most confident', () => {
    const merged = mergeFaces([face([100, 100, 80, 80], 0.7), face([104, 102, 80, 80], 0.95), face([400, 100, 80, 80], 0.8)]);
    expect(merged.map((f) => [f.box[0], f.score])).toEqual([
      [104, 0.95],
      [400, 0.8],
    ]);
  });
});
