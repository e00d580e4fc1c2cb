import { createCanvas } from '@napi-rs/canvas';
import { readDimensions, sniffFormat } from './format';
import { checkImage, MAX_BYTES } from './validate';

const render = (width: number, height: number, mime: 'image/png' | 'image/jpeg'): Uint8Array => {
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').fillRect(0, 0, width, height);
  return new Uint8Array(mime === 'image/png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg'));
};

const errorOf = (work: () => unknown): Error => {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('image checks', () => {
  it('recognises JPEG and PNG by their bytes and reads their size from the header', () => {
    const png = render(320, 200, 'image/png');
    const jpeg = render(640, 480, 'image/jpeg');
    expect(sniffFormat(png)).toBe('png');
    expect(sniffFormat(jpeg)).toBe('jpeg');
    expect(readDimensions(png, 'png')).toEqual({ width: 320, height: 200 });
    expect(readDimensions(jpeg, 'jpeg')).toEqual({ width: 640, height: 480 });
  });

  it('rejects other formats with InvalidImageFormatException, whatever the name says', () => {
    const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
    expect(errorOf(() => checkImage({ bytes: gif, source: 'bytes' })).name).toBe('InvalidImageFormatException');
    const truncated = render(100, 100, 'image/png').subarray(0, 12);
    expect(errorOf(() => checkImage({ bytes: truncated, source: 'bytes' })).name).toBe('InvalidImageFormatException');
  });

  it('rejects images under 80 px on a side with InvalidParameterException', () => {
    const error = errorOf(() => checkImage({ bytes: render(79, 200, 'image/jpeg'), source: 'bytes' }));
    expect(error.name).toBe('InvalidParameterException');
    expect(checkImage({ bytes: render(80, 80, 'image/jpeg'), source: 'bytes' })).toMatchObject({ width: 80, height: 80 });
  });

  it('allows 5 MB as bytes and 15 MB from S3', () => {
    const oversized = new Uint8Array(MAX_BYTES.bytes + 1);
    oversized.set(render(100, 100, 'image/png'));
    expect(errorOf(() => checkImage({ bytes: oversized, source: 'bytes' })).name).toBe('ImageTooLargeException');
    expect(checkImage({ bytes: oversized, source: 's3' })).toMatchObject({ format: 'png', width: 100 });
    const tooLargeForS3 = new Uint8Array(MAX_BYTES.s3 + 1);
    tooLargeForS3.set(render(100, 100, 'image/png'));
    expect(errorOf(() => checkImage({ bytes: tooLargeForS3, source: 's3' })).name).toBe('ImageTooLargeException');
  });

  it('enforces an operation maximum such as DetectLabels 10,000 px', () => {
    const header = render(100, 100, 'image/png');
    const view = new DataView(header.buffer, header.byteOffset);
    view.setUint32(16, 10_001);
    expect(errorOf(() => checkImage({ bytes: header, source: 'bytes' }, { maxSide: 10_000 })).name).toBe('InvalidParameterException');
  });
});
