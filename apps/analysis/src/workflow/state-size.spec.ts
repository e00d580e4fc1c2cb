import { MAX_PUT_EVENTS_BYTES, parseDetail, type MessageReceived } from '@sma/contracts';
import { busEvent, exampleDetail } from '@sma/contracts/testing';
import { analysisDefinition } from './__testing__/definition';
import { runAnalysis } from './__testing__/harness';
import { worstCaseServices } from './__testing__/worst-case';

/** Step Functions' limit on a state's input or output and on a task's result. */
const STATE_LIMIT = 256 * 1024;

const FOUR_IMAGES = [0, 1, 2, 3].map((i) => `https://pbs.twimg.com/media/FdJdXzWXkAEvKz${i}.jpg`);
const worstText = (bytes: number) => '1 '.repeat(bytes / 2);

function run(text: string) {
  const detail: MessageReceived = { ...exampleDetail('MESSAGE_RECEIVED'), Text: text, ImageUrls: FOUR_IMAGES };
  return runAnalysis(analysisDefinition(), busEvent('MESSAGE_RECEIVED', detail), { services: worstCaseServices() });
}

describe('state size in the worst case', () => {
  it('keeps the accumulated state under half of the 256 KiB limit with four worst-case images and 6 KB of adversarial text', async () => {
    const result = await run(worstText(6_000));
    expect(result.error).toBeUndefined();
    expect(result.largestState.bytes).toBeLessThan(STATE_LIMIT / 2);
    // The densest possible DetectEntities answer to the 5,000 bytes it is given still fits a state (text/limits.ts).
    expect(result.largestResponse.bytes).toBeLessThan(STATE_LIMIT);
    const detail = parseDetail('MESSAGE_ANALYSED', result.published[0]);
    expect(detail.Analysis.TextEntities).toHaveLength(50);
    expect(detail.Analysis.PiiEntities).toHaveLength(50);
    expect(detail.Analysis.Truncated).toEqual(['LANGUAGE', 'SENTIMENT', 'ENTITIES', 'PII']);
    for (const image of detail.Analysis.Images) {
      expect(image.Labels).toHaveLength(10);
      expect(image.Labels.every((l) => l.Instances.length === 3)).toBe(true);
      expect(image.TextDetections).toHaveLength(50);
      expect(image.CelebrityFaces).toHaveLength(12);
      expect(image.UnrecognizedFaces).toHaveLength(12);
      expect(image.ModerationLabels).toHaveLength(20);
    }
    expect(detail.Analysis.Errors).toEqual([]);
  });

  it('publishes an event within the PutEvents limit for the largest message EventBridge can deliver', async () => {
    const result = await run(worstText(240_000));
    expect(result.error).toBeUndefined();
    expect(result.largestState.bytes).toBeLessThan(STATE_LIMIT);
    const [published] = result.published;
    const entryBytes = Buffer.byteLength(JSON.stringify(published), 'utf8') + 'ANALYSIS'.length + 'MESSAGE_ANALYSED'.length;
    expect(entryBytes).toBeLessThanOrEqual(MAX_PUT_EVENTS_BYTES);
    const detail = parseDetail('MESSAGE_ANALYSED', published);
    expect(detail.Text).toHaveLength(240_000);
    expect(detail.Analysis.Errors.at(-1)).toMatchObject({ Step: 'AssembleAnalysis', Error: 'EventSizeLimit' });
  });
});
