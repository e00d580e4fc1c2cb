import { z } from 'zod';
import { MessageFieldsSchema } from '@sma/contracts';
import { DownloadFailedError, ImageRefusedError, ImageStoreError, TooManyImagesError, type RefusalReason } from '../errors';
import { fetchImage, type Resolver } from './fetch-image';
import { EXTENSIONS, type ImageType } from './image-type';
import type { DownloadPolicy } from './policy';

/** What the workflow passes the DownloadImages step. */
export const DownloadRequestSchema = z.object({
  MessageId: MessageFieldsSchema.shape.MessageId,
  /** Validated for shape only: the policy decides what is fetched, with a reason per refusal. */
  ImageUrls: z.array(z.string()),
});
export type DownloadRequest = z.infer<typeof DownloadRequestSchema>;

export interface StoredImage {
  readonly Url: string;
  readonly Bucket: string;
  readonly Key: string;
}

export interface RefusedImage {
  readonly Url: string;
  /** The refusal's error name, e.g. `AddressNotAllowedError`. */
  readonly Error: string;
  readonly Cause: string;
  readonly Reason: RefusalReason;
}

export interface DownloadResult {
  /** Downloaded and stored, in the order of the message's URLs: what the Map analyses. */
  readonly Images: readonly StoredImage[];
  readonly Refused: readonly RefusedImage[];
}

/** Writes one image's bytes to the analysis bucket under `key`. */
export type StoreImage = (key: string, bytes: Buffer, type: ImageType) => Promise<void>;

export interface DownloadDependencies {
  readonly policy: DownloadPolicy;
  readonly resolve: Resolver;
  readonly bucket: string;
  readonly store: StoreImage;
  /** Test-only extra CA (see `FetchImageOptions.ca`). */
  readonly ca?: string;
}

/** Every downloaded image is stored under this prefix (the IAM grants are scoped to it). */
export const IMAGE_KEY_PREFIX = 'images/';

/** Deterministic key: a redelivered message overwrites its own copies instead of adding more. */
export function imageKey(messageId: string, index: number, type: ImageType): string {
  return `${IMAGE_KEY_PREFIX}${messageId}/${index}.${EXTENSIONS[type]}`;
}

const refusal = (error: ImageRefusedError): RefusedImage => ({
  Url: error.url,
  Error: error.name,
  Cause: error.message,
  Reason: error.reason,
});

/**
 * Downloads a message's images into the analysis bucket, all under one
 * deadline. Every URL ends up either stored or refused with its reason; a
 * failure with one image never costs the others.
 */
export async function downloadImages(request: DownloadRequest, deps: DownloadDependencies): Promise<DownloadResult> {
  const signal = AbortSignal.timeout(deps.policy.timeoutMs);
  const outcomes = await Promise.all(
    request.ImageUrls.map(async (url, index): Promise<StoredImage | RefusedImage> => {
      try {
        if (index >= deps.policy.maxImages) throw new TooManyImagesError(url, deps.policy.maxImages);
        const image = await fetchImage(url, { policy: deps.policy, resolve: deps.resolve, signal, ...(deps.ca ? { ca: deps.ca } : {}) });
        const key = imageKey(request.MessageId, index, image.type);
        try {
          await deps.store(key, image.bytes, image.type);
        } catch (error) {
          throw new ImageStoreError(url, key, { cause: error });
        }
        return { Url: url, Bucket: deps.bucket, Key: key };
      } catch (error) {
        if (error instanceof ImageRefusedError) return refusal(error);
        return refusal(new DownloadFailedError(url, String(error), { cause: error }));
      }
    }),
  );
  return {
    Images: outcomes.filter((o): o is StoredImage => 'Key' in o),
    Refused: outcomes.filter((o): o is RefusedImage => 'Reason' in o),
  };
}
