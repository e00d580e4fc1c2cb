import { ORIGINAL_DEFINITION, ORIGINAL_TOPOLOGY } from './original-design';
import { aiResponse, downloadedEveryImage } from './stand-ins';
import { runWorkflow, taskStates } from './workflow-probe';

const findings = { negative: true, celebrity: false, moderated: false, language: 'en' };
const message = (imageUrls: string[]) => ({ detail: { MessageId: 'TWITTER-1', Channel: 'TWITTER', Text: 'the van broke down', Author: 'harry11', Twitter: {}, ImageUrls: imageUrls } });
const run = (imageUrls: string[]) =>
  runWorkflow(ORIGINAL_TOPOLOGY.stateMachines['Original/Workflow']!, message(imageUrls), {
    sdk: (service, action) => aiResponse(service, action, findings),
    lambda: async (_fn, payload) => downloadedEveryImage(payload),
  });

describe('runWorkflow (the original design’s Standard workflow)', () => {
  it('enters 6 states for a text: Analyse, DetectEntities, DetectSentiment, HasImages, NoImages, PublishAnalysis', async () => {
    const result = await run([]);
    expect(result.transitions).toBe(6);
    expect(result.sdkCalls.map((c) => c.action).sort()).toEqual(['detectEntities', 'detectSentiment']);
    expect(result.sdkCalls[0]!.parameters).toMatchObject({ Text: 'the van broke down', LanguageCode: 'en' });
    expect(result.lambdaCalls).toEqual([]);
    expect(result.published).toEqual([
      {
        detailType: 'MESSAGE_ANALYSED',
        detail: expect.objectContaining({ Analysis: { TextEntities: [], TextSentiment: 'NEGATIVE', Images: [] } }),
      },
    ]);
  });

  it('enters 6 − 1 + 6 = 11 for one photo: DownloadImages, AnalyseImages, AnalyseImage and its 3 Rekognition tasks instead of NoImages', async () => {
    const result = await run(['https://pbs.twimg.com/media/a.jpg']);
    expect(result.transitions).toBe(11);
    expect(result.lambdaCalls).toEqual([{ functionId: 'Original/download-images' }]);
    expect(result.sdkCalls.filter((c) => c.service === 'rekognition').map((c) => c.parameters)).toEqual(
      Array(3).fill({ Image: { S3Object: { Bucket: 'analysis-images', Name: 'images/TWITTER-1/0.jpg' } } }),
    );
  });

  it('lists every task, nested ones included', () => {
    expect(taskStates(ORIGINAL_DEFINITION).map((t) => t.name)).toEqual([
      'DetectEntities',
      'DetectSentiment',
      'DownloadImages',
      'DetectLabels',
      'DetectText',
      'RecognizeCelebrities',
      'PublishAnalysis',
    ]);
    expect(ORIGINAL_TOPOLOGY.stateMachines['Original/Workflow']!.stateCount).toBe(13);
  });
});
