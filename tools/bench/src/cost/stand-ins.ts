import { BenchError } from '../errors';

/**
 * What the AI services answer in the cost journey: documented response shapes
 * with the findings a variant needs (a negative text, a recognised face, a
 * flagged photo) and nothing else, so that the workflow takes the path the
 * variant describes. Prices do not depend on what is found, only on the calls.
 */
export interface Findings {
  readonly negative: boolean;
  readonly celebrity: boolean;
  readonly moderated: boolean;
  readonly language: string;
}

const BOX = { Width: 0.2, Height: 0.25, Left: 0.4, Top: 0.3 };

export function aiResponse(service: string, action: string, findings: Findings): unknown {
  switch (`${service}:${action}`) {
    case 'comprehend:detectDominantLanguage':
      return { Languages: [{ LanguageCode: findings.language, Score: 0.99 }] };
    case 'comprehend:detectSentiment':
      return findings.negative
        ? { Sentiment: 'NEGATIVE', SentimentScore: { Positive: 0.01, Negative: 0.96, Neutral: 0.02, Mixed: 0.01 } }
        : { Sentiment: 'POSITIVE', SentimentScore: { Positive: 0.93, Negative: 0.01, Neutral: 0.05, Mixed: 0.01 } };
    case 'comprehend:detectEntities':
    case 'comprehend:detectPiiEntities':
      return { Entities: [] };
    case 'rekognition:detectLabels':
      return { Labels: [{ Name: 'Person', Confidence: 99.1, Parents: [], Instances: [{ BoundingBox: BOX, Confidence: 99.1 }] }] };
    case 'rekognition:detectText':
      return { TextDetections: [] };
    case 'rekognition:recognizeCelebrities':
      return findings.celebrity
        ? {
            CelebrityFaces: [{ Name: 'Keanu Reeves', Id: '1Jc6Z8', MatchConfidence: 99.2, Face: { BoundingBox: BOX, Confidence: 99.9 } }],
            UnrecognizedFaces: [],
          }
        : { CelebrityFaces: [], UnrecognizedFaces: [{ BoundingBox: BOX, Confidence: 99.5 }] };
    case 'rekognition:detectModerationLabels':
      return { ModerationLabels: findings.moderated ? [{ Name: 'Graphic Violence', ParentName: 'Violence', Confidence: 91.4 }] : [] };
    default:
      throw new BenchError(`No stand-in answer for ${service}:${action}: add one before pricing a workflow that calls it`);
  }
}

/**
 * The downloader's answer, stated rather than run: it fetches photos from the
 * internet. Every URL stored, in the result shape the workflow reads
 * (`Images[].{Url, Bucket, Key}`, `Refused`).
 */
export function downloadedEveryImage(payload: unknown): unknown {
  const { MessageId, ImageUrls } = payload as { MessageId: string; ImageUrls: string[] };
  return {
    Images: ImageUrls.map((Url, i) => ({ Url, Bucket: 'analysis-images', Key: `images/${MessageId}/${i}.jpg` })),
    Refused: [],
  };
}
