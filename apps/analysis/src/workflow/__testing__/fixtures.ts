import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from './harness';

/** A recorded-shape service response from `workflow/__fixtures__`. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', '__fixtures__', `${name}.json`), 'utf8')) as T;
}

/** Comprehend and Rekognition answering as they do for the fixtures' English complaint and van photo. */
export function fixtureServices(): Services {
  return {
    'comprehend:detectDominantLanguage': () => fixture('comprehend-detect-dominant-language.en'),
    'comprehend:detectSentiment': () => fixture('comprehend-detect-sentiment.negative'),
    'comprehend:detectEntities': () => fixture('comprehend-detect-entities'),
    'comprehend:detectPiiEntities': () => fixture('comprehend-detect-pii-entities'),
    'rekognition:detectLabels': () => fixture('rekognition-detect-labels'),
    'rekognition:detectText': () => fixture('rekognition-detect-text'),
    'rekognition:recognizeCelebrities': () => fixture('rekognition-recognize-celebrities'),
    'rekognition:detectModerationLabels': () => fixture('rekognition-detect-moderation-labels'),
  };
}
