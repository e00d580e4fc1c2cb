import type { Behaviour } from '../assumptions';
import type { JourneyRuntime } from '../journey';
import { PRICING_ASSUMPTIONS, type PricingAssumptions } from '../assumptions';
import { functionNode, type Topology } from '../topology';

/**
 * A small design to compute by hand: API → ingress (512 MB) → MESSAGE_RECEIVED
 * → an Express workflow (one DetectSentiment, one PutEvents of MESSAGE_ANALYSED)
 * → a responder (256 MB, one Lex request) → SEND_REPLY, which nothing consumes.
 */
const fn = (handler: string, memoryMb: number, mayPublish?: string[]) => functionNode('Example', handler, memoryMb, 'arm64', mayPublish);

export const EXAMPLE_TOPOLOGY: Topology = {
  name: 'example',
  entry: { function: 'Example/ingress', apiRequests: 1, accessLogBytes: 0 },
  functions: { 'Example/ingress': fn('ingress', 512, ['MESSAGE_RECEIVED']), 'Example/responder': fn('responder', 256, ['SEND_REPLY']) },
  rules: [
    { id: 'Example/Analyse', pattern: { 'detail-type': ['MESSAGE_RECEIVED'] }, targets: [{ kind: 'stateMachine', id: 'Example/Workflow' }] },
    { id: 'Example/Respond', pattern: { 'detail-type': ['MESSAGE_ANALYSED'] }, targets: [{ kind: 'function', id: 'Example/responder' }] },
  ],
  stateMachines: {
    'Example/Workflow': {
      id: 'Example/Workflow',
      type: 'EXPRESS',
      stateCount: 2,
      functionsByArn: {},
      definition: {
        StartAt: 'Sentiment',
        States: {
          Sentiment: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:comprehend:detectSentiment',
            Parameters: { 'Text.$': '$.detail.Text', LanguageCode: 'en' },
            ResultPath: '$.Sentiment',
            Next: 'Publish',
          },
          Publish: {
            Type: 'Task',
            Resource: 'arn:aws:states:::events:putEvents',
            Parameters: { Entries: [{ DetailType: 'MESSAGE_ANALYSED', Source: 'ANALYSIS', Detail: { 'Sentiment.$': '$.Sentiment.Sentiment' } }] },
            End: true,
          },
        },
      },
    },
  },
  deliveryStreams: {},
  traced: false,
  idempotencyTables: [],
  lexFulfilment: undefined,
};

export const EXAMPLE_BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  'Example/ingress': { durationMs: 100, why: 'example' },
  'Example/responder': { durationMs: 200, lexRequests: 1, publishes: ['SEND_REPLY'], why: 'example' },
};

/** Round numbers: no cold starts, 1,000 log bytes per invocation, 1 s workflows of 64 MB. */
export const EXAMPLE_ASSUMPTIONS: PricingAssumptions = {
  ...PRICING_ASSUMPTIONS,
  coldStarts: { share: 0, initMs: 0 },
  lambdaLogBytes: 1_000,
  logEventOverheadBytes: 0,
  xraySampledShare: 0,
  expressDurationMs: { text: 1_000, perImage: 0 },
  expressMemoryMb: 64,
};

export const EXAMPLE_RUNTIME: JourneyRuntime = {
  aiResponse: () => ({ Sentiment: 'NEGATIVE', SentimentScore: { Positive: 0, Negative: 1, Neutral: 0, Mixed: 0 } }),
  runStep: async () => {
    throw new Error('the example has no Lambda steps');
  },
  detailFor: (detailType) => ({ detailType }),
};
