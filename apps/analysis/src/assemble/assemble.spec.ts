import { AnalysisSchema } from '@sma/contracts';
import { assembleAnalysis, MAX_CAUSE_LENGTH } from './assemble';
import { assembleInput, imageInput, textInput } from './__testing__/inputs';

const NOW = new Date('2022-09-21T12:56:24.512Z');

describe('assembleAnalysis', () => {
  it('builds the contract Analysis from the outcomes', () => {
    const { AnalysedAt, Analysis } = assembleAnalysis(assembleInput(), NOW);
    expect(AnalysedAt).toBe('2022-09-21T12:56:24.512Z');
    expect(AnalysisSchema.parse(Analysis)).toEqual(Analysis);
    expect(Analysis).toMatchObject({
      Language: { Code: 'en', Score: 0.99, Source: 'DETECTED' },
      TextSentiment: 'POSITIVE',
      SentimentScore: { Positive: 0.9, Negative: 0.03, Neutral: 0.05, Mixed: 0.02 },
      TextEntities: [{ Type: 'ORGANIZATION', Text: 'Acme' }],
      PiiEntities: [{ Type: 'EMAIL', BeginOffset: 20, EndOffset: 36 }],
      Skipped: [],
      Errors: [],
    });
    expect(Analysis.Images[0]!.TextDetections).toEqual([
      { DetectedText: 'ACME', Type: 'LINE', Confidence: 98.4, Geometry: { BoundingBox: { Width: 0.1, Height: 0.2, Left: 0.3, Top: 0.4 } } },
    ]);
  });

  it('renders each recorded skip as a reason people can read', () => {
    const text = textInput({
      Plan: { ...textInput().Plan, DetectLanguage: false, Detection: undefined, Language: { Code: 'en', Score: 0, Source: 'DEFAULT' } },
      Analyses: {
        Sentiment: { Result: { Sentiment: 'NEUTRAL', SentimentScore: { Positive: 0.1, Negative: 0.1, Neutral: 0.7, Mixed: 0.1 } } },
        Entities: { Skipped: { Reason: 'UNSUPPORTED_LANGUAGE' } },
        Pii: { Skipped: { Reason: 'NO_TEXT' } },
      },
    });
    const { Analysis } = assembleAnalysis(assembleInput({ Text: text }), NOW);
    expect(Analysis.Skipped).toEqual([
      { Analysis: 'LANGUAGE', Reason: 'Too little text to detect its language: the default language "en" was used' },
      { Analysis: 'ENTITIES', Reason: 'DetectEntities does not support language "en"' },
      { Analysis: 'PII', Reason: 'The message has no text besides mentions and links' },
    ]);
    expect(Analysis.TextEntities).toEqual([]);
  });

  it('reports truncation only for analyses that ran', () => {
    const text = textInput({
      Plan: { ...textInput().Plan, Truncated: ['LANGUAGE', 'SENTIMENT', 'ENTITIES', 'PII'] },
      Analyses: { ...textInput().Analyses!, Pii: { Skipped: { Reason: 'UNSUPPORTED_LANGUAGE' } }, Entities: { Error: 'Comprehend.InternalServerException', Cause: 'x' } },
    });
    expect(assembleAnalysis(assembleInput({ Text: text }), NOW).Analysis.Truncated).toEqual(['LANGUAGE', 'SENTIMENT']);
  });

  it('records every failure with its step, image and a cause cut to the contract bound', () => {
    const long = 'x'.repeat(5000);
    const input = assembleInput({
      Text: textInput({
        Plan: { ...textInput().Plan, Language: { Code: 'en', Score: 0, Source: 'DEFAULT' }, Detection: { Error: 'States.Timeout', Cause: null } },
        Analyses: { ...textInput().Analyses!, Sentiment: { Error: 'Comprehend.TooManyRequestsException', Cause: long } },
      }),
      Images: {
        Download: {
          Result: {
            Images: [],
            Refused: [{ Url: 'https://pbs.twimg.com/media/b.jpg', Error: 'NotAnImageError', Cause: 'The content is neither JPEG nor PNG' }],
          },
        },
        Analyses: [imageInput('https://pbs.twimg.com/media/a.jpg', { Faces: { Error: 'Rekognition.ThrottlingException', Cause: 'Slow down' } })],
      },
    });
    const { Analysis } = assembleAnalysis(input, NOW);
    expect(Analysis.Errors).toEqual([
      { Step: 'DetectDominantLanguage', Error: 'States.Timeout', Cause: '' },
      { Step: 'DetectSentiment', Error: 'Comprehend.TooManyRequestsException', Cause: 'x'.repeat(MAX_CAUSE_LENGTH) },
      { Step: 'DownloadImages', Error: 'NotAnImageError', Cause: 'The content is neither JPEG nor PNG', Url: 'https://pbs.twimg.com/media/b.jpg' },
      { Step: 'RecognizeCelebrities', Error: 'Rekognition.ThrottlingException', Cause: 'Slow down', Url: 'https://pbs.twimg.com/media/a.jpg' },
    ]);
    expect(Analysis.TextSentiment).toBeUndefined();
    expect(Analysis.Images[0]).toMatchObject({ CelebrityFaces: [], UnrecognizedFaces: [], Labels: [expect.objectContaining({ Name: 'Van' })] });
  });

  it('records failures of whole branches', () => {
    const { Analysis } = assembleAnalysis(
      assembleInput({
        Text: { Plan: textInput().Plan, Failure: { Error: 'States.Runtime', Cause: 'boom' } },
        Images: { Download: { Error: 'Lambda.Unknown', Cause: 'Unhandled' }, Analyses: [], Failure: { Error: 'States.BranchFailed', Cause: 'map' } },
      }),
      NOW,
    );
    expect(Analysis.Errors.map((e) => e.Step)).toEqual(['AnalyseText', 'DownloadImages', 'AnalyseImages']);
  });

  it('falls back to the default language when the detected code is not one the contract carries', () => {
    const text = textInput({ Plan: { ...textInput().Plan, Language: { Code: 'sr-Latn', Score: 0.97, Source: 'DETECTED' } } });
    const { Analysis } = assembleAnalysis(assembleInput({ Text: text }), NOW);
    expect(Analysis.Language).toEqual({ Code: 'en', Score: 0, Source: 'DEFAULT' });
    expect(Analysis.Errors).toEqual([
      { Step: 'DetectDominantLanguage', Error: 'InvalidServiceResponse', Cause: 'Language code "sr-Latn" is not one the contract carries' },
    ]);
  });

  it('keeps an unknown entity type as OTHER and drops, with one report, items that break the contract', () => {
    const text = textInput({
      Analyses: {
        ...textInput().Analyses!,
        Entities: {
          Result: {
            Entities: [
              { Type: 'SOFTWARE', Text: 'Lambda', Score: 0.9, BeginOffset: 0, EndOffset: 6 },
              { Type: 'PERSON', Text: 'Ann', Score: 1.5, BeginOffset: 7, EndOffset: 10 },
              { Type: 'PERSON', Text: 'Bo', Score: 0.8, BeginOffset: -1, EndOffset: 2 },
            ],
          },
        },
      },
    });
    const { Analysis } = assembleAnalysis(assembleInput({ Text: text }), NOW);
    expect(Analysis.TextEntities).toEqual([{ Type: 'OTHER', Text: 'Lambda', Score: 0.9, BeginOffset: 0, EndOffset: 6 }]);
    expect(Analysis.Errors).toEqual([
      { Step: 'DetectEntities', Error: 'InvalidServiceResponse', Cause: expect.stringMatching(/^2 of 3 items dropped: Score: /) },
    ]);
  });
});
