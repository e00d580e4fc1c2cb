import type { DetailType } from '@sma/contracts';

/**
 * Every assumption of the cost model, in one place, each with its reason.
 * Everything else — which functions run, their memory, the workflow and its
 * calls, the rules and their targets, event sizes — is read from the
 * synthesized templates or measured by running the real code.
 */
export interface Assumed<T> {
  readonly value: T;
  readonly why: string;
}

/** What one invocation of a function costs besides its memory × duration (which the journey prices). */
export interface Behaviour {
  /** Billed duration of one warm invocation. */
  readonly durationMs: number;
  /** Added per image the message carries (downloads, drawing, uploads). */
  readonly durationMsPerImage?: number;
  /** Events it publishes per invocation, one each. */
  readonly publishes?: readonly DetailType[];
  /** Lex RecognizeText calls per invocation. */
  readonly lexRequests?: number;
  readonly s3PutsPerImage?: number;
  readonly s3GetsPerImage?: number;
  /** Idempotency units (one record each: a conditional put to claim, an update to complete). */
  readonly idempotencyUnits?: number | 'one per event published';
  readonly why: string;
}

export const ASSUMPTIONS = {
  messagesPerMonth: {
    value: 1_000_000,
    why: 'The unit of the report, spread evenly over 30 days (0.39 messages/s). Only the batching figures depend on it: Firehose objects and transform invocations per message fall as traffic grows.',
  },
  textLengths: {
    value: [
      { characters: 60, share: 0.3 },
      { characters: 140, share: 0.4 },
      { characters: 280, share: 0.25 },
      { characters: 1_200, share: 0.05 },
    ],
    why: 'Mentions of a brand account are a sentence or two; X allows 280 characters (subscribers up to 25,000, hence a small long tail). Comprehend bills at least 300 characters per call, so only the tail bills above the minimum.',
  },
  negativeShare: {
    value: 0.2,
    why: 'Share of messages Comprehend calls NEGATIVE (alerting publishes one SNS message each). Mentions of a brand skew to complaints; 20% is a conservative middle of published brand-mention studies.',
  },
  celebrityShare: {
    value: 0.05,
    why: 'Share of photos in which RecognizeCelebrities names someone: the image responder (1,536 MB) answers those, the text responder (Lex) the rest.',
  },
  moderatedShare: {
    value: 0.01,
    why: 'Share of photos DetectModerationLabels flags at 80% confidence or more (an SNS moderation alert each).',
  },
  language: {
    value: 'en',
    why: 'Every message in English: all four Comprehend analyses apply (PII supports English and Spanish only), the costliest case for text.',
  },
  expressDurationMs: {
    value: { text: 900, perImage: 1_600 },
    why: 'An execution waits for DetectDominantLanguage, then three parallel Comprehend calls (~150 ms each), two pure Lambdas and a PutEvents; a photo adds the download (~0.5 s) and four parallel Rekognition calls (~1 s). Billed in 100 ms steps.',
  },
  expressMemoryMb: {
    value: 64,
    why: 'Step Functions bills Express memory from the definition and payload sizes in 64 MB chunks; the analysis README measures a typical state of 4.5 KB, far inside the first chunk.',
  },
  coldStarts: {
    value: { share: 0.02, initMs: 250 },
    why: 'Lambda bills the INIT phase of on-demand functions (since August 2025). At about one message every 2.6 s most invocations are warm; 2% cold at ~250 ms (the bundle bench measures 90–235 ms to load a bundle locally, plus the runtime start).',
  },
  lambdaLogBytes: {
    value: 1_500,
    why: 'Per invocation: the platform START/END/REPORT records in JSON format (~600 B), two Powertools INFO lines (~600 B), one EMF metrics document (~300 B).',
  },
  logEventOverheadBytes: {
    value: 26,
    why: 'CloudWatch Logs counts 26 bytes of metadata per log event on top of the message.',
  },
  xraySampledShare: {
    value: 0.05,
    why: "The default sampling rule records the first request each second and 5% of the rest; one trace per message (EventBridge and Step Functions propagate the trace header). The reservoir is ignored: at steady traffic above 1 message/s the 5% dominates.",
  },
  firehoseTransformMs: {
    value: { perInvocation: 100, perRecord: 1 },
    why: 'The transform validates each record against its contract and adds partition keys: about a millisecond per record plus the invocation.',
  },
} as const satisfies Record<string, Assumed<unknown>>;

/** The numeric assumptions the pricing functions take (tests state their own). */
export interface PricingAssumptions {
  readonly coldStarts: { readonly share: number; readonly initMs: number };
  readonly lambdaLogBytes: number;
  readonly logEventOverheadBytes: number;
  readonly xraySampledShare: number;
  readonly expressDurationMs: { readonly text: number; readonly perImage: number };
  readonly expressMemoryMb: number;
  readonly firehoseTransformMs: { readonly perInvocation: number; readonly perRecord: number };
}

export const PRICING_ASSUMPTIONS: PricingAssumptions = {
  coldStarts: ASSUMPTIONS.coldStarts.value,
  lambdaLogBytes: ASSUMPTIONS.lambdaLogBytes.value,
  logEventOverheadBytes: ASSUMPTIONS.logEventOverheadBytes.value,
  xraySampledShare: ASSUMPTIONS.xraySampledShare.value,
  expressDurationMs: ASSUMPTIONS.expressDurationMs.value,
  expressMemoryMb: ASSUMPTIONS.expressMemoryMb.value,
  firehoseTransformMs: ASSUMPTIONS.firehoseTransformMs.value,
};

/**
 * What each function does per invocation beyond running, keyed `Stack/handler`
 * (the topology's function ids). A function the journey reaches without an
 * entry here stops the cost command: its cost would be a guess.
 */
export const BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  'Ingress/twitter': {
    durationMs: 150,
    idempotencyUnits: 'one per event published',
    why: 'Signature check, mapping, then per unit a conditional put, a PutEvents and an update (~40 ms each), two units in parallel.',
  },
  'Analysis/prepare-text': { durationMs: 10, why: 'Pure: validates and cuts texts (the analysis README measures it in milliseconds).' },
  'Analysis/assemble-analysis': { durationMs: 20, why: 'Pure: builds and validates the analysis, fits it into one event.' },
  'Analysis/download-images': {
    durationMs: 50,
    durationMsPerImage: 500,
    s3PutsPerImage: 1,
    why: 'Resolves and fetches each photo from pbs.twimg.com (~200 KB) and stores it in the analysis bucket.',
  },
  'Responding/text-responder': {
    durationMs: 450,
    lexRequests: 1,
    publishes: ['SEND_REPLY'],
    why: 'One Lex RecognizeText (which waits for the fulfilment hook) and one PutEvents.',
  },
  'Responding/fulfilment': { durationMs: 350, why: 'Lex code hook: one joke/fact API call under its 700 ms timeout, or a fallback line.' },
  'Responding/image-responder': {
    durationMs: 300,
    durationMsPerImage: 1_200,
    s3GetsPerImage: 1,
    s3PutsPerImage: 1,
    publishes: ['SEND_REPLY'],
    why: 'Reads each photo, draws the names at the faces (canvas), stores the annotated PNG, publishes the reply.',
  },
  'Egress/egress': {
    durationMs: 600,
    durationMsPerImage: 1_500,
    s3GetsPerImage: 1,
    idempotencyUnits: 1,
    publishes: ['REPLY_SENT'],
    why: 'Claims the command, posts the reply to X (~0.5 s; a media upload first when there is an image), records it, publishes REPLY_SENT.',
  },
};
