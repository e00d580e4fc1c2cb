import { MAX_PUT_EVENTS_BYTES } from '@sma/contracts';
import { assembleAnalysis } from './assemble';
import { analysisBudget, EVENT_RESERVED_BYTES, fitToBudget } from './fit';
import { assembleInput, imageInput } from './__testing__/inputs';

const NOW = new Date('2022-09-21T12:56:24.512Z');
const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('fitting the analysis into one event', () => {
  const full = assembleAnalysis(
    assembleInput({
      Images: {
        Download: { Result: { Images: [], Refused: [] } },
        Analyses: [
          imageInput('https://pbs.twimg.com/media/a.jpg', {
            Moderation: { Result: { ModerationLabels: [{ Name: 'Violence', ParentName: '', Confidence: 81.2 }] } },
          }),
          imageInput('https://pbs.twimg.com/media/b.jpg'),
        ],
      },
    }),
    NOW,
  );

  it('leaves the message and the reserved entry fields their room', () => {
    expect(analysisBudget(100_000)).toBe(MAX_PUT_EVENTS_BYTES - EVENT_RESERVED_BYTES - 100_000);
  });

  it('changes nothing that fits', () => {
    expect(fitToBudget(full, size(full))).toBe(full);
  });

  it('gives up the bulkiest findings first, says so, and fits', () => {
    // Dropping both images' text lines saves more than the error entry that says so costs.
    const budget = size(full) - 100;
    const fitted = fitToBudget(full, budget);
    expect(size(fitted)).toBeLessThanOrEqual(budget);
    expect(fitted.Analysis.Images.every((i) => i.TextDetections.length === 0)).toBe(true);
    expect(fitted.Analysis.Images.every((i) => i.CelebrityFaces.length === 1)).toBe(true);
    expect(fitted.Analysis.Errors.at(-1)).toEqual({
      Step: 'AssembleAnalysis',
      Error: 'EventSizeLimit',
      Cause: `Dropped text detections to keep MESSAGE_ANALYSED within ${MAX_PUT_EVENTS_BYTES} bytes`,
    });
  });

  it('keeps moderation labels and PII until nothing else is left to give up', () => {
    const bare = full.Analysis.Images.map((i) => ({ ...i, Labels: [], TextDetections: [], CelebrityFaces: [], UnrecognizedFaces: [] }));
    const fitted = fitToBudget(full, size({ ...full, Analysis: { ...full.Analysis, TextEntities: [], Images: bare } }) + 250);
    expect(fitted.Analysis.PiiEntities).toHaveLength(1);
    expect(fitted.Analysis.Images[0]!.ModerationLabels).toEqual([{ Name: 'Violence', ParentName: '', Confidence: 81.2 }]);
    expect(fitted.Analysis.Errors.at(-1)!.Cause).toBe(
      `Dropped text detections, label instances, unrecognized faces, labels, text entities, celebrity faces to keep MESSAGE_ANALYSED within ${MAX_PUT_EVENTS_BYTES} bytes`,
    );
  });

  it('sheds to the budget a message of 259 KB leaves', () => {
    const input = assembleInput();
    input.Text.Plan.MessageBytes = 259_000;
    const assembled = assembleAnalysis(input, NOW);
    expect(size(assembled)).toBeLessThanOrEqual(analysisBudget(259_000));
    expect(assembled.Analysis.Errors.some((e) => e.Error === 'EventSizeLimit')).toBe(true);
  });
});
