import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGallery, matchFace } from './gallery';

const cosine = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('known-faces gallery', () => {
  const root = mkdtempSync(join(tmpdir(), 'gallery-'));
  const galleryDir = join(root, 'gallery');
  mkdirSync(join(galleryDir, 'ada'), { recursive: true });
  writeFileSync(join(galleryDir, 'ada', 'one.jpg'), 'ada-photo');
  writeFileSync(join(galleryDir, 'ada', 'notes.txt'), 'not a photo');
  writeFileSync(join(galleryDir, 'gallery.json'), JSON.stringify({ people: [{ id: 'ada', name: 'Ada Lovelace', urls: ['example.com/ada'] }] }));
  const cacheFile = join(root, 'data', 'rekognition', 'gallery-embeddings.json');

  it('embeds each photo once and reuses the cached embedding on the next start', async () => {
    const embed = jest.fn(async () => [1, 0]);
    const first = await loadGallery({ galleryDir, cacheFile, embed });
    const second = await loadGallery({ galleryDir, cacheFile, embed });
    expect(embed).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    expect(first).toEqual([{ id: 'ada', name: 'Ada Lovelace', urls: ['example.com/ada'], photo: 'ada/one.jpg', embedding: [1, 0] }]);
  });

  it('fails clearly when a reference photo has no face', async () => {
    await expect(loadGallery({ galleryDir, cacheFile: join(root, 'other.json'), embed: async () => undefined })).rejects.toThrow('no face found');
  });

  it('matches the most similar person at or above the threshold only', () => {
    const gallery = [
      { id: 'a', name: 'A', urls: [], photo: 'a/1.jpg', embedding: [1, 0] },
      { id: 'b', name: 'B', urls: [], photo: 'b/1.jpg', embedding: [0.6, 0.8] },
    ];
    expect(matchFace([0.9, 0.1], gallery, cosine, 0.5)?.person.id).toBe('a');
    expect(matchFace([0.1, 0.9], gallery, cosine, 0.5)?.person.id).toBe('b');
    expect(matchFace([0, 1], gallery, cosine, 0.9)).toBeUndefined();
  });
});
