import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ImageTooLargeError } from '../errors';

export interface ObjectAddress {
  readonly bucket: string;
  readonly key: string;
}

/**
 * Reads an image object, refusing one over `maxBytes` before reading its body.
 * Returns `undefined` when the object does not exist (the analysis bucket
 * expires images after a day, so a replayed event may find it gone).
 */
export async function readImage(s3: S3Client, at: ObjectAddress, maxBytes: number): Promise<Uint8Array | undefined> {
  let response;
  try {
    response = await s3.send(new GetObjectCommand({ Bucket: at.bucket, Key: at.key }));
  } catch (error) {
    if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
  const declared = response.ContentLength ?? 0;
  if (declared > maxBytes) {
    await response.Body?.transformToWebStream().cancel();
    throw new ImageTooLargeError(at.key, declared, maxBytes);
  }
  const bytes = await response.Body!.transformToByteArray();
  if (bytes.byteLength > maxBytes) throw new ImageTooLargeError(at.key, bytes.byteLength, maxBytes);
  return bytes;
}

/** Writes an image object (the bucket encrypts it with SSE-S3 by default). */
export async function writeImage(s3: S3Client, at: ObjectAddress, bytes: Uint8Array, contentType: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: at.bucket,
      Key: at.key,
      Body: bytes,
      ContentType: contentType,
      CacheControl: 'private, max-age=86400',
    }),
  );
}
