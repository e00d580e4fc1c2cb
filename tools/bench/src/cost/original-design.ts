import type { Behaviour } from './assumptions';
import { BEHAVIOURS } from './assumptions';
import { countStates } from './template-topology';
import { functionNode, type AslDefinition, type Topology } from './topology';

/**
 * The original design (reference/original-design.md), declared because it has
 * no templates here: Lambdas at the CDK defaults of the time (128 MB, x86_64),
 * a Standard workflow with language hard-coded to `en` (no DetectDominantLanguage),
 * no PII detection, no moderation, no idempotency tables, no tracing; the same
 * bus, archive, catch-all log, Firehose (with its newline Lambda, no dynamic
 * partitioning), alert rule, responders and egress. Its events are sized with
 * our contracts' details (its `SEND_TWEET` with our `SEND_REPLY`).
 */

const DOWNLOAD_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:original-download-images';

/** A one-task branch calling an AWS SDK integration, e.g. `sdkBranch('comprehend', 'DetectSentiment', …)`. */
const sdkBranch = (service: string, action: string, parameters: Record<string, unknown>): AslDefinition => ({
  StartAt: action,
  States: {
    [action]: { Type: 'Task', Resource: `arn:aws:states:::aws-sdk:${service}:${action[0]!.toLowerCase()}${action.slice(1)}`, Parameters: parameters, End: true },
  },
});
const comprehend = (action: string) => sdkBranch('comprehend', action, { 'Text.$': '$.detail.Text', LanguageCode: 'en' });
const rekognition = (action: string) => sdkBranch('rekognition', action, { Image: { S3Object: { 'Bucket.$': '$.Bucket', 'Name.$': '$.Key' } } });

/** Parallel(entities, sentiment, images: download then a Map of labels, text and celebrities) → PutEvents; failures swallowed. */
export const ORIGINAL_DEFINITION: AslDefinition = {
  StartAt: 'Analyse',
  States: {
    Analyse: {
      Type: 'Parallel',
      Branches: [
        comprehend('DetectEntities'),
        comprehend('DetectSentiment'),
        {
          StartAt: 'HasImages',
          States: {
            HasImages: { Type: 'Choice', Choices: [{ Variable: '$.detail.ImageUrls[0]', IsPresent: true, Next: 'DownloadImages' }], Default: 'NoImages' },
            NoImages: { Type: 'Pass', Result: [], End: true },
            DownloadImages: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: DOWNLOAD_ARN, Payload: { 'MessageId.$': '$.detail.MessageId', 'ImageUrls.$': '$.detail.ImageUrls' } },
              ResultSelector: { 'Images.$': '$.Payload.Images' },
              Next: 'AnalyseImages',
            },
            AnalyseImages: {
              Type: 'Map',
              ItemsPath: '$.Images',
              ItemProcessor: {
                StartAt: 'AnalyseImage',
                States: {
                  AnalyseImage: {
                    Type: 'Parallel',
                    Branches: [rekognition('DetectLabels'), rekognition('DetectText'), rekognition('RecognizeCelebrities')],
                    ResultPath: '$.Analysis',
                    End: true,
                  },
                },
              },
              End: true,
            },
          },
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Vanished' }],
      Next: 'PublishAnalysis',
    },
    Vanished: { Type: 'Pass', End: true },
    PublishAnalysis: {
      Type: 'Task',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: {
        Entries: [
          {
            EventBusName: 'Plumbing',
            Source: 'ANALYSIS',
            DetailType: 'MESSAGE_ANALYSED',
            Detail: {
              'MessageId.$': '$$.Execution.Input.detail.MessageId',
              'Channel.$': '$$.Execution.Input.detail.Channel',
              'Text.$': '$$.Execution.Input.detail.Text',
              'Author.$': '$$.Execution.Input.detail.Author',
              'Twitter.$': '$$.Execution.Input.detail.Twitter',
              Analysis: { 'TextEntities.$': '$[0].Entities', 'TextSentiment.$': '$[1].Sentiment', 'Images.$': '$[2]' },
            },
          },
        ],
      },
      End: true,
    },
  },
};

const fn = (handler: string, mayPublish?: readonly string[]) => functionNode('Original', handler, 128, 'x86_64', mayPublish);

export const ORIGINAL_TOPOLOGY: Topology = {
  name: 'original design',
  entry: { function: 'Original/ingress', apiRequests: 1, accessLogBytes: 0 },
  functions: Object.fromEntries(
    [
      fn('ingress', ['TWITTER_TWEETED', 'MESSAGE_RECEIVED']),
      fn('download-images'),
      fn('text-responder', ['SEND_REPLY']),
      fn('fulfilment'),
      fn('image-responder', ['SEND_REPLY']),
      fn('egress', []),
      fn('newline'),
    ].map((f) => [f.id, f]),
  ),
  rules: [
    { id: 'Original/Analysis', pattern: { source: ['INGRESS'], 'detail-type': ['MESSAGE_RECEIVED'] }, targets: [{ kind: 'stateMachine', id: 'Original/Workflow' }] },
    {
      id: 'Original/NegativeAlert',
      pattern: { 'detail-type': ['MESSAGE_ANALYSED'], detail: { Analysis: { TextSentiment: ['NEGATIVE'] } } },
      targets: [{ kind: 'topic', id: 'Original/Alerts' }],
    },
    { id: 'Original/Lake', pattern: { source: [{ prefix: '' }] }, targets: [{ kind: 'deliveryStream', id: 'Original/Firehose' }] },
    { id: 'Original/EventLog', pattern: { source: [{ prefix: '' }] }, targets: [{ kind: 'logGroup', id: 'Original/EventLog' }] },
    { id: 'Original/Archive', pattern: {}, targets: [{ kind: 'archive', id: 'Original/Archive' }] },
    {
      id: 'Original/ImageResponse',
      pattern: { 'detail-type': ['MESSAGE_ANALYSED'], detail: { Analysis: { Images: { Key: [{ exists: true }] } } } },
      targets: [{ kind: 'function', id: 'Original/image-responder' }],
    },
    {
      id: 'Original/TextResponse',
      pattern: { 'detail-type': ['MESSAGE_ANALYSED'], detail: { Analysis: { Images: { Key: [{ exists: false }] } } } },
      targets: [{ kind: 'function', id: 'Original/text-responder' }],
    },
    { id: 'Original/Egress', pattern: { 'detail-type': ['SEND_REPLY'] }, targets: [{ kind: 'function', id: 'Original/egress' }] },
  ],
  stateMachines: {
    'Original/Workflow': {
      id: 'Original/Workflow',
      type: 'STANDARD',
      definition: ORIGINAL_DEFINITION,
      functionsByArn: { [DOWNLOAD_ARN]: 'Original/download-images' },
      stateCount: countStates(ORIGINAL_DEFINITION),
    },
  },
  deliveryStreams: {
    'Original/Firehose': { id: 'Original/Firehose', bufferSeconds: 60, dynamicPartitioning: false, processor: { function: 'Original/newline', bufferSeconds: 60 } },
  },
  traced: false,
  idempotencyTables: [],
  lexFulfilment: 'Original/fulfilment',
};

/** The same work takes the same time as ours (generous to the original: its functions had a quarter of the memory, hence of the CPU). */
const like = (id: string, overrides: Partial<Behaviour> = {}): Behaviour => ({ ...BEHAVIOURS[id]!, ...overrides });

export const ORIGINAL_BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  'Original/ingress': { durationMs: 100, why: 'Signature check, mapping and one PutEvents; no idempotency.' },
  'Original/download-images': like('Analysis/download-images'),
  'Original/text-responder': like('Responding/text-responder'),
  'Original/fulfilment': like('Responding/fulfilment'),
  'Original/image-responder': like('Responding/image-responder'),
  'Original/egress': like('Egress/egress', { idempotencyUnits: 0, publishes: [], why: 'Posts the reply; publishes nothing, records nothing.' }),
};
