import type { DetectSentimentRequest, DetectSentimentResponse } from '@aws-sdk/client-comprehend';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogOf } from '../../core/catalog';
import { AwsError } from '../../core/errors';
import { LocalCloud } from '../../core/runtime';
import { defineService } from '../../core/service';
import { readAssembly, stackLoader } from '../../loader';
import { eventsService, type EventsApi } from '../events';
import { lambdaService } from '../lambda';
import { statesService, type StatesApi } from './index';

const comprehend = { calls: [] as DetectSentimentRequest[], throttles: 0 };

const comprehendStandIn = defineService({
  name: 'comprehend',
  signingName: 'comprehend',
  protocol: 'awsJson1_1',
  targetPrefix: 'Comprehend_20171127',
  sdk: () => require('@aws-sdk/client-comprehend'),
  resourceTypes: [],
  create: () => ({
    resources: {},
    operations: {
      DetectSentiment: (input: DetectSentimentRequest): DetectSentimentResponse => {
        comprehend.calls.push(input);
        if (comprehend.throttles > 0) {
          comprehend.throttles--;
          throw new AwsError('ThrottlingException', 'Rate exceeded', { statusCode: 400 });
        }
        return { Sentiment: input.Text!.includes('awful') ? 'NEGATIVE' : 'POSITIVE', SentimentScore: { Positive: 0.9, Negative: 0.1, Neutral: 0, Mixed: 0 } };
      },
    },
  }),
});

let cloud: LocalCloud;
let sfn: SFNClient;
const arn = 'arn:aws:states:eu-west-1:000000000000:stateMachine:analyse';

beforeAll(async () => {
  cloud = await LocalCloud.start(
    { workspaceRoot: mkdtempSync(join(tmpdir(), 'lc-sfn-')), port: 0, quiet: true, delayScale: 0.001 },
    { catalog: catalogOf({ states: statesService, lambda: lambdaService, comprehend: comprehendStandIn, events: eventsService }), loader: stackLoader(readAssembly(join(__dirname, '__fixtures__', 'sfn.out'))) },
  );
  sfn = new SFNClient({ region: 'eu-west-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
});
afterAll(() => cloud.stop());

const waitForEnd = async (executionArn: string) => {
  for (let i = 0; i < 200; i++) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${executionArn} still running`);
};

describe('executions', () => {
  it('runs a state machine from its template: lambda:invoke, aws-sdk with retries, Parallel and intrinsics', async () => {
    comprehend.throttles = 1;
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'first', input: JSON.stringify({ detail: { text: ' what an awful day ' } }) }));
    expect(executionArn).toMatch(/^arn:aws:states:eu-west-1:000000000000:express:analyse:first:/);
    const done = await waitForEnd(executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({
      Result: { Text: 'what an awful day', Language: 'en' },
      Analysis: [{ Sentiment: 'NEGATIVE' }, { Count: 4 }],
    });
    expect(comprehend.calls.slice(-2)).toEqual([
      { Text: 'what an awful day', LanguageCode: 'en' },
      { Text: 'what an awful day', LanguageCode: 'en' },
    ]);
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const types = history.events!.map((e) => e.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types).toContain('TaskScheduled');
    expect(types).toContain('TaskFailed');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    const states = (cloud.instance('states')!.api as StatesApi).history(executionArn!)!.states;
    expect(states.find((s) => s.name === 'Sentiment')).toMatchObject({ status: 'SUCCEEDED', retries: 1 });
    expect(states.find((s) => s.name === 'Prepare')!.exitedAt).toBeGreaterThanOrEqual(states.find((s) => s.name === 'Prepare')!.enteredAt);
  });

  it('turns a function’s error into its ASL error for Catch, and reports the execution failure', async () => {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ detail: { invalid: true } }) }));
    const done = await waitForEnd(executionArn!);
    expect(done).toMatchObject({ status: 'FAILED', error: 'MessageInvalid' });
    expect(JSON.parse(done.cause!)).toMatchObject({ errorType: 'InvalidMessageError', errorMessage: 'the message has no text' });
    const list = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(list.executions!.map((e) => e.status)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('runs Express machines synchronously, and refuses bad input', async () => {
    // The SDK sends StartSyncExecution to the `sync-` host prefix; a local endpoint has none.
    const sync = new SFNClient({ region: 'eu-west-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, disableHostPrefix: true });
    const out = await sync.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ detail: { text: 'nice' } }) }));
    expect(out.status).toBe('SUCCEEDED');
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{oops' }))).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}-nope`, input: '{}' }))).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });
});

describe('optimized integrations', () => {
  it('events:putEvents takes Detail as a JSON object and serializes it, as Step Functions does', async () => {
    const definition = {
      StartAt: 'Publish',
      States: {
        Publish: {
          Type: 'Task',
          Resource: 'arn:aws:states:::events:putEvents',
          Parameters: { Entries: [{ Source: 'TEST', DetailType: 'PUBLISHED', 'Detail.$': '$.payload', EventBusName: 'default' }] },
          End: true,
        },
      },
    };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'publisher', definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/x' }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ payload: { MessageId: 'M-1', n: 1 } }) }));
    const done = await waitForEnd(executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    const trace = (cloud.instance('events')!.api as EventsApi).traces.recent(10).find((t) => t.event['detail-type'] === 'PUBLISHED');
    expect(trace?.event.detail).toEqual({ MessageId: 'M-1', n: 1 });
  });
});
