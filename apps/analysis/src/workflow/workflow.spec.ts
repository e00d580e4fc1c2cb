import { parseDetail, type MessageAnalysed, type MessageReceived } from '@sma/contracts';
import { busEvent, exampleDetail } from '@sma/contracts/testing';
import { analysisDefinition } from './__testing__/definition';
import { fixture, fixtureServices } from './__testing__/fixtures';
import { awsError, runAnalysis, storeEveryImage, TEST_BUCKET, type RunResult, type Services } from './__testing__/harness';
import { FALLBACK_CAUSE } from './definition';

const COMPLAINT = '@makitdev the van broke down again, awful service from Acme Motors. Call me on 07700 900123';
const PHOTOS = ['https://pbs.twimg.com/media/FdJdXzWXkAEvKzM.jpg', 'https://pbs.twimg.com/media/FdJdXzXXgAA1b2C.png'];

function message(overrides: Partial<MessageReceived> = {}): MessageReceived {
  return { ...exampleDetail('MESSAGE_RECEIVED'), Text: COMPLAINT, ImageUrls: [], ...overrides };
}

function run(detail: MessageReceived, services: Services = {}, options: { instantRetries?: boolean } = {}) {
  return runAnalysis(analysisDefinition(), busEvent('MESSAGE_RECEIVED', detail), {
    services: { ...fixtureServices(), ...services },
    ...options,
  });
}

/** The one MESSAGE_ANALYSED an execution published, checked against the contract. */
function analysed(result: RunResult): MessageAnalysed {
  expect(result.error).toBeUndefined();
  expect(result.published).toHaveLength(1);
  return parseDetail('MESSAGE_ANALYSED', result.published[0]);
}

/** A stand-in that fails `times` times with `error`, then answers like `then`. */
function failing(times: number, error: () => Error, then: () => unknown) {
  let calls = 0;
  return () => {
    calls += 1;
    if (calls <= times) throw error();
    return then();
  };
}

describe('analysis workflow (the synthesized definition, run by aws-local-stepfunctions)', () => {
  it('analyses a text-only message: language, sentiment, entities, PII', async () => {
    const result = await run(message());
    const detail = analysed(result);
    expect(detail).toMatchObject({ ...message(), AnalysedAt: '2022-09-21T12:56:24.512Z' });
    expect(detail.Analysis).toEqual({
      Language: { Code: 'en', Score: 0.9917541742324829, Source: 'DETECTED' },
      TextSentiment: 'NEGATIVE',
      SentimentScore: fixture('comprehend-detect-sentiment.negative')['SentimentScore'],
      TextEntities: fixture<{ Entities: unknown[] }>('comprehend-detect-entities').Entities,
      PiiEntities: [{ Type: 'PHONE', Score: 0.9998787641525269, BeginOffset: 79, EndOffset: 91 }],
      Truncated: [],
      Skipped: [],
      Images: [],
      Errors: [],
    });
    expect(result.calls['comprehend:detectDominantLanguage']).toEqual([{ Text: 'the van broke down again, awful service from Acme Motors. Call me on 07700 900123' }]);
    for (const api of ['detectSentiment', 'detectEntities', 'detectPiiEntities'] as const) {
      expect(result.calls[`comprehend:${api}`]).toEqual([{ Text: COMPLAINT, LanguageCode: 'en' }]);
    }
    expect(result.calls['lambda:download-images']).toBeUndefined();
  });

  it('analyses text and two images, keeping only the contract fields of each finding', async () => {
    const result = await run(message({ ImageUrls: PHOTOS }));
    const detail = analysed(result);
    expect(result.calls['lambda:download-images']).toEqual([{ MessageId: detail.MessageId, ImageUrls: PHOTOS }]);
    expect(result.calls['rekognition:detectLabels']).toHaveLength(2);
    expect(result.calls['rekognition:detectLabels']).toContainEqual({
      Image: { S3Object: { Bucket: TEST_BUCKET, Name: `images/${detail.MessageId}/1.jpg` } },
      MaxLabels: 10,
      MinConfidence: 70,
    });
    expect(detail.Analysis.Images.map((i) => [i.Url, i.Key])).toEqual([
      [PHOTOS[0], `images/${detail.MessageId}/0.jpg`],
      [PHOTOS[1], `images/${detail.MessageId}/1.jpg`],
    ]);
    const [image] = detail.Analysis.Images;
    expect(image!.Labels[0]).toEqual({
      Name: 'Van',
      Confidence: 97.10218811035156,
      Parents: [{ Name: 'Transportation' }, { Name: 'Vehicle' }],
      Instances: [{ BoundingBox: { Width: 0.5012, Height: 0.4033, Left: 0.2991, Top: 0.4122 }, Confidence: 97.10218811035156 }],
    });
    expect(image!.TextDetections).toEqual([
      { DetectedText: 'ACME VAN HIRE', Type: 'LINE', Confidence: 98.41249084472656, Geometry: { BoundingBox: { Width: 0.0553, Height: 0.0562, Left: 0.8044, Top: 0.5301 } } },
    ]);
    expect(image!.CelebrityFaces).toEqual([
      { Name: 'Keanu Reeves', Id: '1Ax7dZ', MatchConfidence: 99.1, Face: { BoundingBox: { Width: 0.0851, Height: 0.1132, Left: 0.1983, Top: 0.1361 }, Confidence: 99.99 } },
    ]);
    expect(image!.UnrecognizedFaces).toEqual([{ BoundingBox: { Width: 0.0712, Height: 0.1004, Left: 0.6003, Top: 0.2011 }, Confidence: 98 }]);
    // The definition itself trimmed the service responses: the state AssembleAnalysis receives has none of the rest.
    const state = JSON.stringify(result.calls['lambda:assemble-analysis']);
    for (const field of ['Polygon', 'Landmarks', 'Emotions', 'Aliases', 'Categories', '"Urls"', 'KnownGender', '"WORD"', 'ModelVersion']) {
      expect(state).not.toContain(field);
    }
    expect(detail.Analysis.Errors).toEqual([]);
  });

  it('records refused downloads per URL and analyses the images that were stored', async () => {
    const result = await run(message({ ImageUrls: PHOTOS }), {
      'lambda:download-images': (payload: { MessageId: string; ImageUrls: string[] }) => ({
        Images: (storeEveryImage(payload) as { Images: unknown[] }).Images.slice(0, 1),
        Refused: [{ Url: PHOTOS[1], Error: 'AddressNotAllowedError', Cause: 'pbs.twimg.com resolves to 10.0.0.7, a private address', Reason: 'ADDRESS_NOT_ALLOWED' }],
      }),
    });
    const detail = analysed(result);
    expect(detail.Analysis.Images.map((i) => i.Url)).toEqual([PHOTOS[0]]);
    expect(detail.Analysis.Errors).toEqual([
      { Step: 'DownloadImages', Error: 'AddressNotAllowedError', Cause: 'pbs.twimg.com resolves to 10.0.0.7, a private address', Url: PHOTOS[1] },
    ]);
    expect(detail.Analysis.TextSentiment).toBe('NEGATIVE');
  });

  it('still publishes the text analysis when the downloader itself fails', async () => {
    const result = await run(message({ ImageUrls: PHOTOS }), {
      'lambda:download-images': failing(99, () => awsError('Lambda.ServiceException', 'Lambda is unavailable'), () => ({})),
    });
    const detail = analysed(result);
    expect(result.calls['lambda:download-images']).toHaveLength(4);
    expect(result.calls['rekognition:detectLabels']).toBeUndefined();
    expect(detail.Analysis.Images).toEqual([]);
    expect(detail.Analysis.Errors).toEqual([{ Step: 'DownloadImages', Error: 'Lambda.ServiceException', Cause: 'Lambda is unavailable' }]);
    expect(detail.Analysis.TextSentiment).toBe('NEGATIVE');
  });

  it('retries a throttled Comprehend call and succeeds', async () => {
    const result = await run(message(), {
      'comprehend:detectSentiment': failing(
        2,
        () => awsError('Comprehend.TooManyRequestsException', 'Rate exceeded'),
        () => fixture('comprehend-detect-sentiment.negative'),
      ),
    });
    const detail = analysed(result);
    expect(result.retried.filter((s) => s === 'DetectSentiment')).toHaveLength(2);
    expect(result.calls['comprehend:detectSentiment']).toHaveLength(3);
    expect(detail.Analysis.TextSentiment).toBe('NEGATIVE');
    expect(detail.Analysis.Errors).toEqual([]);
  });

  it('records a call still throttled after every retry, and publishes the rest', async () => {
    const result = await run(message(), {
      'comprehend:detectSentiment': failing(99, () => awsError('Comprehend.TooManyRequestsException', 'Rate exceeded'), () => ({})),
    });
    const detail = analysed(result);
    expect(result.calls['comprehend:detectSentiment']).toHaveLength(5);
    expect(detail.Analysis.TextSentiment).toBeUndefined();
    expect(detail.Analysis.TextEntities).toHaveLength(3);
    expect(detail.Analysis.Errors).toEqual([{ Step: 'DetectSentiment', Error: 'Comprehend.TooManyRequestsException', Cause: 'Rate exceeded' }]);
  });

  it('does not retry an error a retry cannot cure', async () => {
    const result = await run(message(), {
      'comprehend:detectEntities': failing(99, () => awsError('Comprehend.TextSizeLimitExceededException', 'Input text size exceeds limit'), () => ({})),
    });
    expect(result.calls['comprehend:detectEntities']).toHaveLength(1);
    expect(analysed(result).Analysis.Errors).toEqual([
      { Step: 'DetectEntities', Error: 'Comprehend.TextSizeLimitExceededException', Cause: 'Input text size exceeds limit' },
    ]);
  });

  it('analyses a non-English message in its own language and skips what the language does not support', async () => {
    const text = '@makitdev Der Transporter ist schon wieder kaputt, schrecklicher Service von Acme Motors!';
    const result = await run(message({ Text: text }), {
      'comprehend:detectDominantLanguage': () => fixture('comprehend-detect-dominant-language.de'),
      'comprehend:detectEntities': () => fixture('comprehend-detect-entities.de'),
    });
    const detail = analysed(result);
    expect(detail.Analysis.Language).toEqual({ Code: 'de', Score: 0.9964370131492615, Source: 'DETECTED' });
    expect(result.calls['comprehend:detectSentiment']).toEqual([{ Text: text, LanguageCode: 'de' }]);
    expect(result.calls['comprehend:detectEntities']).toEqual([{ Text: text, LanguageCode: 'de' }]);
    expect(result.calls['comprehend:detectPiiEntities']).toBeUndefined();
    expect(detail.Analysis.TextEntities.map((e) => e.Text)).toEqual(['Acme Motors']);
    expect(detail.Analysis.Skipped).toEqual([{ Analysis: 'PII', Reason: 'DetectPiiEntities does not support language "de"' }]);
    expect(detail.Analysis.Errors).toEqual([]);
  });

  it('skips a language Comprehend detects but cannot analyse (Dutch) for every analysis', async () => {
    const result = await run(message({ Text: 'De bus is alweer kapot, wat een slechte service van Acme Motors!' }), {
      'comprehend:detectDominantLanguage': () => ({ Languages: [{ LanguageCode: 'nl', Score: 0.99 }] }),
    });
    const detail = analysed(result);
    expect(detail.Analysis.Language).toEqual({ Code: 'nl', Score: 0.99, Source: 'DETECTED' });
    expect(detail.Analysis.Skipped.map((s) => s.Analysis)).toEqual(['SENTIMENT', 'ENTITIES', 'PII']);
    expect(result.calls['comprehend:detectSentiment']).toBeUndefined();
  });

  it('analyses the image of a message with no text, skipping every text analysis with its reason', async () => {
    const result = await run(message({ Text: '', ImageUrls: PHOTOS.slice(0, 1) }));
    const detail = analysed(result);
    for (const api of ['detectDominantLanguage', 'detectSentiment', 'detectEntities', 'detectPiiEntities'] as const) {
      expect(result.calls[`comprehend:${api}`]).toBeUndefined();
    }
    expect(detail.Analysis.Language).toEqual({ Code: 'en', Score: 0, Source: 'DEFAULT' });
    expect(detail.Analysis.Skipped).toEqual(
      ['LANGUAGE', 'SENTIMENT', 'ENTITIES', 'PII'].map((a) => ({ Analysis: a, Reason: 'The message has no text besides mentions and links' })),
    );
    expect(detail.Analysis.Images).toHaveLength(1);
    expect(detail.Analysis.Images[0]!.Labels.map((l) => l.Name)).toEqual(['Van', 'Vehicle', 'Person', 'Road']);
  });

  it('uses the default language for a text too short to detect', async () => {
    const result = await run(message({ Text: '@makitdev tell me a joke' }));
    const detail = analysed(result);
    expect(result.calls['comprehend:detectDominantLanguage']).toBeUndefined();
    expect(result.calls['comprehend:detectSentiment']).toEqual([{ Text: '@makitdev tell me a joke', LanguageCode: 'en' }]);
    expect(detail.Analysis.Language).toEqual({ Code: 'en', Score: 0, Source: 'DEFAULT' });
    expect(detail.Analysis.Skipped).toEqual([
      { Analysis: 'LANGUAGE', Reason: 'Too little text to detect its language: the default language "en" was used' },
    ]);
  });

  it('keeps the default language when detection fails or finds none, and records the failure', async () => {
    const failed = analysed(
      await run(message(), {
        'comprehend:detectDominantLanguage': failing(99, () => awsError('Comprehend.InternalServerException', 'Internal error'), () => ({})),
      }),
    );
    expect(failed.Analysis.Language).toEqual({ Code: 'en', Score: 0, Source: 'DEFAULT' });
    expect(failed.Analysis.Errors).toEqual([{ Step: 'DetectDominantLanguage', Error: 'Comprehend.InternalServerException', Cause: 'Internal error' }]);
    expect(failed.Analysis.TextSentiment).toBe('NEGATIVE');

    const none = analysed(await run(message(), { 'comprehend:detectDominantLanguage': () => ({ Languages: [] }) }));
    expect(none.Analysis.Language).toEqual({ Code: 'en', Score: 0, Source: 'DEFAULT' });
    expect(none.Analysis.Errors).toEqual([]);
  });

  it('records a failed Rekognition call against its image and keeps the other findings', async () => {
    const result = await run(message({ ImageUrls: PHOTOS.slice(0, 1) }), {
      'rekognition:recognizeCelebrities': failing(99, () => awsError('Rekognition.InvalidImageFormatException', 'Request has invalid image format'), () => ({})),
      'rekognition:detectModerationLabels': () => fixture('rekognition-detect-moderation-labels.violence'),
    });
    const detail = analysed(result);
    expect(result.calls['rekognition:recognizeCelebrities']).toHaveLength(1);
    const [image] = detail.Analysis.Images;
    expect(image!.CelebrityFaces).toEqual([]);
    expect(image!.Labels).toHaveLength(4);
    expect(image!.ModerationLabels).toEqual([
      { Name: 'Violence', ParentName: '', Confidence: 81.2345 },
      { Name: 'Weapon Violence', ParentName: 'Violence', Confidence: 81.2345 },
    ]);
    expect(detail.Analysis.Errors).toEqual([
      { Step: 'RecognizeCelebrities', Error: 'Rekognition.InvalidImageFormatException', Cause: 'Request has invalid image format', Url: PHOTOS[0] },
    ]);
  });

  it('publishes the message with the failure recorded when AssembleAnalysis fails', async () => {
    const result = await run(message({ ImageUrls: PHOTOS }), {
      'lambda:assemble-analysis': failing(99, () => awsError('Lambda.ServiceException', 'Lambda is unavailable'), () => ({})),
    });
    const detail = analysed(result);
    expect(detail).toMatchObject(message({ ImageUrls: PHOTOS }));
    expect(detail.Analysis).toEqual({
      Language: { Code: 'en', Score: 0, Source: 'DEFAULT' },
      TextEntities: [],
      PiiEntities: [],
      Truncated: [],
      Skipped: [],
      Images: [],
      Errors: [{ Step: 'AssembleAnalysis', Error: 'Lambda.ServiceException', Cause: FALLBACK_CAUSE }],
    });
  });

  it('publishes the fallback analysis when PrepareText cannot run', async () => {
    const result = await run(message(), {
      'lambda:prepare-text': failing(99, () => awsError('Lambda.TooManyRequestsException', 'Rate exceeded'), () => ({})),
    });
    expect(analysed(result).Analysis.Errors).toEqual([{ Step: 'PrepareText', Error: 'Lambda.TooManyRequestsException', Cause: FALLBACK_CAUSE }]);
    expect(result.calls['lambda:prepare-text']).toHaveLength(4);
  });

  it('fails the execution, publishing nothing, for a message that breaks its contract', async () => {
    const { Twitter: _twitter, ...withoutOrigin } = message();
    const result = await runAnalysis(analysisDefinition(), busEvent('MESSAGE_RECEIVED', withoutOrigin as MessageReceived), {
      services: fixtureServices(),
    });
    expect(result.error?.name).toBe('InvalidMessageError');
    expect(result.published).toEqual([]);
  });

  it('retries a failed publication', async () => {
    const result = await run(message(), {
      'events:putEvents': failing(
        1,
        () => awsError('EventBridge.FailedEntry', 'ThrottlingException'),
        () => ({ Entries: [{ EventId: 'e-1' }], FailedEntryCount: 0 }),
      ),
    });
    expect(result.calls['events:putEvents']).toHaveLength(2);
    expect(result.retried).toContain('PublishAnalysis');
    expect(result.output).toEqual({ EventId: 'e-1' });
  });

  it('falls back to the minimal event when the full one cannot be published, and fails only if that cannot be either', async () => {
    const minimalOnly = await run(message(), {
      'events:putEvents': (parameters: { Entries: Array<{ Detail: MessageAnalysed }> }) => {
        if (parameters.Entries[0]!.Detail.Analysis.TextEntities.length > 0) throw awsError('EventBridge.FailedEntry', 'InternalFailure');
        return { Entries: [{ EventId: 'e-2' }], FailedEntryCount: 0 };
      },
    });
    expect(minimalOnly.output).toEqual({ EventId: 'e-2' });
    const entries = (minimalOnly.calls['events:putEvents'] as Array<{ Entries: Array<{ Detail: unknown }> }>).map((c) => c.Entries[0]!.Detail);
    const last = parseDetail('MESSAGE_ANALYSED', entries.at(-1));
    expect(last.Analysis.Errors).toEqual([{ Step: 'PublishAnalysis', Error: 'EventBridge.FailedEntry', Cause: FALLBACK_CAUSE }]);

    const nothing = await run(message(), { 'events:putEvents': failing(99, () => awsError('EventBridge.FailedEntry', 'InternalFailure'), () => ({})) });
    expect(nothing.error?.name).toBe('PublishFailed');
  });
});
