import {
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectEntitiesCommand,
  DetectPiiEntitiesCommand,
  DetectSentimentCommand,
} from '@aws-sdk/client-comprehend';
import { startTestCloud, type TestCloud } from '../__testing__/test-cloud';
import { comprehendService, type ComprehendApi } from './index';

let env: TestCloud;
let comprehend: ComprehendClient;

beforeAll(async () => {
  env = await startTestCloud([comprehendService]);
  comprehend = new ComprehendClient(env.client);
});
afterAll(() => env.dispose());

describe('Comprehend over the wire', () => {
  it('warms up at start and reports the timings', async () => {
    const timings = await (env.cloud.instance('comprehend')!.api as ComprehendApi).warmedUp;
    expect(Object.keys(timings!).sort()).toEqual(['entities', 'language', 'pii', 'sentiment']);
  });

  it('answers the four analyses of the contract example with the SDK client', async () => {
    const Text = '@makitdev the van broke down again, awful service from Acme Motors. Call me on 07700 900123';
    const language = await comprehend.send(new DetectDominantLanguageCommand({ Text }));
    expect(language.Languages![0]!.LanguageCode).toBe('en');
    const sentiment = await comprehend.send(new DetectSentimentCommand({ Text, LanguageCode: 'en' }));
    expect(sentiment.Sentiment).toBe('NEGATIVE');
    const entities = await comprehend.send(new DetectEntitiesCommand({ Text, LanguageCode: 'en' }));
    expect(entities.Entities!.map((e) => [e.Type, e.Text, e.BeginOffset, e.EndOffset])).toEqual([
      ['PERSON', '@makitdev', 0, 9],
      ['ORGANIZATION', 'Acme Motors', 55, 66],
    ]);
    const pii = await comprehend.send(new DetectPiiEntitiesCommand({ Text, LanguageCode: 'en' }));
    expect(pii.Entities!.map((e) => [e.Type, e.BeginOffset, e.EndOffset])).toEqual([['PHONE', 79, 91]]);
  });

  it('answers AWS errors with their codes', async () => {
    await expect(comprehend.send(new DetectSentimentCommand({ Text: 'é'.repeat(2_501), LanguageCode: 'en' }))).rejects.toMatchObject({
      name: 'TextSizeLimitExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(comprehend.send(new DetectPiiEntitiesCommand({ Text: 'Bonjour', LanguageCode: 'fr' }))).rejects.toMatchObject({ name: 'UnsupportedLanguageException' });
  });

  it('answers batches document by document', async () => {
    const answer = await comprehend.send(new BatchDetectSentimentCommand({ TextList: ['I love it', '   ', 'I hate it'], LanguageCode: 'en' }));
    expect(answer.ResultList!.map((r) => [r.Index, r.Sentiment])).toEqual([
      [0, 'POSITIVE'],
      [2, 'NEGATIVE'],
    ]);
    expect(answer.ErrorList).toEqual([{ Index: 1, ErrorCode: 'InvalidRequestException', ErrorMessage: expect.any(String) }]);
    await expect(comprehend.send(new BatchDetectSentimentCommand({ TextList: Array(26).fill('hi'), LanguageCode: 'en' }))).rejects.toMatchObject({
      name: 'BatchSizeLimitExceededException',
    });
  });
});
