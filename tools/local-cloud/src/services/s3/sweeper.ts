import { rmSync } from 'node:fs';
import { abortsUpload, decide, DEFAULT_TRANSITION_MINIMUM_BYTES } from './lifecycle';
import { uploadsOf } from './operations/multipart';
import type { BucketStore } from './store';

export interface SweepResult {
  readonly expired: number;
  readonly transitioned: number;
  readonly abortedUploads: number;
}

/**
 * Applies every bucket's lifecycle rules at `now` (epoch ms): expires objects,
 * moves them to their new storage class, aborts stale multipart uploads. S3 does
 * this once a day; the local cloud runs it on a timer, and tests pass a `now`
 * in the future.
 */
export function sweepLifecycle(store: BucketStore, now = Date.now()): SweepResult {
  let expired = 0;
  let transitioned = 0;
  let abortedUploads = 0;
  for (const bucket of store.list()) {
    const rules = bucket.lifecycle ?? [];
    if (rules.length === 0) continue;
    const minimum = bucket.transitionMinimumSize === 'varies_by_storage_class' ? 0 : DEFAULT_TRANSITION_MINIMUM_BYTES;
    for (const key of [...store.sortedKeys(bucket.name)]) {
      const meta = store.head(bucket.name, key)!;
      const decision = decide(rules, { key, size: meta.size, lastModified: Date.parse(meta.lastModified), tags: meta.tags, storageClass: meta.storageClass }, now, minimum);
      if (decision?.action === 'expire') {
        store.deleteObject(bucket.name, key);
        expired++;
      } else if (decision?.action === 'transition') {
        store.updateMeta(bucket.name, key, (m) => ({ ...m, storageClass: decision.storageClass }));
        transitioned++;
      }
    }
    for (const upload of uploadsOf(store, bucket.name)) {
      if (abortsUpload(rules, upload.key, Date.parse(upload.initiated), now)) {
        rmSync(store.uploadDir(bucket.name, upload.uploadId), { recursive: true, force: true });
        abortedUploads++;
      }
    }
  }
  return { expired, transitioned, abortedUploads };
}
