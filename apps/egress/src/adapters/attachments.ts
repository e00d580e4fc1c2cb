import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { SendReply } from '@sma/contracts';
import type { Attachment } from '../channels/sender';
import { PermanentDeliveryError } from '../errors';

/** X accepts images up to 5 MB; responding never writes bigger ones. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/**
 * The command's image from the annotated-images bucket, or `undefined` when
 * the command has none or the object has expired (kept a day): the reply then
 * goes out as text. An object over 5 MB is refused as a permanent failure.
 */
export async function readAttachment(s3: S3Client, command: SendReply): Promise<Attachment | undefined> {
  const image = command.Image;
  if (!image) return undefined;
  let response;
  try {
    response = await s3.send(new GetObjectCommand({ Bucket: image.Bucket, Key: image.Key }));
  } catch (error) {
    if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
  if ((response.ContentLength ?? 0) > MAX_ATTACHMENT_BYTES) {
    await response.Body?.transformToWebStream().cancel();
    throw new PermanentDeliveryError({
      channel: command.Channel,
      reason: `Image ${image.Key} is ${response.ContentLength} bytes, over the ${MAX_ATTACHMENT_BYTES}-byte limit for attachments`,
    });
  }
  const bytes = await response.Body!.transformToByteArray();
  return { bytes, contentType: image.ContentType, filename: image.Key.split('/').pop() || 'image' };
}
