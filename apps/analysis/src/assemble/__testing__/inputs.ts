import type { AssembleInput, ImageAnalyses } from '../input';

/** The outcomes of a fully analysed English text, as the workflow hands them over. */
export function textInput(overrides: Partial<AssembleInput['Text']> = {}): AssembleInput['Text'] {
  return {
    Plan: {
      MessageBytes: 420,
      Empty: false,
      DetectLanguage: true,
      DefaultLanguage: 'en',
      Language: { Code: 'en', Score: 0.99, Source: 'DETECTED' },
      Truncated: [],
      Detection: { Result: { Languages: [{ LanguageCode: 'en', Score: 0.99 }] } },
    },
    Analyses: {
      Sentiment: { Result: { Sentiment: 'POSITIVE', SentimentScore: { Positive: 0.9, Negative: 0.03, Neutral: 0.05, Mixed: 0.02 } } },
      Entities: { Result: { Entities: [{ Type: 'ORGANIZATION', Text: 'Acme', Score: 0.97, BeginOffset: 10, EndOffset: 14 }] } },
      Pii: { Result: { Entities: [{ Type: 'EMAIL', Score: 0.99, BeginOffset: 20, EndOffset: 36 }] } },
    },
    ...overrides,
  };
}

const box = { Width: 0.1, Height: 0.2, Left: 0.3, Top: 0.4 };

/** One image's outcomes after the definition's projections (words already replaced by `{}`). */
export function imageInput(url = 'https://pbs.twimg.com/media/a.jpg', overrides: Partial<ImageAnalyses['Analyses']> = {}): ImageAnalyses {
  return {
    Url: url,
    Bucket: 'sma-analysis-images-123456789012-eu-west-1',
    Key: 'images/TWITTER-1/0.jpg',
    Analyses: {
      Labels: { Result: { Labels: [{ Name: 'Van', Confidence: 97.1, Parents: [{ Name: 'Vehicle' }], Instances: [{ BoundingBox: box, Confidence: 97.1 }] }] } },
      Text: { Result: { TextDetections: [{ DetectedText: 'ACME', Type: 'LINE', Confidence: 98.4, Geometry: { BoundingBox: box } }, {}] } },
      Faces: {
        Result: {
          CelebrityFaces: [{ Name: 'Keanu Reeves', Id: '1Ax7dZ', MatchConfidence: 99.1, Face: { BoundingBox: box, Confidence: 99.9 } }],
          UnrecognizedFaces: [{ BoundingBox: box, Confidence: 98 }],
        },
      },
      Moderation: { Result: { ModerationLabels: [] } },
      ...overrides,
    },
  };
}

export function assembleInput(overrides: Partial<AssembleInput> = {}): AssembleInput {
  return {
    Text: textInput(),
    Images: {
      Download: { Result: { Images: [{ Url: 'https://pbs.twimg.com/media/a.jpg', Bucket: 'b', Key: 'k' }], Refused: [] } },
      Analyses: [imageInput()],
    },
    ...overrides,
  };
}
