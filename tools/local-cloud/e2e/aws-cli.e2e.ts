/**
 * The AWS CLI (the Debian `awscli` package) against the local cloud with
 * `--endpoint-url`: an event put with the CLI reaches a rule's target (egress posts
 * the reply it commands), and a state machine execution started with the CLI runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CONTRACTS, PLUMBING_BUS_NAME } from '@sma/contracts';
import { busEvent, exampleDetail } from '@sma/contracts/testing';
import { startCloud, waitForEvents, type RunningCloud } from './harness';

/** The Debian package installs /usr/bin/aws; a pip install elsewhere on PATH is used otherwise. */
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

let cloud: RunningCloud;

function aws(...args: string[]): unknown {
  const out = execFileSync(AWS, [...args, '--endpoint-url', cloud.info.endpoint, '--region', cloud.info.region, '--output', 'json'], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'cli', AWS_SECRET_ACCESS_KEY: 'cli', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    encoding: 'utf8',
  });
  return out.trim() === '' ? undefined : JSON.parse(out);
}

beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

describe('the AWS CLI with --endpoint-url', () => {
  it('puts an event that reaches its rule’s target: a SEND_REPLY that egress posts to the local X API', async () => {
    const tweetId = '1880000000000000001';
    const example = exampleDetail('SEND_REPLY');
    const { Image: _image, ...textOnly } = example;
    const detail = {
      ...textOnly,
      CommandId: `REPLY-TWITTER-${tweetId}`,
      MessageId: `TWITTER-${tweetId}`,
      Responder: 'TEXT',
      Text: 'Hello from the AWS CLI',
      Twitter: { ...example.Twitter!, TweetId: tweetId },
    };
    const entry = { EventBusName: PLUMBING_BUS_NAME, Source: CONTRACTS.SEND_REPLY.source, DetailType: 'SEND_REPLY', Detail: JSON.stringify(detail) };
    const out = aws('events', 'put-events', '--entries', JSON.stringify([entry])) as { FailedEntryCount: number; Entries: Array<{ EventId?: string }> };
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries[0]!.EventId).toMatch(/^[0-9a-f-]{36}$/);
    const reply = await cloud.client.waitForReply(tweetId, 60_000);
    expect(reply.data['text']).toContain('Hello from the AWS CLI');
  });

  it('starts an execution of the analysis state machine, which runs to success and publishes MESSAGE_ANALYSED', async () => {
    const machines = aws('stepfunctions', 'list-state-machines') as { stateMachines: Array<{ stateMachineArn: string; name: string }> };
    const analysis = machines.stateMachines.find((m) => /Workflow/.test(m.name));
    expect(analysis).toBeDefined();
    const tweetId = '1880000000000000002';
    const example = exampleDetail('MESSAGE_RECEIVED');
    const input = busEvent(
      'MESSAGE_RECEIVED',
      { ...example, MessageId: `TWITTER-${tweetId}`, Text: 'What a lovely morning in Leeds!', ImageUrls: [], ReceivedAt: new Date().toISOString(), Twitter: { ...example.Twitter!, TweetId: tweetId } },
      { account: '000000000000', region: cloud.info.region, time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
    );
    const started = aws('stepfunctions', 'start-execution', '--state-machine-arn', analysis!.stateMachineArn, '--input', JSON.stringify(input)) as { executionArn: string };
    let status = 'RUNNING';
    let described: { status: string; error?: string; cause?: string } = { status };
    for (let i = 0; i < 300 && status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      described = aws('stepfunctions', 'describe-execution', '--execution-arn', started.executionArn) as typeof described;
      status = described.status;
    }
    expect(described).toMatchObject({ status: 'SUCCEEDED' });
    await waitForEvents(cloud, (e) => e['detail-type'] === 'MESSAGE_ANALYSED' && e.detail['MessageId'] === `TWITTER-${tweetId}`, { what: 'MESSAGE_ANALYSED' });
  });
});
