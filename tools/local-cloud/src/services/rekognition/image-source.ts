/**
 * The bytes of a Rekognition `Image`: `Bytes` as sent (5 MB limit), or
 * `S3Object` read through the local S3 service (15 MB limit). Exactly one of
 * the two must be given.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Image } from '@aws-sdk/client-rekognition';
import type { Cloud } from '../../core/cloud';
import { InvalidParameterException, InvalidS3ObjectException } from '../../engines/errors';
import type { ImageInput } from '../../engines/types';

export async function imageInput(image: Image | undefined, cloud: Cloud): Promise<ImageInput> {
  if (!image || (image.Bytes === undefined) === (image.S3Object === undefined)) {
    throw new InvalidParameterException('Request has invalid parameters: the Image must have exactly one of Bytes or S3Object');
  }
  if (image.Bytes !== undefined) return { bytes: image.Bytes, source: 'bytes' };
  const { Bucket, Name, Version } = image.S3Object!;
  if (!Bucket || !Name) throw new InvalidParameterException('Request has invalid parameters: S3Object needs Bucket and Name');
  try {
    const { Body } = await cloud.send(new GetObjectCommand({ Bucket, Key: Name, VersionId: Version }));
    return { bytes: await Body!.transformToByteArray(), source: 's3' };
  } catch (error) {
    throw new InvalidS3ObjectException('Unable to get object metadata from S3. Check object key, region and/or access permissions.', { cause: error });
  }
}
