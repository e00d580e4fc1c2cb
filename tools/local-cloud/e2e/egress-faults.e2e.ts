/**
 * A rule target that fails. The reply command (`SEND_REPLY`) reaches egress through a
 * rule with a retry policy and a dead-letter queue, and egress runs as an asynchronous
 * Lambda invocation with retries and an on-failure destination to the same queue — all
 * as the Egress stack synthesizes them. Here both layers fail and are observed:
 *
 * - the delivery itself refused (Lambda throttling egress's invocations): EventBridge
 *   retries per the rule's retry policy, and dead-letters the event once it is spent;
 * - egress failing every try (the X API answering 500): Lambda retries the invocation,
 *   then its on-failure record lands in the dead-letter queue;
 *
 * then the queue is redriven with egress's own tool once X is healthy: each reply is
 * posted exactly once, and a second redrive or an archive replay posts nothing more.
 * Retry delays are scaled down (delayScale 0.02): the counts are the point, not the waits.
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseDetail } from '@sma/contracts';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, ofMessage, replayArchive, resources, stackOutputs, startCloud, traces, waitForEvents, WORKSPACE, type RunningCloud } from './harness';

let cloud: RunningCloud;
let sqs: SQSClient;
/** What the Egress stack synthesized, as provisioned. */
let egress: { functionArn: string; ruleArn: string; ruleRetries: number; lambdaRetries: number; queueUrl: string; table: string };
const tweets: Record<'throttled' | 'failing' | 'undeliverable', string> = { throttled: '', failing: '', undeliverable: '' };
let started = 0;
/** The events that lead to a reply command: replaying any of them yields one. */
const CHAIN = ['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'SEND_REPLY'];

beforeAll(async () => {
  cloud = await startCloud();
  started = Date.now();
  sqs = new SQSClient(cloud.sdk);
  const outputs = await stackOutputs(cloud, 'Egress');
  const all = (await resources(cloud)).filter((r) => r.stack === 'Egress');
  const rule = all.find((r) => r.type === 'AWS::Events::Rule' && JSON.stringify(r.properties['EventPattern']).includes('"SEND_REPLY"'));
  const invokeConfig = all.find((r) => r.type === 'AWS::Lambda::EventInvokeConfig');
  const queue = all.find((r) => r.type === 'AWS::SQS::Queue' && r.ref === outputs['DeadLetterQueueUrl']);
  if (!rule || !invokeConfig || !queue) throw new Error('The Egress stack lacks its SEND_REPLY rule, its EventInvokeConfig or its dead-letter queue');
  const target = (rule.properties['Targets'] as Array<{ Arn: string; RetryPolicy: { MaximumRetryAttempts: number }; DeadLetterConfig: { Arn: string } }>)[0]!;
  const destinations = invokeConfig.properties['DestinationConfig'] as { OnFailure: { Destination: string } };
  // Both layers dead-letter to the queue the stack outputs.
  expect(target.DeadLetterConfig.Arn).toBe(queue.arn);
  expect(destinations.OnFailure.Destination).toBe(queue.arn);
  egress = {
    functionArn: target.Arn,
    ruleArn: rule.arn!,
    ruleRetries: target.RetryPolicy.MaximumRetryAttempts,
    lambdaRetries: Number(invokeConfig.properties['MaximumRetryAttempts']),
    queueUrl: outputs['DeadLetterQueueUrl']!,
    table: outputs['IdempotencyTableName']!,
  };
});

afterAll(async () => {
  await cloud?.stop();
});

/** The egress rule's delivery of this message's reply command (the first, not a replay). */
async function commandDelivery(tweetId: string) {
  const [command] = (await traces(cloud, 'SEND_REPLY', started)).filter((t) => t.messageId === `TWITTER-${tweetId}` && !t.replayName);
  return command?.deliveries.find((d) => d.rule === egress.ruleArn);
}

const queueDepth = async () => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: egress.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes['ApproximateNumberOfMessages']) + Number(Attributes['ApproximateNumberOfMessagesNotVisible']);
};

const repliesTo = async (tweetId: string) => (await cloud.client.records('x', 'tweet')).filter((r) => r.data['inReplyToTweetId'] === tweetId);

/** Egress's redrive tool, as an operator runs it, against the local endpoint. */
async function redrive(): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(WORKSPACE, 'apps', 'egress', 'scripts', 'redrive.ts'), '--queue-url', egress.queueUrl, '--table', egress.table],
    {
      cwd: WORKSPACE,
      timeout: 120_000,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: cloud.info.endpoint,
        AWS_REGION: cloud.info.region,
        AWS_ACCESS_KEY_ID: 'e2e',
        AWS_SECRET_ACCESS_KEY: 'e2e',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
  return stdout;
}

it('retries a delivery the target refuses, per the rule’s retry policy', async () => {
  const fault = await cloud.client.addFault({ service: 'lambda', operations: ['Invoke'], where: { FunctionName: egress.functionArn }, error: 'TooManyRequestsException', statusCode: 429, count: 2 });
  const posted = await cloud.client.postMention('@sma_bot tell me a joke while egress is throttled');
  expect(posted.status).toBe(200);
  tweets.throttled = posted.tweetId;
  await cloud.client.waitForReply(posted.tweetId, 90_000);
  const delivery = await commandDelivery(posted.tweetId);
  expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
  expect((await cloud.client.faults()).find((f) => f.id === fault.id)).toMatchObject({ injected: 2, active: false });
  expect(await repliesTo(posted.tweetId)).toHaveLength(1);
});

it('retries an egress that fails every try (X answering 500) as Lambda does, then dead-letters it', async () => {
  await cloud.client.controlX({ outage: true, status: 500 });
  const posted = await cloud.client.postMention('@sma_bot tell me a fact while X is down');
  expect(posted.status).toBe(200);
  tweets.failing = posted.tweetId;
  const messageId = `TWITTER-${posted.tweetId}`;
  await eventually(async () => ((await queueDepth()) === 1 ? true : undefined), 'the on-failure record in the dead-letter queue');
  // EventBridge delivered the command once; the invocation was tried 1 + MaximumRetryAttempts times.
  expect(await commandDelivery(posted.tweetId)).toMatchObject({ status: 'delivered', attempts: 1 });
  const attempts = 1 + egress.lambdaRetries;
  const failed = (await cloud.client.records('x', 'failed')).filter((r) => r.data['inReplyToTweetId'] === posted.tweetId);
  expect(failed.map((r) => r.data['status'])).toEqual(Array(attempts).fill(500));
  const outcomes = await waitForEvents(cloud, (e) => e['detail-type'] === 'REPLY_FAILED' && ofMessage(messageId)(e), { count: attempts, what: 'REPLY_FAILED per try' });
  expect(outcomes.map((e) => parseDetail('REPLY_FAILED', e.detail).Permanent)).toEqual(Array(attempts).fill(false));
  expect(await repliesTo(posted.tweetId)).toEqual([]);
});

it('dead-letters a delivery once the rule’s retry policy is spent', async () => {
  const attempts = 1 + egress.ruleRetries;
  await cloud.client.addFault({ service: 'lambda', operations: ['Invoke'], where: { FunctionName: egress.functionArn }, error: 'TooManyRequestsException', statusCode: 429, count: attempts });
  const posted = await cloud.client.postMention('@sma_bot tell me a joke nobody can deliver');
  expect(posted.status).toBe(200);
  tweets.undeliverable = posted.tweetId;
  const delivery = await eventually(async () => {
    const d = await commandDelivery(posted.tweetId);
    return d?.status === 'dead-lettered' ? d : undefined;
  }, 'the command to be dead-lettered');
  expect(delivery).toMatchObject({ attempts, lastError: { code: 'TooManyRequestsException' } });
  expect(await queueDepth()).toBe(2);
});

it('redriving the dead-letter queue once X is healthy posts each reply exactly once', async () => {
  await cloud.client.controlX({ clear: true });
  const out = await redrive();
  for (const tweetId of [tweets.failing, tweets.undeliverable]) expect(out).toMatch(new RegExp(`^REDRIVEN\\s+REPLY-TWITTER-${tweetId}\\s`, 'm'));
  expect(out).toContain('2 message(s)');
  for (const tweetId of [tweets.failing, tweets.undeliverable]) {
    await cloud.client.waitForReply(tweetId, 60_000);
    await waitForEvents(cloud, (e) => e['detail-type'] === 'REPLY_SENT' && ofMessage(`TWITTER-${tweetId}`)(e), { what: 'REPLY_SENT after the redrive' });
  }
  expect(await queueDepth()).toBe(0);
  for (const tweetId of Object.values(tweets)) expect(await repliesTo(tweetId)).toHaveLength(1);
});

it('a second redrive and an archive replay post nothing more', async () => {
  expect(await redrive()).toContain('0 message(s)');
  const before = (await traces(cloud, undefined, started)).filter((t) => !t.replayName && CHAIN.includes(t.detailType));
  const replayStart = await replayArchive(cloud, 'e2e-after-redrive', new Date(started), new Date());
  // Every reply command delivered since the replay began is answered with egress's stored
  // outcome: each archived command replayed, plus one re-derived from each archived
  // MESSAGE_ANALYSED (responding answers it again) and MESSAGE_RECEIVED (analysed again).
  for (const tweetId of Object.values(tweets)) {
    const messageId = `TWITTER-${tweetId}`;
    const expected = before.filter((t) => t.messageId === messageId).length;
    await eventually(async () => {
      const commands = (await traces(cloud, 'SEND_REPLY', replayStart)).filter((t) => t.messageId === messageId);
      const sent = (await traces(cloud, 'REPLY_SENT', replayStart)).filter((t) => t.messageId === messageId && !t.replayName);
      return commands.length === expected && commands.every((c) => c.deliveries.every((d) => d.status === 'delivered')) && sent.length === expected ? true : undefined;
    }, `the ${expected} replayed and re-derived reply commands of ${messageId} to be answered`);
  }
  for (const tweetId of Object.values(tweets)) expect(await repliesTo(tweetId)).toHaveLength(1);
  expect(await queueDepth()).toBe(0);
});
