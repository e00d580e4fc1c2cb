/**
 * Comprehend (awsJson1.1, `Comprehend_20171127.*`): the text analyses the
 * analysis workflow calls — DetectDominantLanguage, DetectSentiment,
 * DetectEntities, DetectPiiEntities — and their Batch forms, answered by the
 * local engine (src/engines/comprehend). Comprehend has no template resources.
 * `api.warmedUp` resolves with the engine's load timings once start-up
 * warmed it (see `start()`).
 */
import type { Cloud } from '../../core/cloud';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ServiceInstance } from '../../core/service';
import { LocalComprehendEngine, validateLanguage } from '../../engines/comprehend';
import { batch } from './batch';

export interface ComprehendApi {
  readonly engine: LocalComprehendEngine;
  /** Milliseconds each analysis took to load and run once; set when `start()` ran. */
  readonly warmedUp: Promise<Record<string, number>> | undefined;
}

type Input = { Text?: string; LanguageCode?: string; TextList?: string[] };

export const comprehendService = defineService({
  name: 'comprehend',
  signingName: 'comprehend',
  protocol: 'awsJson1_1',
  targetPrefix: 'Comprehend_20171127',
  sdk: () => require('@aws-sdk/client-comprehend') as SdkModule,
  resourceTypes: [],
  create: (cloud: Cloud): ServiceInstance<never> & { api: ComprehendApi } => {
    const engine = new LocalComprehendEngine();
    const api: { engine: LocalComprehendEngine; warmedUp: Promise<Record<string, number>> | undefined } = { engine, warmedUp: undefined };
    return {
      api,
      resources: {},
      start() {
        // Loading the lexicons is synchronous work: let start-up finish first.
        api.warmedUp = new Promise<void>((resolve) => setImmediate(resolve)).then(() => engine.warmUp());
        api.warmedUp.catch((error: unknown) => cloud.log.child('comprehend').error(`warm-up failed: ${(error as Error).message}`));
      },
      operations: {
        DetectDominantLanguage: (input: Input) => engine.detectDominantLanguage(input.Text as string),
        DetectSentiment: (input: Input) => engine.detectSentiment(input.Text as string, input.LanguageCode as string),
        DetectEntities: (input: Input) => engine.detectEntities(input.Text as string, input.LanguageCode as string),
        DetectPiiEntities: (input: Input) => engine.detectPiiEntities(input.Text as string, input.LanguageCode as string),
        BatchDetectDominantLanguage: (input: Input) => batch(input.TextList, (text) => engine.detectDominantLanguage(text)),
        BatchDetectSentiment: (input: Input) => {
          const language = validateLanguage('DetectSentiment', input.LanguageCode);
          return batch(input.TextList, (text) => engine.detectSentiment(text, language));
        },
        BatchDetectEntities: (input: Input) => {
          const language = validateLanguage('DetectEntities', input.LanguageCode);
          return batch(input.TextList, (text) => engine.detectEntities(text, language));
        },
      },
    };
  },
});
