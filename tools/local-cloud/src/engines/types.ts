/**
 * The interfaces the local cloud's AI services (Comprehend, Rekognition, Lex
 * runtime) call. Each engine answers in exactly the AWS response shape (the SDK's
 * own output types) and throws an `Error` whose `name` is the AWS error code
 * (e.g. `TextSizeLimitExceededException`), which the service layer turns into
 * the AWS error response.
 */
import type {
  DetectDominantLanguageResponse,
  DetectEntitiesResponse,
  DetectPiiEntitiesResponse,
  DetectSentimentResponse,
} from '@aws-sdk/client-comprehend';
import type {
  DetectFacesResponse,
  DetectLabelsResponse,
  DetectModerationLabelsResponse,
  DetectTextResponse,
  RecognizeCelebritiesResponse,
} from '@aws-sdk/client-rekognition';
import type { RecognizeTextResponse, SessionState } from '@aws-sdk/client-lex-runtime-v2';

/** Drop the SDK's `$metadata`: engines return the JSON body only. */
export type Body<T> = Omit<T, '$metadata'>;

export interface ComprehendEngine {
  detectDominantLanguage(text: string): Promise<Body<DetectDominantLanguageResponse>>;
  detectSentiment(text: string, languageCode: string): Promise<Body<DetectSentimentResponse>>;
  detectEntities(text: string, languageCode: string): Promise<Body<DetectEntitiesResponse>>;
  detectPiiEntities(text: string, languageCode: string): Promise<Body<DetectPiiEntitiesResponse>>;
}

/** Image bytes as Rekognition receives them (from `Image.Bytes` or read from the local S3). */
export interface ImageInput {
  readonly bytes: Uint8Array;
  /** Where the bytes came from; decides the size limit (5 MB as bytes, 15 MB from S3). */
  readonly source: 'bytes' | 's3';
}

export interface RekognitionEngine {
  detectFaces(image: ImageInput, attributes: readonly string[]): Promise<Body<DetectFacesResponse>>;
  recognizeCelebrities(image: ImageInput): Promise<Body<RecognizeCelebritiesResponse>>;
  detectLabels(
    image: ImageInput,
    options: { maxLabels?: number; minConfidence?: number },
  ): Promise<Body<DetectLabelsResponse>>;
  detectText(image: ImageInput): Promise<Body<DetectTextResponse>>;
  detectModerationLabels(image: ImageInput, options: { minConfidence?: number }): Promise<Body<DetectModerationLabelsResponse>>;
}

/** What the Lex runtime needs from the rest of the local cloud: calling the bot's code hook. */
export interface LambdaInvoker {
  /** Invokes a function synchronously (RequestResponse) and returns its parsed JSON result. */
  invoke(functionArn: string, event: unknown): Promise<unknown>;
}

/** A RecognizeText call (the bot, alias and locale come from the request path). */
export interface RecognizeTextRequest {
  readonly botId: string;
  readonly botAliasId: string;
  readonly localeId: string;
  readonly sessionId: string;
  readonly text: string;
  readonly sessionState?: SessionState;
  readonly requestAttributes?: Record<string, string>;
}

export interface LexRuntimeEngine {
  recognizeText(request: RecognizeTextRequest): Promise<Body<RecognizeTextResponse>>;
}
