import type { MessageAnalysed } from '@sma/contracts';
import routing from '../routing/__fixtures__/responder-routing.json';
import { captionFor, faceMarks, imageToAnnotate } from './faces';
import { annotatedKeyFor, sniffImageType } from './format';
import { fitWithin, placeLabel, toPixels } from './layout';

type Image = MessageAnalysed['Analysis']['Images'][number];
const message = (name: string) => routing.cases.find((c) => c.name === name)!.event.detail as MessageAnalysed;
const base = message('tweet with a photo of a recognised celebrity').Analysis.Images[0]!;
const celebrity = (Name: string, Left = 0.1) => ({
  Name,
  MatchConfidence: 99,
  Face: { BoundingBox: { Width: 0.1, Height: 0.1, Left, Top: 0.2 }, Confidence: 99 },
});
const face = { BoundingBox: { Width: 0.1, Height: 0.1, Left: 0.7, Top: 0.2 }, Confidence: 98 };
const image = (celebrities: string[], unrecognised = 0): Image => ({
  ...base,
  CelebrityFaces: celebrities.map((n, i) => celebrity(n, i * 0.1)),
  UnrecognizedFaces: Array.from({ length: unrecognised }, () => face),
});

describe('captionFor', () => {
  it.each([
    [['Keanu Reeves'], 1, 'I spotted Keanu Reeves and 1 more face'],
    [['Keanu Reeves'], 0, 'I spotted Keanu Reeves'],
    [['Keanu Reeves'], 3, 'I spotted Keanu Reeves and 3 more faces'],
    [['Zoë Saldaña', 'Penélope Cruz'], 0, 'I spotted Zoë Saldaña and Penélope Cruz'],
    [['A', 'B', 'C'], 0, 'I spotted A, B and C'],
    [['A', 'B'], 2, 'I spotted A, B and 2 more faces'],
    [['A', 'B', 'C', 'D'], 0, 'I spotted A, B, C and 1 more face'],
    [['A', 'A'], 0, 'I spotted A and 1 more face'],
  ])('%j with %d unrecognised → %s', (names, unrecognised, expected) => {
    expect(captionFor(image(names, unrecognised))).toBe(expected);
  });
});

describe('imageToAnnotate', () => {
  it('picks the image with a celebrity, also when it is not the first', () => {
    expect(imageToAnnotate(message('two photos, the celebrity in the second'))?.index).toBe(1);
  });

  it('picks the image with the most celebrities', () => {
    const chosen = imageToAnnotate(message('two photos, celebrities in both'));
    expect(chosen?.index).toBe(1);
    expect(chosen?.image.CelebrityFaces.map((c) => c.Name)).toEqual(['Penélope Cruz', 'Zoë Saldaña']);
  });

  it('finds none where no image has a celebrity', () => {
    expect(imageToAnnotate(message('photo with faces but no recognised celebrity'))).toBeUndefined();
    expect(imageToAnnotate(message('tweet without a photo'))).toBeUndefined();
  });
});

describe('faceMarks and layout', () => {
  it('turns Rekognition ratios into pixels, celebrities first with their names', () => {
    const marks = faceMarks(base, { width: 1000, height: 500 });
    expect(marks).toEqual([
      { kind: 'CELEBRITY', label: 'Keanu Reeves', rect: { x: 198, y: 68, width: 85, height: 57 } },
      { kind: 'FACE', rect: { x: 600, y: 100, width: 70, height: 50 } },
    ]);
  });

  it('clips boxes that overhang the edges and drops boxes wholly outside', () => {
    expect(toPixels({ Left: -0.1, Top: 0.9, Width: 0.3, Height: 0.3 }, { width: 100, height: 100 })).toEqual({ x: 0, y: 90, width: 20, height: 10 });
    expect(toPixels({ Left: 1.2, Top: 0.1, Width: 0.1, Height: 0.1 }, { width: 100, height: 100 })).toBeUndefined();
  });

  it('scales big images down to 2048 pixels and never scales small ones up', () => {
    expect(fitWithin({ width: 4096, height: 3072 })).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });

  it('places a label above the box, else below, else inside, always within the image', () => {
    const image = { width: 200, height: 100 };
    const label = { width: 80, height: 20 };
    expect(placeLabel({ x: 10, y: 40, width: 30, height: 30 }, label, image)).toEqual({ x: 10, y: 20, width: 80, height: 20 });
    expect(placeLabel({ x: 10, y: 5, width: 30, height: 30 }, label, image)).toEqual({ x: 10, y: 35, width: 80, height: 20 });
    expect(placeLabel({ x: 10, y: 5, width: 30, height: 90 }, label, image)).toEqual({ x: 10, y: 5, width: 80, height: 20 });
    expect(placeLabel({ x: 180, y: 40, width: 20, height: 20 }, label, image).x).toBe(120);
  });
});

describe('image formats', () => {
  it('recognises JPEG and PNG from their first bytes only', () => {
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    expect(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('GIF89a....'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });

  it('keys an annotated image by message and image, so a replay overwrites it', () => {
    expect(annotatedKeyFor('TWITTER-1572570427880538999', 0, 'image/png')).toBe('annotated/TWITTER-1572570427880538999/0.png');
    expect(annotatedKeyFor('SLACK-Ev1', 2, 'image/jpeg')).toBe('annotated/SLACK-Ev1/2.jpg');
  });
});
