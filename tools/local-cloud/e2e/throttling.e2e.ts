/**
 * A throttle storm on the AI services: the local Comprehend and Rekognition answer
 * `ThrottlingException` (the fault injector, `/_localcloud/faults`) while a burst of
 * mentions — text, and one with a photo — is analysed. The analysis workflow retries
 * with backoff and full jitter as its synthesized definition says, and still emits
 * exactly one `MESSAGE_ANALYSED` per message; every retry is in the execution history.
 *
 * Real retry timing (delayScale 1): the waits between attempts are what is observed.
 * Each distinct request is throttled a fixed number of times (`perRequest`), so the
 * storm is deterministic: within the retry budget it is ridden out (no error recorded),
 * past it the analysis is caught and recorded in `Analysis.Errors`, the message still
 * analysed once.
 */
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  paginateGetExecutionHistory,
  paginateListExecutions,
  SFNClient,
  type ExecutionListItem,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { parseDetail, type Analysis } from '@sma/contracts';
import { gradientPng } from '../src/__testing__/images';
import { eventually, ofMessage, resources, startCloud, waitForEvents, type LoggedEvent, type RunningCloud } from './harness';

let cloud: RunningCloud;
let sfn: SFNClient;
let stateMachineArn: string;

const COMPREHEND_TASKS = ['detectDominantLanguage', 'detectSentiment', 'detectEntities', 'detectPiiEntities'];
const REKOGNITION_TASKS = ['detectLabels', 'detectText', 'recognizeCelebrities', 'detectModerationLabels'];

interface Retrier {
  readonly ErrorEquals: string[];
  readonly IntervalSeconds: number;
  readonly BackoffRate: number;
  readonly MaxAttempts: number;
  readonly MaxDelaySeconds: number;
}
/** The throttling retrier of each AI task, by SDK action (`detectSentiment`), from the deployed definition. */
const retriers = new Map<string, Retrier>();

function collectRetriers(states: Record<string, { Type: string; Resource?: string; Retry?: Retrier[]; Branches?: Array<{ States: never }>; ItemProcessor?: { States: never }; Iterator?: { States: never } }>): void {
  for (const state of Object.values(states)) {
    const action = /:aws-sdk:(?:comprehend|rekognition):(\w+)$/.exec(state.Resource ?? '')?.[1];
    const retrier = state.Retry?.find((r) => r.ErrorEquals.some((e) => e.endsWith('.ThrottlingException')));
    if (action && retrier) retriers.set(action, retrier);
    for (const branch of state.Branches ?? []) collectRetriers(branch.States);
    for (const inner of [state.ItemProcessor, state.Iterator]) if (inner) collectRetriers(inner.States);
  }
}

/** The most a retrier waits before retry n (1-based): its interval grown by the backoff rate, capped. */
const capMs = (r: Retrier, n: number) => Math.min(r.IntervalSeconds * r.BackoffRate ** (n - 1), r.MaxDelaySeconds) * 1000;

beforeAll(async () => {
  cloud = await startCloud({ delayScale: 1 });
  sfn = new SFNClient(cloud.sdk);
  const machine = (await resources(cloud)).find((r) => r.stack === 'Analysis' && r.type === 'AWS::StepFunctions::StateMachine');
  if (!machine) throw new Error('The Analysis stack has no state machine');
  stateMachineArn = machine.arn!;
  const { definition } = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  collectRetriers((JSON.parse(definition!) as { States: never }).States);
  expect([...retriers.keys()].sort()).toEqual([...COMPREHEND_TASKS, ...REKOGNITION_TASKS].sort());
});

afterAll(async () => {
  await cloud?.stop();
});

/** The history of the execution that analysed a message (the workflow's input is the bus event). */
async function historyOf(messageId: string): Promise<HistoryEvent[]> {
  const mine: ExecutionListItem[] = [];
  for await (const page of paginateListExecutions({ client: sfn }, { stateMachineArn })) {
    for (const e of page.executions ?? []) {
      const { input } = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      if ((JSON.parse(input ?? '{}') as { detail?: { MessageId?: string } }).detail?.MessageId === messageId) mine.push(e);
    }
  }
  expect(mine).toHaveLength(1);
  const events: HistoryEvent[] = [];
  for await (const page of paginateGetExecutionHistory({ client: sfn }, { executionArn: mine[0]!.executionArn })) events.push(...(page.events ?? []));
  return events;
}

/** Each task's attempts in a history: the error of each failed one, and the wait before the next (ms). */
function attemptsByTask(history: HistoryEvent[]): Map<string, { failures: string[]; waits: number[]; succeeded: boolean }> {
  const tasks = new Map<string, { failures: string[]; waits: number[]; succeeded: boolean; failedAt?: number }>();
  for (const e of history) {
    const scheduled = e.taskScheduledEventDetails;
    const failed = e.taskFailedEventDetails;
    const succeeded = e.taskSucceededEventDetails;
    const name = scheduled?.resource ?? failed?.resource ?? succeeded?.resource;
    if (!name) continue;
    const task = tasks.get(name) ?? { failures: [], waits: [], succeeded: false };
    tasks.set(name, task);
    const at = e.timestamp!.getTime();
    if (scheduled && task.failedAt !== undefined) task.waits.push(at - task.failedAt);
    if (failed) {
      task.failures.push(failed.error!);
      task.failedAt = at;
    }
    if (succeeded) task.succeeded = true;
  }
  return tasks;
}

/** What a retry may take beyond its wait on this shared machine: the interpreter's timer and the next dispatch. */
const DISPATCH_MS = 750;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function analysedOnce(messageIds: string[]): Promise<Map<string, Analysis>> {
  const analyses = new Map<string, Analysis>();
  for (const messageId of messageIds) {
    await waitForEvents(cloud, (e) => e['detail-type'] === 'MESSAGE_ANALYSED' && ofMessage(messageId)(e), { what: `MESSAGE_ANALYSED of ${messageId}`, timeoutMs: 120_000 });
  }
  // Long enough for a second execution of any message to publish too.
  await new Promise((r) => setTimeout(r, 3000));
  const analysed = (await waitForEvents(cloud, (e) => e['detail-type'] === 'MESSAGE_ANALYSED')).filter((e: LoggedEvent) => messageIds.includes(String(e.detail['MessageId'])));
  for (const messageId of messageIds) {
    const mine = analysed.filter(ofMessage(messageId));
    expect(mine).toHaveLength(1);
    analyses.set(messageId, parseDetail('MESSAGE_ANALYSED', mine[0]!.detail).Analysis);
  }
  return analyses;
}

it('rides out a storm within the retry budget: one MESSAGE_ANALYSED per message, no error, every retry in the history with growing waits', async () => {
  const image = await cloud.client.uploadImage(gradientPng(320, 240), 'storm.png');
  // Warm the path first (engines loaded, Lambda environments started), so the waits measured
  // are the retry policy's, not cold starts'.
  const warm = await cloud.client.postMention('@sma_bot warm up before the storm, please', { imageUrls: [image] });
  await cloud.client.waitForReply(warm.tweetId, 120_000);
  // As many throttles per request as the stingiest retrier can ride out (Rekognition's: 3).
  const THROTTLES = Math.min(...[...retriers.values()].map((r) => r.MaxAttempts));
  await cloud.client.addFault({ service: 'comprehend', error: 'ThrottlingException', perRequest: THROTTLES });
  await cloud.client.addFault({ service: 'rekognition', error: 'ThrottlingException', perRequest: THROTTLES });
  const posts = await Promise.all([
    ...Array.from({ length: 6 }, (_, i) => cloud.client.postMention(`@sma_bot storm message number ${i}: tell me a joke, this is a lovely day`)),
    cloud.client.postMention('@sma_bot what is in this picture during the storm?', { imageUrls: [image] }),
  ]);
  expect(posts.map((p) => p.status)).toEqual(Array(posts.length).fill(200));
  const messageIds = posts.map((p) => `TWITTER-${p.tweetId}`);

  const analyses = await analysedOnce(messageIds);
  for (const analysis of analyses.values()) {
    expect(analysis.Errors).toEqual([]);
    expect(analysis.TextSentiment).toBeDefined();
    expect(analysis.Language.Source).toBe('DETECTED');
  }
  expect(analyses.get(messageIds.at(-1)!)!.Images).toHaveLength(1);

  const waitsByRetry: number[][] = Array.from({ length: THROTTLES }, () => []);
  const overlong: Array<{ messageId: string; name: string; retry: number; wait: number }> = [];
  for (const [i, messageId] of messageIds.entries()) {
    const tasks = attemptsByTask(await historyOf(messageId));
    const expected = [...COMPREHEND_TASKS, ...(i === messageIds.length - 1 ? REKOGNITION_TASKS : [])];
    for (const name of expected) {
      const task = tasks.get(name);
      expect({ name, ...task }).toMatchObject({ name, succeeded: true, failures: Array(THROTTLES).fill(expect.stringMatching(/^(Comprehend|Rekognition)\.ThrottlingException$/)) });
      task!.waits.forEach((w, n) => waitsByRetry[n]!.push(w));
      // Full jitter: each wait is at most the retrier's capped interval (plus dispatch time).
      task!.waits.forEach((wait, n) => {
        if (wait > capMs(retriers.get(name)!, n + 1) + DISPATCH_MS) overlong.push({ messageId, name, retry: n + 1, wait });
      });
    }
  }
  expect(overlong).toEqual([]);
  const faults = await cloud.client.faults();
  expect(faults.map((f) => f.injected)).toEqual([THROTTLES * COMPREHEND_TASKS.length * messageIds.length, THROTTLES * REKOGNITION_TASKS.length]);
  // Exponential backoff with full jitter (1 s, ×2; each wait uniform in [0, interval]):
  // the mean wait before the third retry is about four times that before the first.
  const means = waitsByRetry.map(mean);
  process.stdout.write(`throttle storm: ${waitsByRetry[0]!.length} throttled tasks; mean wait before retry 1, 2, 3: ${means.map((m) => `${Math.round(m)} ms`).join(', ')}\n`);
  expect(means[2]!).toBeGreaterThan(2 * means[0]!);
  expect(means[1]!).toBeGreaterThan(means[0]!);
  await cloud.client.clearFaults();
}, 240_000);

it('past the retry budget, records the failed analysis in Analysis.Errors and still emits one MESSAGE_ANALYSED', async () => {
  // One throttle more than DetectSentiment's retrier retries: that request fails for good.
  const attempts = 1 + retriers.get('detectSentiment')!.MaxAttempts;
  const fault = await cloud.client.addFault({ service: 'comprehend', operations: ['DetectSentiment'], error: 'ThrottlingException', perRequest: attempts });
  const posted = await cloud.client.postMention('@sma_bot tell me a fact while sentiment is throttled for good');
  expect(posted.status).toBe(200);
  const messageId = `TWITTER-${posted.tweetId}`;
  const analysis = (await analysedOnce([messageId])).get(messageId)!;
  expect(analysis.TextSentiment).toBeUndefined();
  expect(analysis.Errors).toEqual([expect.objectContaining({ Step: 'DetectSentiment', Error: 'Comprehend.ThrottlingException' })]);
  expect(analysis.TextEntities).toBeDefined();
  const tasks = attemptsByTask(await historyOf(messageId));
  expect(tasks.get('detectSentiment')).toMatchObject({ succeeded: false, failures: Array(attempts).fill('Comprehend.ThrottlingException') });
  expect(tasks.get('detectEntities')).toMatchObject({ succeeded: true, failures: [] });
  expect((await cloud.client.faults()).find((f) => f.id === fault.id)).toMatchObject({ injected: attempts });
  // The reply still goes out, from what was analysed.
  await cloud.client.waitForReply(posted.tweetId, 60_000);
  await eventually(async () => ((await cloud.client.records('x', 'tweet')).filter((r) => r.data['inReplyToTweetId'] === posted.tweetId).length === 1 ? true : undefined), 'one reply');
}, 180_000);
