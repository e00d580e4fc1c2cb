import { sniffImageType } from './image-type';
import { JPEG, PNG } from './__testing__/media-server';

describe('sniffImageType', () => {
  it('recognises JPEG and PNG by their first bytes', () => {
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(PNG)).toBe('image/png');
  });

  it.each([
    ['GIF', Buffer.from('GIF89a', 'latin1')],
    ['WebP', Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1')],
    ['HTML', Buffer.from('<!doctype html>')],
    ['a truncated PNG signature', PNG.subarray(0, 7)],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeUndefined();
  });
});
