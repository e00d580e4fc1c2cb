import { createHash } from 'node:crypto';

/**
 * Where an object's files live under its bucket folder. Keys map to nested
 * folders (so the lake reads as `events/detail_type=X/dt=.../` on disk), each
 * segment percent-encoded outside `[A-Za-z0-9._=-]` (a leading `.` too, so no
 * segment is `.` or `..`); an empty segment (`a//b`) is `%`. The object's own
 * files end in `@`, which encoding never produces, so key `a` (files `a@...`)
 * and key `a/b` (folder `a`) never collide. Long segments are shortened with a
 * hash to stay within file-name limits; the key itself is kept in the sidecar.
 */
const SAFE = /[A-Za-z0-9._=-]/;
const MAX_SEGMENT = 180;

export function encodeSegment(segment: string): string {
  if (segment === '') return '%';
  let out = '';
  for (const [i, ch] of [...segment].entries()) {
    if (SAFE.test(ch) && !(i === 0 && ch === '.')) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (out.length <= MAX_SEGMENT) return out;
  const digest = createHash('sha256').update(segment).digest('hex').slice(0, 16);
  return `${out.slice(0, MAX_SEGMENT - 18)}~${digest}`;
}

/** The folders of a key (relative to the bucket's object root) and the stem of its files. */
export function keyLocation(key: string): { readonly dirs: string[]; readonly stem: string } {
  const segments = key.split('/').map(encodeSegment);
  const last = segments.pop()!;
  return { dirs: segments, stem: `${last}@` };
}
