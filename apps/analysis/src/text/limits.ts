import type { TEXT_ANALYSES } from '@sma/contracts';

export type TextAnalysis = (typeof TEXT_ANALYSES)[number];

/** Each Comprehend API's own limit on `Text`, in UTF-8 bytes (100 KB read as 100,000 to stay inside either reading). */
export const API_BYTE_LIMITS: { readonly [A in TextAnalysis]: number } = {
  LANGUAGE: 100_000,
  SENTIMENT: 5_000,
  ENTITIES: 100_000,
  PII: 100_000,
};

/**
 * The bytes of text each analysis is given: never more than its API accepts,
 * and lower where the API's limit is unsafe or wasteful in a workflow.
 *
 * - ENTITIES and PII: Step Functions fails an execution, uncatchably, when a
 *   service response is over 256 KiB. Their responses grow with the text: a
 *   5,000-byte text of 2,500 one-digit quantities yields about 240 KB of
 *   DetectEntities JSON, so 5,000 bytes is the largest input whose worst-case
 *   response still fits. At the API's 100 KB an adversary could post one
 *   message that kills its own analysis.
 * - LANGUAGE: the response is tiny whatever the input, but Comprehend bills per
 *   100 characters, and a social message's dominant language is settled long
 *   before 5,000 bytes.
 */
export const TEXT_BYTE_LIMITS: { readonly [A in TextAnalysis]: number } = {
  LANGUAGE: 5_000,
  SENTIMENT: API_BYTE_LIMITS.SENTIMENT,
  ENTITIES: 5_000,
  PII: 5_000,
};

/** Below this many characters (after removing mentions and links) language detection is unreliable: use the default. */
export const MIN_DETECTION_CHARS = 20;
