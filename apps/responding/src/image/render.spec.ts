import { GlobalFonts } from '@napi-rs/canvas';
import { countChanged, countPixels, pixelsOf, syntheticPhoto } from '../__testing__/images';
import { FontNotFoundError, UnsupportedImageError } from '../errors';
import type { FaceMark } from './layout';
import { LABEL_FONT_FAMILY, annotate, labelFontCandidates, loadLabelFont } from './render';

const yellow = (r: number, g: number, b: number) => r > 200 && g > 170 && b < 90;
const white = (r: number, g: number, b: number) => r > 220 && g > 220 && b > 220;
const ink = (r: number, g: number, b: number) => r < 70 && g < 70 && b < 70;

const celebrityAt = (label: string): FaceMark => ({ kind: 'CELEBRITY', label, rect: { x: 300, y: 200, width: 120, height: 150 } });
const stranger: FaceMark = { kind: 'FACE', rect: { x: 600, y: 250, width: 100, height: 120 } };
// Where the label of `celebrityAt` goes: just above the box, from its left edge.
const labelArea = { x: 300, y: 168, width: 150, height: 30 };

describe('label font', () => {
  // First in the file: once the font is registered the process keeps it.
  it('fails clearly when the font file is nowhere to be found', () => {
    expect(() => loadLabelFont(['/nowhere/DejaVuSans-Bold.ttf'])).toThrow(FontNotFoundError);
    expect(() => loadLabelFont(['/nowhere/DejaVuSans-Bold.ttf'])).toThrow(/nowhere/);
  });

  it('is loaded from a file under our own family name, never left to system fonts', () => {
    expect(labelFontCandidates({ LABEL_FONT_PATH: '/opt/fonts/x.ttf' })[0]).toBe('/opt/fonts/x.ttf');
    expect(labelFontCandidates({}).some((p) => p.endsWith('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))).toBe(true);
    expect(loadLabelFont()).toBe(LABEL_FONT_FAMILY);
    expect(GlobalFonts.families.map((f) => f.family)).toContain(LABEL_FONT_FAMILY);
  });
});

describe('annotate', () => {
  let source: Buffer;
  beforeAll(async () => {
    source = await syntheticPhoto(800, 600);
  });

  it('draws an accented name on a label above the celebrity, in dark text on yellow', async () => {
    const result = await annotate(source, 'k', () => [celebrityAt('Zoë Saldaña'), stranger]);
    expect(result.contentType).toBe('image/png');
    expect(result.size).toEqual({ width: 800, height: 600 });
    const before = await pixelsOf(source);
    const after = await pixelsOf(result.bytes);
    expect(after.width).toBe(800);
    expect(countChanged(before, after, labelArea)).toBeGreaterThan(2000);
    expect(countPixels(after, labelArea, yellow)).toBeGreaterThan(1000);
    // Glyphs: without a usable font Skia draws the yellow label and no text at all.
    expect(countPixels(after, labelArea, ink)).toBeGreaterThan(150);
  });

  it('renders the accents themselves (not the same pixels as the unaccented name)', async () => {
    const accented = await pixelsOf((await annotate(source, 'k', () => [celebrityAt('Penélope Cruz')])).bytes);
    const plain = await pixelsOf((await annotate(source, 'k', () => [celebrityAt('Penelope Cruz')])).bytes);
    expect(countChanged(accented, plain, labelArea, 60)).toBeGreaterThan(10);
  });

  it('boxes the celebrity in yellow and the unrecognised face in white', async () => {
    const after = await pixelsOf((await annotate(source, 'k', () => [celebrityAt('Keanu Reeves'), stranger])).bytes);
    expect(countPixels(after, { x: 300, y: 201, width: 120, height: 2 }, yellow)).toBeGreaterThan(150);
    expect(countPixels(after, { x: 600, y: 250, width: 3, height: 120 }, white)).toBeGreaterThan(100);
    // Inside the faces nothing is painted over.
    expect(countPixels(after, { x: 330, y: 240, width: 60, height: 60 }, yellow)).toBe(0);
  });

  it('scales a large photo down to 2048 pixels on its longest side', async () => {
    const big = await syntheticPhoto(3000, 2000);
    const result = await annotate(big, 'k', (size) => [{ kind: 'FACE', rect: { x: 10, y: 10, width: size.width / 4, height: size.height / 4 } }]);
    expect(result.size).toEqual({ width: 2048, height: 1365 });
    expect((await pixelsOf(result.bytes)).width).toBe(2048);
  });

  it('refuses bytes that are not an image', async () => {
    await expect(annotate(Buffer.from('not an image at all'), 'images/x/0.jpg', () => [])).rejects.toThrow(UnsupportedImageError);
  });
});
