/**
 * The whole system on the local cloud, from the synthesized templates: a signed X
 * mention in, analysis, an alert, a reply out to the local X API, the lake; a
 * duplicate delivery and an archive replay change nothing.
 */
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { ListTopicsCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseDetail } from '@sma/contracts';
import { gradientPng } from '../src/__testing__/images';
import { ofMessage, replayArchive, startCloud, waitForEvents, type RunningCloud } from './harness';

let cloud: RunningCloud;
let alerts: { sqs: SQSClient; url: string };

beforeAll(async () => {
  cloud = await startCloud();
  // Subscribe a queue to the negative-message alert topic, as an operator's pager would be.
  const sns = new SNSClient(cloud.sdk);
  const sqs = new SQSClient(cloud.sdk);
  const topics = (await sns.send(new ListTopicsCommand({}))).Topics ?? [];
  const negative = topics.find((t) => /NEGATIVE/i.test(t.TopicArn ?? ''));
  if (!negative) throw new Error(`No NEGATIVE alert topic among ${topics.map((t) => t.TopicArn).join(', ')}`);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-negative-alerts' }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await sns.send(new SubscribeCommand({ TopicArn: negative.TopicArn, Protocol: 'sqs', Endpoint: Attributes!['QueueArn'], Attributes: { RawMessageDelivery: 'true' } }));
  alerts = { sqs, url: QueueUrl! };
});

afterAll(async () => {
  await cloud?.stop();
});

describe('a text mention', () => {
  let tweetId: string;
  let messageId: string;
  let delivery: string;

  it('is accepted by ingress with the X signature and becomes MESSAGE_RECEIVED', async () => {
    const posted = await cloud.client.postMention('@sma_bot tell me a joke, this day has been awful and terrible');
    expect(posted.status).toBe(200);
    tweetId = posted.tweetId;
    delivery = posted.body;
    messageId = `TWITTER-${tweetId}`;
    const [received] = await waitForEvents(cloud, (e) => e['detail-type'] === 'MESSAGE_RECEIVED' && ofMessage(messageId)(e), { what: 'MESSAGE_RECEIVED' });
    expect(received!.source).toBe('INGRESS');
    expect(parseDetail('MESSAGE_RECEIVED', received!.detail)).toMatchObject({ MessageId: messageId, Channel: 'TWITTER' });
  });

  it('is analysed: MESSAGE_ANALYSED validates against its contract, with a negative sentiment', async () => {
    const [analysed] = await waitForEvents(cloud, (e) => e['detail-type'] === 'MESSAGE_ANALYSED' && ofMessage(messageId)(e), { what: 'MESSAGE_ANALYSED' });
    expect(analysed!.source).toBe('ANALYSIS');
    const detail = parseDetail('MESSAGE_ANALYSED', analysed!.detail);
    expect(detail.Analysis.TextSentiment).toBe('NEGATIVE');
  });

  it('raises the negative-message alert', async () => {
    const deadline = Date.now() + 60_000;
    let body = '';
    while (!body.includes(messageId) && Date.now() < deadline) {
      const out = await alerts.sqs.send(new ReceiveMessageCommand({ QueueUrl: alerts.url, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }));
      body += (out.Messages ?? []).map((m) => m.Body).join('\n');
    }
    expect(body).toContain('You have received a Negative Message');
    expect(body).toContain(messageId);
  });

  it('gets a reply command, a reply on the local X API, and REPLY_SENT', async () => {
    const [command] = await waitForEvents(cloud, (e) => e['detail-type'] === 'SEND_REPLY' && ofMessage(messageId)(e), { what: 'SEND_REPLY' });
    expect(parseDetail('SEND_REPLY', command!.detail)).toMatchObject({ CommandId: `REPLY-${messageId}` });
    const reply = await cloud.client.waitForReply(tweetId, 90_000);
    expect(String(reply.data['text']).length).toBeGreaterThan(0);
    const [sent] = await waitForEvents(cloud, (e) => e['detail-type'] === 'REPLY_SENT' && ofMessage(messageId)(e), { what: 'REPLY_SENT' });
    expect(parseDetail('REPLY_SENT', sent!.detail)).toMatchObject({ PlatformMessageId: reply.id });
  });

  it('posted twice (X redelivers), still gets exactly one reply', async () => {
    const again = await cloud.client.postMention('', { body: delivery, tweetId });
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 5000));
    const replies = (await cloud.client.records('x', 'tweet')).filter((r) => r.data['inReplyToTweetId'] === tweetId);
    expect(replies).toHaveLength(1);
  });

  it('is in the lake, queryable with Athena SQL', async () => {
    const athena = new AthenaClient(cloud.sdk);
    const deadline = Date.now() + 120_000;
    let rows: string[][] = [];
    while (Date.now() < deadline) {
      const { QueryExecutionId } = await athena.send(
        new StartQueryExecutionCommand({
          QueryString: `SELECT detail_type, count(DISTINCT id) FROM events WHERE json_extract_scalar(detail, '$.MessageId') = '${messageId}' GROUP BY detail_type`,
          QueryExecutionContext: { Database: 'sma_analytics' },
          WorkGroup: 'sma-analytics',
        }),
      );
      let state = 'QUEUED';
      while (state === 'QUEUED' || state === 'RUNNING') {
        await new Promise((r) => setTimeout(r, 200));
        state = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!.Status!.State!;
      }
      if (state === 'SUCCEEDED') {
        const results = await athena.send(new GetQueryResultsCommand({ QueryExecutionId }));
        rows = (results.ResultSet?.Rows ?? []).slice(1).map((r) => (r.Data ?? []).map((d) => d.VarCharValue ?? ''));
        if (rows.some((r) => r[0] === 'MESSAGE_ANALYSED')) break;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED']));
  });

  it('replaying the archive re-delivers the events but posts no second reply', async () => {
    await replayArchive(cloud, 'e2e-replay', new Date(Date.now() - 10 * 60_000), new Date());
    await waitForEvents(cloud, (e) => e['replay-name'] === 'e2e-replay' && e['detail-type'] === 'SEND_REPLY' && ofMessage(messageId)(e), { what: 'the replayed SEND_REPLY' });
    await new Promise((r) => setTimeout(r, 5000));
    const replies = (await cloud.client.records('x', 'tweet')).filter((r) => r.data['inReplyToTweetId'] === tweetId);
    expect(replies).toHaveLength(1);
  });
});

describe('a mention with an image', () => {
  it('is downloaded from the media host, analysed with its image, and replied to', async () => {
    const url = await cloud.client.uploadImage(gradientPng(320, 240), 'gradient.png');
    const posted = await cloud.client.postMention('@sma_bot what do you see here?', { imageUrls: [url] });
    expect(posted.status).toBe(200);
    const messageId = `TWITTER-${posted.tweetId}`;
    const [received] = await waitForEvents(cloud, (e) => e['detail-type'] === 'MESSAGE_RECEIVED' && ofMessage(messageId)(e), { what: 'MESSAGE_RECEIVED' });
    expect(received!.detail['ImageUrls']).toEqual([url]);
    const [analysed] = await waitForEvents(cloud, (e) => e['detail-type'] === 'MESSAGE_ANALYSED' && ofMessage(messageId)(e), { what: 'MESSAGE_ANALYSED with an image' });
    const detail = parseDetail('MESSAGE_ANALYSED', analysed!.detail);
    expect(detail.Analysis.Images).toHaveLength(1);
    const reply = await cloud.client.waitForReply(posted.tweetId, 120_000);
    expect(String(reply.data['text']).length).toBeGreaterThan(0);
  });
});
