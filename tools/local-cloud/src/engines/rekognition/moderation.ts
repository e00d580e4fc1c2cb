/**
 * DetectModerationLabels, honestly: no model that ships in an npm package here
 * judges nudity, violence, drugs, hate symbols or the other categories of
 * Rekognition's moderation taxonomy, and a made-up label would be worse than
 * none. The local engine therefore validates the image exactly as Rekognition
 * does and answers an empty `ModerationLabels` list, with a model version that
 * says so. Alerting on moderation labels cannot be exercised locally; tests of
 * that path inject labels through a fake engine instead.
 */
import type { DetectModerationLabelsResponse } from '@aws-sdk/client-rekognition';

/** Tells clients (and people reading responses) that no moderation model ran. */
export const LOCAL_MODERATION_MODEL_VERSION = 'local-none';

export function moderationAnswer(): Omit<DetectModerationLabelsResponse, '$metadata'> {
  return { ModerationLabels: [], ModerationModelVersion: LOCAL_MODERATION_MODEL_VERSION };
}
