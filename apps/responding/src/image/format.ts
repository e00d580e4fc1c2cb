/** The image types the responder reads and writes (Rekognition's, and what X and Slack accept). */
export type ImageType = 'image/jpeg' | 'image/png';

/** The largest analysed image read (Rekognition's limit for images in S3). */
export const MAX_SOURCE_BYTES = 15 * 1024 * 1024;

/** The largest annotated image written: X accepts images up to 5 MB. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The type of an image from its first bytes (not from a header anyone could set); `undefined` if neither. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  return undefined;
}

/** Where annotated images are written in their bucket. */
export const ANNOTATED_PREFIX = 'annotated/';

/** The object key of the annotated image: one per message and image, so a replay overwrites rather than adds. */
export function annotatedKeyFor(messageId: string, imageIndex: number, type: ImageType): string {
  return `${ANNOTATED_PREFIX}${messageId}/${imageIndex}.${type === 'image/png' ? 'png' : 'jpg'}`;
}
