/**
 * The known-faces gallery behind the local RecognizeCelebrities: a folder with
 * one sub-folder of reference photos per person and a `gallery.json` naming
 * them (see tools/local-cloud/gallery/README.md). Each photo's face embedding
 * is computed once and cached in the data directory, keyed by the photo's
 * SHA-256 and the embedding model, so a restart costs no detection.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InternalServerException } from '../errors';

export interface GalleryPerson {
  readonly id: string;
  readonly name: string;
  readonly urls: readonly string[];
}

export interface GalleryEntry extends GalleryPerson {
  readonly photo: string;
  readonly embedding: readonly number[];
}

export interface GalleryMatch {
  readonly person: GalleryPerson;
  /** Similarity of the best reference photo, 0..1. */
  readonly similarity: number;
}

/** Computes the embedding of the single face in a photo (undefined when there is no face). */
export type EmbedFace = (photo: Uint8Array) => Promise<readonly number[] | undefined>;
export type Similarity = (a: readonly number[], b: readonly number[]) => number;

/** The embedding model the cache entries belong to: a new model invalidates them. */
export const EMBEDDING_MODEL = 'human-faceres-1024';
const PHOTO = /\.(?:jpe?g|png)$/i;

type Cache = Record<string, readonly number[]>;

export async function loadGallery(options: { galleryDir: string; cacheFile: string; embed: EmbedFace }): Promise<GalleryEntry[]> {
  const manifestPath = join(options.galleryDir, 'gallery.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { people?: GalleryPerson[] };
  const cache: Cache = existsSync(options.cacheFile) ? (JSON.parse(await readFile(options.cacheFile, 'utf8')) as Cache) : {};
  let cacheChanged = false;
  const entries: GalleryEntry[] = [];
  for (const person of manifest.people ?? []) {
    const folder = join(options.galleryDir, person.id);
    if (!existsSync(folder)) throw new InternalServerException(`gallery.json lists ${person.id} but ${folder} does not exist`);
    for (const file of (await readdir(folder)).filter((f) => PHOTO.test(f)).sort()) {
      const photo = await readFile(join(folder, file));
      const key = `${EMBEDDING_MODEL}:${createHash('sha256').update(photo).digest('hex')}`;
      let embedding = cache[key];
      if (!embedding) {
        embedding = await options.embed(photo);
        if (!embedding) throw new InternalServerException(`no face found in the gallery photo ${person.id}/${file}`);
        cache[key] = embedding;
        cacheChanged = true;
      }
      entries.push({ id: person.id, name: person.name, urls: person.urls ?? [], photo: `${person.id}/${file}`, embedding });
    }
  }
  if (cacheChanged) {
    await mkdir(dirname(options.cacheFile), { recursive: true });
    await writeFile(options.cacheFile, JSON.stringify(cache));
  }
  return entries;
}

/** The most similar person at or above the threshold, if any. Pure. */
export function matchFace(
  embedding: readonly number[],
  gallery: readonly GalleryEntry[],
  similarity: Similarity,
  threshold: number,
): GalleryMatch | undefined {
  let best: GalleryMatch | undefined;
  for (const entry of gallery) {
    const s = similarity(embedding, entry.embedding);
    if (s >= threshold && (!best || s > best.similarity)) best = { person: { id: entry.id, name: entry.name, urls: entry.urls }, similarity: s };
  }
  return best;
}
