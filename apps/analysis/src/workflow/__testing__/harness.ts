import { StateMachine } from 'aws-local-stepfunctions';
import { assembleAnalysis } from '../../assemble/assemble';
import { AssembleInputSchema } from '../../assemble/input';
import { imageKey } from '../../download/download-images';
import { PrepareInputSchema, prepareText } from '../../text/prepare';
import { TEST_ACCOUNT, TEST_REGION, type ResolvedDefinition } from './definition';

// aws-local-stepfunctions 3 calls Promise.withResolvers (Node 22); the bench runs outside jest's setup on Node 20.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/** Every service the workflow calls, as the local cloud dispatches them: SDK integrations by service:action, Lambdas by handler. */
export type ServiceName =
  | 'comprehend:detectDominantLanguage'
  | 'comprehend:detectSentiment'
  | 'comprehend:detectEntities'
  | 'comprehend:detectPiiEntities'
  | 'rekognition:detectLabels'
  | 'rekognition:detectText'
  | 'rekognition:recognizeCelebrities'
  | 'rekognition:detectModerationLabels'
  | 'lambda:prepare-text'
  | 'lambda:download-images'
  | 'lambda:assemble-analysis'
  | 'events:putEvents';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ServiceHandler = (parameters: any) => unknown;
export type Services = Partial<Record<ServiceName, ServiceHandler>>;

/** An error as a service integration raises it: its name is what Retry and Catch match. */
export function awsError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export const TEST_BUCKET = `sma-analysis-images-${TEST_ACCOUNT}-${TEST_REGION}`;

/** The downloader stand-in: every URL stored (the real downloader has its own tests). */
export const storeEveryImage: ServiceHandler = (payload: { MessageId: string; ImageUrls: string[] }) => ({
  Images: payload.ImageUrls.map((url, i) => ({ Url: url, Bucket: TEST_BUCKET, Key: imageKey(payload.MessageId, i, 'image/jpeg') })),
  Refused: [],
});

interface StateDefinition {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  States?: Record<string, StateDefinition>;
  Branches?: Array<{ States: Record<string, StateDefinition> }>;
  ItemProcessor?: { States: Record<string, StateDefinition> };
}

/** Every state of a definition, nested ones included (Parallel branches, Map processors). */
export function allStates(states: Record<string, StateDefinition>): Array<[string, StateDefinition]> {
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, StateDefinition],
    ...(state.Branches ?? []).flatMap((b) => allStates(b.States)),
    ...(state.ItemProcessor ? allStates(state.ItemProcessor.States) : []),
  ]);
}

function serviceOf(state: StateDefinition, functions: Readonly<Record<string, string>>): ServiceName {
  const resource = state.Resource ?? '';
  const sdk = /^arn:aws:states:::aws-sdk:(\w+:\w+)$/.exec(resource);
  if (sdk) return sdk[1] as ServiceName;
  if (resource === 'arn:aws:states:::lambda:invoke') return `lambda:${functions[String(state.Parameters?.['FunctionName'])]}` as ServiceName;
  if (resource === 'arn:aws:states:::events:putEvents') return 'events:putEvents';
  throw new Error(`Unexpected task resource ${resource}`);
}

export interface RunOptions {
  /** Replaces the services' default stand-ins. */
  readonly services?: Services;
  /** Wait 0 ms between retries (the definition's backoff is checked in the definition snapshot). @default true */
  readonly instantRetries?: boolean;
  /** The clock AssembleAnalysis reads. */
  readonly now?: Date;
  /** Measure state sizes and read the event log (off in the benchmark's timed loops). @default true */
  readonly measure?: boolean;
}

export interface Measure {
  readonly bytes: number;
  readonly where: string;
}

export interface RunResult {
  readonly output?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
  /** The `Detail` of every entry published to EventBridge. */
  readonly published: unknown[];
  /** Parameters of every service call (a Lambda's payload), by service. */
  readonly calls: Partial<Record<ServiceName, unknown[]>>;
  /** Names of the states that were retried. */
  readonly retried: string[];
  /**
   * The largest state where the analysis accumulates, in UTF-8 bytes of its
   * JSON: the input and output of every top-level state (Analyse's output holds
   * all that both branches produce; BuildDetail's the message with it) and the
   * input of every task. (aws-local-stepfunctions forwards the events of states
   * nested in Parallel and Map asynchronously and drops those that arrive after
   * their execution ends, so nested states are not all in its event log.)
   */
  readonly largestState: Measure;
  /**
   * The largest service response. A task's own output is that response
   * before the next states cap it, so this is also the largest per-task state;
   * Step Functions limits it to 256 KiB like any state.
   */
  readonly largestResponse: Measure;
}

const machines = new WeakMap<ResolvedDefinition, StateMachine>();

/** One validated StateMachine per definition: asl-validator takes longer than an execution. */
function machineFor(resolved: ResolvedDefinition): StateMachine {
  let machine = machines.get(resolved);
  if (!machine) {
    machine = new StateMachine(resolved.definition as never, { validationOptions: { checkPaths: true, checkArn: true } });
    machines.set(resolved, machine);
  }
  return machine;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');

/** Runs the real definition in aws-local-stepfunctions with every task answered by a stand-in, as the local cloud would. */
export async function runAnalysis(resolved: ResolvedDefinition, input: unknown, options: RunOptions = {}): Promise<RunResult> {
  const published: unknown[] = [];
  const calls: Partial<Record<ServiceName, unknown[]>> = {};
  let largestState: Measure = { bytes: 0, where: '' };
  let largestResponse: Measure = { bytes: 0, where: '' };
  const measuring = options.measure !== false;
  const measure = (value: unknown, where: string) => {
    if (!measuring) return;
    const size = bytes(value);
    if (size > largestState.bytes) largestState = { bytes: size, where };
  };
  const now = options.now ?? new Date('2022-09-21T12:56:24.512Z');
  const defaults: Services = {
    'lambda:prepare-text': (payload) => prepareText(PrepareInputSchema.parse(payload)),
    'lambda:assemble-analysis': (payload) => assembleAnalysis(AssembleInputSchema.parse(payload), now),
    'lambda:download-images': storeEveryImage,
    'events:putEvents': (parameters: { Entries: Array<{ Detail: unknown }> }) => {
      published.push(...parameters.Entries.map((e) => e.Detail));
      return { Entries: parameters.Entries.map((_, i) => ({ EventId: `event-${published.length}-${i}` })), FailedEntryCount: 0 };
    },
  };
  const services = { ...defaults, ...options.services };

  const tasks = allStates(resolved.definition['States'] as Record<string, StateDefinition>).filter(([, s]) => s.Type === 'Task');
  const handlers = Object.fromEntries(
    tasks.map(([name, state]) => {
      const service = serviceOf(state, resolved.functions);
      return [
        name,
        async (parameters: Record<string, unknown>) => {
          const isLambda = service.startsWith('lambda:');
          (calls[service] ??= []).push(isLambda ? parameters['Payload'] : parameters);
          measure(parameters, `${name} input`);
          const handler = services[service];
          if (!handler) throw new Error(`No stand-in for ${service} (state ${name})`);
          const response = await handler(isLambda ? parameters['Payload'] : parameters);
          const size = measuring ? bytes(response) : 0;
          if (size > largestResponse.bytes) largestResponse = { bytes: size, where: name };
          return isLambda ? { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: response } : response;
        },
      ];
    }),
  );
  const retryIntervalOverrides =
    options.instantRetries === false ? {} : Object.fromEntries(tasks.map(([name]) => [name, 0]));

  const machine = machineFor(resolved);
  const execution = machine.run(input as never, {
    overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides },
  });
  let output: unknown;
  let error: RunResult['error'];
  try {
    output = await execution.result;
  } catch (e) {
    const cause = (e as { cause?: Error }).cause ?? (e as Error);
    error = { name: cause.name, message: cause.message };
  }
  const retried: string[] = [];
  const topLevel = new Set(Object.keys(resolved.definition['States'] as object));
  for await (const event of measuring ? execution.eventLogs : []) {
    const state = (event as { state?: { name: string; input?: unknown; output?: unknown } }).state;
    if (!state) continue;
    if (event.type === 'StateRetried') retried.push(state.name);
    if (!topLevel.has(state.name)) continue;
    for (const value of [state.input, state.output]) if (value !== undefined) measure(value, state.name);
  }
  return { ...(error ? { error } : { output }), published, calls, retried, largestState, largestResponse };
}
