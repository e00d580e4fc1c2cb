import { StateMachine } from 'aws-local-stepfunctions';
import { BenchError } from '../errors';
import type { AslDefinition, Publication, StateMachineNode } from './topology';

// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 22 has and Node 20 lacks.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  (Promise as unknown as { withResolvers: () => unknown }).withResolvers = () => {
    const deferred: Record<string, unknown> = {};
    deferred['promise'] = new Promise((resolve, reject) => Object.assign(deferred, { resolve, reject }));
    return deferred;
  };
}

/** How the probe answers the workflow's tasks. */
export interface WorkflowServices {
  /** An AWS SDK integration (`arn:aws:states:::aws-sdk:<service>:<action>`): the service's response. */
  readonly sdk: (service: string, action: string, parameters: Record<string, unknown>) => unknown;
  /** A Lambda task: the function's result for this payload. */
  readonly lambda: (functionId: string, payload: unknown) => Promise<unknown>;
}

export interface WorkflowRun {
  /** States entered, nested ones included: what a Standard workflow bills. */
  readonly transitions: number;
  readonly sdkCalls: ReadonlyArray<{ readonly service: string; readonly action: string; readonly parameters: Record<string, unknown> }>;
  readonly lambdaCalls: ReadonlyArray<{ readonly functionId: string }>;
  /** Events the workflow put on the bus (`events:putEvents` tasks). */
  readonly published: readonly Publication[];
}

// Counting transitions: every (nested) execution reports each state it enters
// to its own event logger; the count is taken there, where the engine
// dispatches it (its event log drops some nested events).
let counting: { transitions: number } | undefined;
const engine = StateMachine.prototype as unknown as {
  execute?: (input: unknown, options: { eventLogger: { dispatchStateEnteredEvent: (...args: unknown[]) => unknown } }, cleanup: unknown) => unknown;
};
const originalExecute = engine.execute;
if (typeof originalExecute !== 'function') throw new BenchError('aws-local-stepfunctions has no StateMachine.execute: transitions cannot be counted');
engine.execute = function countingExecute(this: unknown, input, options, cleanup) {
  const logger = options.eventLogger;
  const entered = logger.dispatchStateEnteredEvent.bind(logger);
  logger.dispatchStateEnteredEvent = (...args: unknown[]) => {
    if (counting) counting.transitions++;
    return entered(...args);
  };
  return originalExecute.call(this, input, options, cleanup);
};

/** Every Task state of a definition, nested ones included, with its resource. */
export function taskStates(definition: AslDefinition): Array<{ readonly name: string; readonly resource: string; readonly parameters: Record<string, unknown> }> {
  return Object.entries(definition.States).flatMap(([name, state]) => [
    ...(state.Type === 'Task' ? [{ name, resource: String(state.Resource), parameters: (state.Parameters ?? {}) as Record<string, unknown> }] : []),
    ...[...(state.Branches ?? []), ...(state.ItemProcessor ? [state.ItemProcessor] : []), ...(state.Iterator ? [state.Iterator] : [])].flatMap(taskStates),
  ]);
}

const SDK_TASK = /^arn:[^:]+:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/;
const LAMBDA_TASK = /^arn:[^:]+:states:::lambda:invoke$/;
const PUT_EVENTS_TASK = /^arn:[^:]+:states:::events:putEvents$/;

/**
 * Runs a workflow definition (as synthesized) in aws-local-stepfunctions with
 * every task answered by `services`, recording the calls it makes, the events
 * it publishes and the states it enters. Runs one execution at a time.
 */
export async function runWorkflow(node: StateMachineNode, input: unknown, services: WorkflowServices): Promise<WorkflowRun> {
  if (counting) throw new BenchError('runWorkflow runs one execution at a time');
  const sdkCalls: Array<WorkflowRun['sdkCalls'][number]> = [];
  const lambdaCalls: Array<WorkflowRun['lambdaCalls'][number]> = [];
  const published: Publication[] = [];
  const handlers: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {};
  for (const task of taskStates(node.definition)) {
    const sdk = SDK_TASK.exec(task.resource);
    if (sdk) {
      const [, service, action] = sdk as unknown as [string, string, string];
      handlers[task.name] = async (parameters) => {
        sdkCalls.push({ service, action, parameters });
        return services.sdk(service, action, parameters);
      };
    } else if (LAMBDA_TASK.test(task.resource)) {
      handlers[task.name] = async (parameters) => {
        const functionId = node.functionsByArn[String(parameters['FunctionName'])];
        if (!functionId) throw new BenchError(`${node.id}/${task.name}: invokes ${String(parameters['FunctionName'])}, not a function of its stack`);
        lambdaCalls.push({ functionId });
        return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: await services.lambda(functionId, parameters['Payload']) };
      };
    } else if (PUT_EVENTS_TASK.test(task.resource)) {
      handlers[task.name] = async (parameters) => {
        const entries = (parameters['Entries'] as Array<{ DetailType: string; Detail: unknown }> | undefined) ?? [];
        published.push(...entries.map((e) => ({ detailType: e.DetailType, detail: e.Detail }) as Publication));
        return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `probe-event-${i}` })) };
      };
    } else {
      throw new BenchError(`${node.id}/${task.name}: task resource ${task.resource} is not one the cost model runs`);
    }
  }
  const machine = new StateMachine(node.definition as never, { validationOptions: { checkPaths: false } } as never);
  counting = { transitions: 0 };
  try {
    await machine.run(input as never, { overrides: { taskResourceLocalHandlers: handlers } } as never).result;
    return { transitions: counting.transitions, sdkCalls, lambdaCalls, published };
  } catch (error) {
    throw new BenchError(`${node.id}: the workflow failed under the probe: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    counting = undefined;
  }
}
