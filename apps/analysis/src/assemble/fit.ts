import { MAX_PUT_EVENTS_BYTES, type Analysis } from '@sma/contracts';
import { utf8Bytes } from '../text/utf8';
import { STEPS } from '../workflow/steps';

/**
 * Room kept free in the 256 KB entry for what is not the detail: the source,
 * the detail-type, and the execution and state machine ARNs the optimized
 * `events:putEvents` integration appends to `Resources` (each under 300
 * characters), with a margin for how Step Functions serialises the detail.
 */
export const EVENT_RESERVED_BYTES = 2_048;

/** The bytes `{AnalysedAt, Analysis}` may take so that the message plus it fits one PutEvents entry (and one state). */
export function analysisBudget(messageBytes: number): number {
  return MAX_PUT_EVENTS_BYTES - EVENT_RESERVED_BYTES - messageBytes;
}

export interface AssembledAnalysis {
  readonly AnalysedAt: string;
  readonly Analysis: Analysis;
}

type Shed = { readonly what: string; readonly shed: (a: Analysis) => Analysis };

const eachImage = (fn: (image: Analysis['Images'][number]) => Analysis['Images'][number]) => (a: Analysis) => ({
  ...a,
  Images: a.Images.map(fn),
});

/** What is given up first when the event would be too large: the bulkiest, least used findings first; moderation and PII last. */
const SHEDDING: readonly Shed[] = [
  { what: 'text detections', shed: eachImage((i) => ({ ...i, TextDetections: [] })) },
  { what: 'label instances', shed: eachImage((i) => ({ ...i, Labels: i.Labels.map((l) => ({ ...l, Instances: [] })) })) },
  { what: 'unrecognized faces', shed: eachImage((i) => ({ ...i, UnrecognizedFaces: [] })) },
  { what: 'labels', shed: eachImage((i) => ({ ...i, Labels: [] })) },
  { what: 'text entities', shed: (a) => ({ ...a, TextEntities: [] }) },
  { what: 'celebrity faces', shed: eachImage((i) => ({ ...i, CelebrityFaces: [] })) },
  { what: 'moderation labels', shed: eachImage((i) => ({ ...i, ModerationLabels: [] })) },
  { what: 'PII entities', shed: (a) => ({ ...a, PiiEntities: [] }) },
  { what: 'images', shed: (a) => ({ ...a, Images: [] }) },
  { what: 'errors after the first ten', shed: (a) => ({ ...a, Errors: a.Errors.slice(0, 10) }) },
];

const sizeOf = (output: AssembledAnalysis) => utf8Bytes(JSON.stringify(output));

/**
 * Keeps the assembled analysis within `budget` bytes, giving up whole kinds of
 * findings in a fixed order and saying so in `Errors`, so the event can always
 * be published rather than lost for being 1 KB too large.
 */
export function fitToBudget(output: AssembledAnalysis, budget: number): AssembledAnalysis {
  if (sizeOf(output) <= budget) return output;
  let analysis = output.Analysis;
  const dropped: string[] = [];
  let candidate = output;
  for (const step of SHEDDING) {
    analysis = step.shed(analysis);
    dropped.push(step.what);
    candidate = {
      AnalysedAt: output.AnalysedAt,
      Analysis: {
        ...analysis,
        Errors: [
          ...analysis.Errors,
          {
            Step: STEPS.assemble,
            Error: 'EventSizeLimit',
            Cause: `Dropped ${dropped.join(', ')} to keep MESSAGE_ANALYSED within ${MAX_PUT_EVENTS_BYTES} bytes`,
          },
        ],
      },
    };
    if (sizeOf(candidate) <= budget) return candidate;
  }
  return candidate;
}
