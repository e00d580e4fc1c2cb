import { deflateSync } from 'node:zlib';
import { imageInfo } from './images';
import { boundaryOf, parseMultipart } from './multipart';

describe('multipart/form-data', () => {
  it('splits parts with names, file names, types and binary data intact', () => {
    const binary = Buffer.from([0, 1, 2, 0x0d, 0x0a, 255]);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="segment_index"\r\n\r\n3\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="media"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'),
      binary,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    expect(boundaryOf('multipart/form-data; boundary=XyZ')).toBe('XyZ');
    expect(boundaryOf('multipart/form-data; boundary="XyZ"')).toBe('XyZ');
    expect(boundaryOf('application/json')).toBeUndefined();
    const parts = parseMultipart(body, 'XyZ');
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['segment_index', undefined, undefined],
      ['media', 'a.png', 'image/png'],
    ]);
    expect(parts[0]!.data.toString()).toBe('3');
    expect(parts[1]!.data).toEqual(binary);
  });

  it('refuses a body without its closing boundary', () => {
    expect(() => parseMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'), 'XyZ')).toThrow(/closing boundary/);
  });
});

describe('image sniffing', () => {
  it('reads type and size of PNG, GIF and JPEG, and refuses anything else', () => {
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(480, 20);
    expect(imageInfo(png)).toEqual({ type: 'image/png', width: 640, height: 480 });
    const gif = Buffer.from('GIF89a\x20\x03\x58\x02', 'latin1');
    expect(imageInfo(gif)).toEqual({ type: 'image/gif', width: 800, height: 600 });
    // SOI, an APP0 segment, then SOF0 with height 300 and width 400.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03, 0, 0, 0, 0, 0, 0]);
    expect(imageInfo(jpeg)).toEqual({ type: 'image/jpeg', width: 400, height: 300 });
    expect(imageInfo(deflateSync(Buffer.from('not an image')))).toBeUndefined();
    expect(imageInfo(Buffer.from('<svg/>'))).toBeUndefined();
  });
});
