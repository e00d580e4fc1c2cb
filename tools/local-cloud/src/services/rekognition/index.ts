/**
 * Rekognition (awsJson1.1, `RekognitionService.*`): the image analyses the
 * analysis workflow calls — DetectLabels, DetectText, RecognizeCelebrities,
 * DetectModerationLabels — and DetectFaces, answered by the local engine
 * (src/engines/rekognition). Images come as bytes or from the local S3. The
 * known-faces gallery is the `gallery/` folder that ships with the local cloud
 * (tools/local-cloud/gallery); its embeddings are cached under the data directory. `start()` loads the models
 * in the background; `api.warmedUp` resolves with the timings.
 */
import type {
  DetectFacesRequest,
  DetectLabelsRequest,
  DetectModerationLabelsRequest,
  DetectTextRequest,
  RecognizeCelebritiesRequest,
} from '@aws-sdk/client-rekognition';
import { join } from 'node:path';
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ServiceInstance } from '../../core/service';
import { LocalRekognitionEngine } from '../../engines/rekognition';
import { imageInput } from './image-source';

/** The known-faces gallery that ships with the local cloud. */
export const GALLERY_DIR = join(__dirname, '..', '..', '..', 'gallery');

export interface RekognitionApi {
  readonly engine: LocalRekognitionEngine;
  /** Milliseconds the models, the text model and the gallery took to load; set when `start()` ran. */
  readonly warmedUp: Promise<Record<string, number>> | undefined;
}

export const rekognitionService = defineService({
  name: 'rekognition',
  signingName: 'rekognition',
  protocol: 'awsJson1_1',
  targetPrefix: 'RekognitionService',
  sdk: () => require('@aws-sdk/client-rekognition') as SdkModule,
  resourceTypes: [],
  create: (cloud: Cloud): ServiceInstance<never> & { api: RekognitionApi } => {
    const engine = new LocalRekognitionEngine({ galleryDir: GALLERY_DIR, dataDir: cloud.dataDir() });
    const api: { engine: LocalRekognitionEngine; warmedUp: Promise<Record<string, number>> | undefined } = { engine, warmedUp: undefined };
    return {
      api,
      resources: {},
      start() {
        api.warmedUp = engine.warmUp();
        api.warmedUp.catch((error: unknown) => cloud.log.child('rekognition').error(`warm-up failed: ${(error as Error).message}`));
      },
      operations: {
        DetectFaces: async (input: DetectFacesRequest) => engine.detectFaces(await imageInput(input.Image, cloud), input.Attributes ?? ['DEFAULT']),
        RecognizeCelebrities: async (input: RecognizeCelebritiesRequest) => engine.recognizeCelebrities(await imageInput(input.Image, cloud)),
        DetectLabels: async (input: DetectLabelsRequest) =>
          engine.detectLabels(await imageInput(input.Image, cloud), { maxLabels: input.MaxLabels, minConfidence: input.MinConfidence }),
        DetectText: async (input: DetectTextRequest) => engine.detectText(await imageInput(input.Image, cloud)),
        DetectModerationLabels: async (input: DetectModerationLabelsRequest) =>
          engine.detectModerationLabels(await imageInput(input.Image, cloud), { minConfidence: input.MinConfidence }),
      },
    };
  },
});
