import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { StoreImage } from '../download/download-images';

/**
 * Stores downloaded images in the analysis bucket. Encryption (SSE-S3) and the
 * one-day expiry are bucket settings, so every object gets them whoever writes it.
 */
export function s3ImageStore(client: S3Client, bucket: string): StoreImage {
  return async (key, bytes, type) => {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: type, ContentLength: bytes.length }),
    );
  };
}
