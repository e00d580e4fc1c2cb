import type { Services } from './harness';

/**
 * Services answering with the largest responses their documented limits
 * allow, for the request they get: how big the workflow's state can become.
 *
 * - DetectEntities / DetectPiiEntities: one entity per two bytes of text (a
 *   text of "1 2 3 ..."), far denser than any real text.
 * - DetectLabels: `MaxLabels` labels, each with 64 instances, 5 parents,
 *   aliases and categories.
 * - DetectText: its maximum of 100 words, each on its own line (100 LINE + 100
 *   WORD detections), with polygons.
 * - RecognizeCelebrities: its maximum of 64 faces, half recognised, with
 *   landmarks, pose, quality, emotions and long names.
 * - DetectModerationLabels: 40 labels (the whole first two levels of the taxonomy).
 */
const n = (i: number) => 90 + (i % 97) / 7.123456789;
const box = (i: number) => ({ Width: 0.1234567890123 + i / 1e6, Height: 0.2345678901234, Left: 0.3456789012345, Top: 0.4567890123456 });
const polygon = [0, 1, 2, 3].map((i) => ({ X: 0.123456789012345 + i / 10, Y: 0.234567890123456 }));
const face = (i: number) => ({
  BoundingBox: box(i),
  Confidence: n(i),
  Landmarks: ['eyeLeft', 'eyeRight', 'nose', 'mouthLeft', 'mouthRight'].map((Type) => ({ Type, X: 0.123456789012, Y: 0.234567890123 })),
  Pose: { Roll: -12.3456789, Yaw: 23.4567891, Pitch: -3.45678912 },
  Quality: { Brightness: 76.0213012, Sharpness: 92.2273012 },
  Emotions: ['CALM', 'HAPPY', 'SURPRISED', 'CONFUSED'].map((Type) => ({ Type, Confidence: n(i) })),
  Smile: { Value: false, Confidence: n(i) },
});

function entities(text: string, type: string, withText: boolean) {
  return Array.from({ length: Math.floor(text.length / 2) }, (_, i) => ({
    Score: 0.9990000128746033,
    Type: type,
    ...(withText ? { Text: text.slice(2 * i, 2 * i + 1) } : {}),
    BeginOffset: 2 * i,
    EndOffset: 2 * i + 1,
  }));
}

export function worstCaseServices(): Services {
  return {
    'comprehend:detectDominantLanguage': () => ({
      Languages: ['en', 'de', 'nl', 'fr', 'es', 'it', 'pt', 'sv', 'da', 'no'].map((LanguageCode, i) => ({ LanguageCode, Score: 0.9 - i / 20 })),
    }),
    'comprehend:detectSentiment': () => ({
      Sentiment: 'MIXED',
      SentimentScore: { Positive: 0.25123456789, Negative: 0.25123456789, Neutral: 0.24123456789, Mixed: 0.25623456789 },
    }),
    'comprehend:detectEntities': (p: { Text: string }) => ({ Entities: entities(p.Text, 'QUANTITY', true) }),
    'comprehend:detectPiiEntities': (p: { Text: string }) => ({ Entities: entities(p.Text, 'BANK_ACCOUNT_NUMBER', false) }),
    'rekognition:detectLabels': (p: { MaxLabels: number }) => ({
      Labels: Array.from({ length: p.MaxLabels }, (_, i) => ({
        Name: `Label number ${i} with a rather long name`,
        Confidence: n(i),
        Instances: Array.from({ length: 64 }, (_, j) => ({ BoundingBox: box(j), Confidence: n(j), DominantColors: [] })),
        Parents: Array.from({ length: 5 }, (_, j) => ({ Name: `Parent category ${j} of label ${i}` })),
        Aliases: [{ Name: `Alias of label ${i}` }],
        Categories: [{ Name: 'Vehicles and Automotive' }],
      })),
      LabelModelVersion: '3.0',
    }),
    'rekognition:detectText': () => ({
      TextDetections: [
        ...Array.from({ length: 100 }, (_, i) => ({ DetectedText: `WORDNUMBER${i}XY`, Type: 'LINE', Id: i, Confidence: n(i), Geometry: { BoundingBox: box(i), Polygon: polygon } })),
        ...Array.from({ length: 100 }, (_, i) => ({ DetectedText: `WORDNUMBER${i}XY`, Type: 'WORD', Id: 100 + i, ParentId: i, Confidence: n(i), Geometry: { BoundingBox: box(i), Polygon: polygon } })),
      ],
      TextModelVersion: '3.0',
    }),
    'rekognition:recognizeCelebrities': () => ({
      CelebrityFaces: Array.from({ length: 32 }, (_, i) => ({
        Urls: [`www.wikidata.org/wiki/Q${1000000 + i}`, `www.imdb.com/name/nm${1000000 + i}`],
        Name: `A Celebrity With A Very Long Stage Name Number ${i}`,
        Id: `${i}Ax7dZq9`,
        Face: face(i),
        MatchConfidence: n(i),
        KnownGender: { Type: 'Nonbinary' },
      })),
      UnrecognizedFaces: Array.from({ length: 32 }, (_, i) => face(i)),
    }),
    'rekognition:detectModerationLabels': () => ({
      ModerationLabels: Array.from({ length: 40 }, (_, i) => ({
        Confidence: n(i),
        Name: `Moderation label ${i}`,
        ParentName: i < 10 ? '' : `Moderation label ${i % 10}`,
        TaxonomyLevel: i < 10 ? 1 : 2,
      })),
      ModerationModelVersion: '7.0',
      ContentTypes: [],
    }),
  };
}
