import { CONTRACTS, DETAIL_TYPES, type DetailType } from '@sma/contracts';
import { busEvent } from '@sma/contracts/testing';

/**
 * The matcher benchmark's workload: rules shaped like the system's (detail-type
 * + the contract's source + detail conditions) and the contracts' example
 * events. Deterministic, so runs compare.
 */
export interface BenchRule {
  readonly name: string;
  readonly pattern: Record<string, unknown>;
}

const forTypes = (types: readonly DetailType[], detail?: Record<string, unknown>) => ({
  source: [...new Set(types.map((t) => CONTRACTS[t].source))].sort(),
  'detail-type': [...types],
  ...(detail ? { detail } : {}),
});

/** The rules the stacks put on the bus today (analysis, alerting, responding, egress, analytics, console). */
export const SYSTEM_RULES: readonly BenchRule[] = [
  { name: 'analysis-on-message-received', pattern: forTypes(['MESSAGE_RECEIVED']) },
  { name: 'alert-negative-message', pattern: forTypes(['MESSAGE_ANALYSED'], { Analysis: { TextSentiment: ['NEGATIVE'] } }) },
  {
    name: 'alert-image-moderation',
    pattern: forTypes(['MESSAGE_ANALYSED'], { Analysis: { Images: { ModerationLabels: { Confidence: [{ numeric: ['>=', 80] }] } } } }),
  },
  { name: 'responding-celebrity-photos', pattern: forTypes(['MESSAGE_ANALYSED'], { Analysis: { Images: { CelebrityFaces: { Name: [{ exists: true }] } } } }) },
  { name: 'responding-other-messages', pattern: forTypes(['MESSAGE_ANALYSED'], { Analysis: { Images: { CelebrityFaces: { Name: [{ exists: false }] } } } }) },
  { name: 'egress-send-reply', pattern: forTypes(['SEND_REPLY']) },
  { name: 'analytics-catch-all', pattern: { source: [{ prefix: '' }] } },
  { name: 'console-replies', pattern: forTypes(['REPLY_SENT', 'REPLY_FAILED']) },
];

/** Detail conditions of the kinds the system's rules use, varied by index. */
const DETAIL_CONDITIONS: readonly ((i: number) => Record<string, unknown>)[] = [
  (i) => ({ Channel: [['TWITTER', 'SLACK', 'WEBHOOK'][i % 3]] }),
  (i) => ({ MessageId: [{ prefix: ['TWITTER-', 'SLACK-', 'WEBHOOK-'][i % 3] }] }),
  (i) => ({ Analysis: { SentimentScore: { Negative: [{ numeric: ['>=', (i % 10) / 10] }] } } }),
  () => ({ Channel: [{ 'anything-but': ['WEBHOOK'] }] }),
  (i) => ({ Author: [{ 'equals-ignore-case': `HARRY${i % 20}` }] }),
  (i) => ({ Text: [{ wildcard: `*${['awful', 'joke', 'fact', 'van'][i % 4]}*` }] }),
  () => ({ Analysis: { TextEntities: { Type: ['ORGANIZATION'], Score: [{ numeric: ['>', 0.9] }] } } }),
  (i) => ({ Analysis: { Language: { Code: [{ 'anything-but': { prefix: ['x', 'y', 'z'][i % 3] } }] } } }),
  () => ({ $or: [{ Channel: ['SLACK'] }, { Analysis: { TextSentiment: ['NEGATIVE', 'MIXED'] } }] }),
  (i) => ({ Responder: [['IMAGE', 'TEXT'][i % 2]], Text: [{ suffix: ['face', 'joke'][i % 2] }] }),
];

/** `count` rules: the system's own first, then generated ones over every detail-type. */
export function benchRules(count: number): BenchRule[] {
  const rules: BenchRule[] = SYSTEM_RULES.slice(0, count);
  for (let i = 0; rules.length < count; i++) {
    const type = DETAIL_TYPES[i % DETAIL_TYPES.length]!;
    rules.push({ name: `generated-${i}-${type}`, pattern: forTypes([type], DETAIL_CONDITIONS[i % DETAIL_CONDITIONS.length]!(i)) });
  }
  return rules;
}

/** One example event per contract, as a rule target receives it. */
export function benchEvents(): ReturnType<typeof busEvent>[] {
  return DETAIL_TYPES.map((type) => busEvent(type));
}
