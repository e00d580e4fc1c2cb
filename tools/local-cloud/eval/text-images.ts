/**
 * Rendered text images for the DetectText evaluation: phrases of signs and
 * posts drawn with the DejaVu fonts (npm `dejavu-fonts-ttf`) at several sizes,
 * weights, colours and slight rotations, from a seeded generator so every run
 * draws the same images.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { join } from 'node:path';
import { packageDir } from '../src/engines/esm';

const PHRASES = [
  'OPEN 24 HOURS', 'Sale 50% off everything', 'No parking', 'Fresh coffee and cakes', 'Platform 4 for York',
  'Welcome to the museum', 'EXIT', 'Please keep the door closed', 'Free wifi inside', 'Closing down sale',
  'Happy Birthday Sarah', 'Best pizza in town', 'Mind the gap', 'Tickets from 12 pounds', 'Staff only',
  'Keep calm and carry on', 'Buy one get one free', 'Live music tonight', 'Fire assembly point', 'Road closed ahead',
  'Thank you for shopping with us', 'Order number 48213', 'Meeting room B', 'Call 0800 123 4567', 'Visit example.com today',
  'Summer festival 2024', 'Gate closes at 9pm', 'Dogs welcome', 'Caution wet floor', 'Bus stop',
  'Hand made in Bristol', 'Back in five minutes', 'Quiet please', 'Fish and chips', 'Lost cat answers to Tom',
  'Recycling only', 'Vote for change', 'Pharmacy open late', 'Delivery entrance at rear', 'Grand opening Saturday',
];
const FONTS = [
  { file: 'DejaVuSans.ttf', family: 'DejaVu Sans' },
  { file: 'DejaVuSerif.ttf', family: 'DejaVu Serif' },
  { file: 'DejaVuSansMono.ttf', family: 'DejaVu Sans Mono' },
  { file: 'DejaVuSans-Bold.ttf', family: 'DejaVu Sans Bold' },
];

export interface TextImage {
  readonly png: Uint8Array;
  readonly words: readonly string[];
  readonly description: string;
}

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function renderTextImages(seed = 8): TextImage[] {
  const fontDir = join(packageDir('dejavu-fonts-ttf'), 'ttf');
  for (const f of FONTS) GlobalFonts.registerFromPath(join(fontDir, f.file), f.family);
  const next = random(seed);
  return PHRASES.map((phrase, i) => {
    const font = FONTS[i % FONTS.length]!;
    const size = 18 + Math.floor(next() * 40);
    const dark = next() < 0.7;
    const angle = (next() - 0.5) * 8;
    const probe = createCanvas(10, 10).getContext('2d');
    probe.font = `${size}px "${font.family}"`;
    const width = Math.ceil(probe.measureText(phrase).width) + 2 * size;
    const height = Math.max(80, Math.ceil(size * 3));
    const canvas = createCanvas(Math.max(80, width), height);
    const context = canvas.getContext('2d');
    context.fillStyle = dark ? '#f4f1e8' : '#1d2b3a';
    context.fillRect(0, 0, canvas.width, height);
    context.translate(canvas.width / 2, height / 2);
    context.rotate((angle * Math.PI) / 180);
    context.fillStyle = dark ? '#111111' : '#ffffff';
    context.font = `${size}px "${font.family}"`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.fillText(phrase, 0, 0);
    return {
      png: new Uint8Array(canvas.toBuffer('image/png')),
      words: phrase.split(' '),
      description: `${font.family} ${size}px ${dark ? 'dark-on-light' : 'light-on-dark'} ${angle.toFixed(1)}°`,
    };
  });
}
