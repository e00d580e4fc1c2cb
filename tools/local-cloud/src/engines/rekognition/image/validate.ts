/**
 * Rekognition's image checks, in AWS's order and with its error codes:
 * format by magic bytes, size (5 MB as bytes, 15 MB from S3), at least 80 px
 * per side, DetectLabels at most 10,000 px per side.
 */
import { ImageTooLargeException, InvalidImageFormatException, InvalidParameterException } from '../../errors';
import type { ImageInput } from '../../types';
import { readDimensions, sniffFormat, type Dimensions, type ImageFormat } from './format';

export const MAX_BYTES: Readonly<Record<ImageInput['source'], number>> = { bytes: 5 * 1024 * 1024, s3: 15 * 1024 * 1024 };
export const MIN_SIDE = 80;
export const MAX_LABELS_SIDE = 10_000;

export interface CheckedImage extends Dimensions {
  readonly format: ImageFormat;
  readonly bytes: Uint8Array;
}

export function checkImage(image: ImageInput, options: { maxSide?: number } = {}): CheckedImage {
  if (image.bytes.length === 0) throw new InvalidParameterException('Request has invalid parameters: the image is empty');
  const format = sniffFormat(image.bytes);
  if (!format) throw new InvalidImageFormatException('Request has unsupported image format');
  const limit = MAX_BYTES[image.source];
  if (image.bytes.length > limit) {
    throw new ImageTooLargeException(
      `Image size is too large: ${image.bytes.length} bytes exceeds the ${limit / 1024 / 1024} MB limit for an image ${image.source === 's3' ? 'in S3' : 'passed as bytes'}`,
    );
  }
  const dimensions = readDimensions(image.bytes, format);
  if (!dimensions) throw new InvalidImageFormatException('Request has unsupported image format');
  if (dimensions.width < MIN_SIDE || dimensions.height < MIN_SIDE) {
    throw new InvalidParameterException(
      `Request has invalid image dimensions: ${dimensions.width}x${dimensions.height} px; the minimum is ${MIN_SIDE} px on each side`,
    );
  }
  if (options.maxSide !== undefined && (dimensions.width > options.maxSide || dimensions.height > options.maxSide)) {
    throw new InvalidParameterException(
      `Request has invalid image dimensions: ${dimensions.width}x${dimensions.height} px; the maximum is ${options.maxSide} px on each side`,
    );
  }
  return { format, bytes: image.bytes, ...dimensions };
}
