/**
 * DetectText with tesseract.js and the English LSTM data of
 * @tesseract.js-data/eng, read from the package folder: nothing downloaded,
 * nothing cached to disk (`cacheMethod: 'none'`). One worker per process,
 * created on first use; its recognitions are serialised by tesseract itself.
 */
import type { TextDetection } from '@aws-sdk/client-rekognition';
import { createWorker, OEM, type Page, type Worker } from 'tesseract.js';
import { packageDir } from '../esm';
import { InternalServerException } from '../errors';
import { toTextDetections } from './text-detections';

let worker: Promise<Worker> | undefined;

export function textWorker(): Promise<Worker> {
  worker ??= (async () => {
    try {
      const { langPath, gzip } = require('@tesseract.js-data/eng') as { langPath: string; gzip: boolean };
      return await createWorker('eng', OEM.LSTM_ONLY, {
        langPath,
        gzip,
        cacheMethod: 'none',
        cachePath: packageDir('@tesseract.js-data/eng'),
        logger: () => undefined,
        errorHandler: () => undefined,
      });
    } catch (error) {
      worker = undefined;
      throw new InternalServerException('The local text recognition model failed to load', { cause: error });
    }
  })();
  return worker;
}

export async function recogniseText(bytes: Uint8Array, width: number, height: number): Promise<TextDetection[]> {
  const ocr = await textWorker();
  const { data } = await ocr.recognize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {}, { blocks: true, text: false });
  return toTextDetections(data as Page, width, height);
}

/** Ends the worker thread (tests and shutdown). */
export async function closeTextWorker(): Promise<void> {
  const current = worker;
  worker = undefined;
  if (current) await (await current).terminate();
}
