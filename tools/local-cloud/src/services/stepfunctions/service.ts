/**
 * Step Functions: state machines from the templates (and `CreateStateMachine`), run by
 * aws-local-stepfunctions with every Task dispatched to the local services (overrides
 * keyed by state name, built from the definition); executions, their history and a
 * per-state view kept for the console.
 */
import type {
  CreateStateMachineInput,
  CreateStateMachineOutput,
  DescribeExecutionInput,
  DescribeExecutionOutput,
  DescribeStateMachineInput,
  DescribeStateMachineOutput,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  ListExecutionsInput,
  ListExecutionsOutput,
  ListStateMachinesInput,
  ListStateMachinesOutput,
  LoggingConfiguration,
  StartExecutionInput,
  StartExecutionOutput,
  StartSyncExecutionInput,
  StartSyncExecutionOutput,
  StopExecutionInput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine as Interpreter } from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import type { Cloud } from '../../core/cloud';
import { AwsError, TemplateError } from '../../core/errors';
import { paginate } from '../../core/paginate';
import { installPolyfills } from '../../core/polyfills';
import { defineService, type ResolvedResource } from '../../core/service';
import { scaledRetryIntervals, taskResources, unsupportedFeatures, type Definition } from './definition';
import { ExecutionStore, type Execution } from './executions';
import { ExecutionHistory, type InterpreterEvent } from './history';
import { TaskError, taskHandler, type JsonValue, type TaskHandler } from './integrations';

installPolyfills();

interface StateMachine {
  readonly name: string;
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definitionText: string;
  readonly definition: Definition;
  readonly interpreter: Interpreter;
  readonly tasks: ReadonlyMap<string, { resource: string; handler: TaskHandler }>;
  readonly roleArn: string;
  readonly logging: LoggingConfiguration | undefined;
  readonly createdAt: number;
}

/** The Step Functions service's `api` (console, tests). */
export interface StatesApi {
  readonly stateMachines: ReadonlyMap<string, StateMachine>;
  readonly executions: ReadonlyMap<string, Execution>;
  /** An execution's per-state runs and history. */
  history(executionArn: string): ReturnType<ExecutionStore['history']> | undefined;
  /** Follows executions as they stop. */
  onStopped(listener: (e: Execution) => void): () => void;
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

export const statesService = defineService({
  name: 'states',
  signingName: 'states',
  protocol: 'awsJson1_0',
  targetPrefix: 'AWSStepFunctions',
  sdk: () => require('@aws-sdk/client-sfn'),
  resourceTypes: ['AWS::StepFunctions::StateMachine'],
  create: (cloud: Cloud) => {
    const { region, accountId, partition } = cloud.config;
    const log = cloud.log.child('states');
    const machines = new Map<string, StateMachine>();
    const store = new ExecutionStore(cloud.dataDir('states'));
    const listeners = new Set<(e: Execution) => void>();
    const running = new Set<Promise<void>>();

    const machineArn = (name: string) => `arn:${partition}:states:${region}:${accountId}:stateMachine:${name}`;
    const executionArn = (m: StateMachine, name: string) =>
      m.type === 'EXPRESS'
        ? `arn:${partition}:states:${region}:${accountId}:express:${m.name}:${name}:${randomUUID()}`
        : `arn:${partition}:states:${region}:${accountId}:execution:${m.name}:${name}`;

    const compile = (name: string, type: string | undefined, definitionText: string, roleArn: string, logging: LoggingConfiguration | undefined): StateMachine => {
      let definition: Definition;
      try {
        definition = JSON.parse(definitionText) as Definition;
      } catch (err) {
        throw new AwsError('InvalidDefinition', `Invalid State Machine Definition: ${(err as Error).message}`);
      }
      const problems = unsupportedFeatures(definition);
      if (problems.length > 0) throw new AwsError('InvalidDefinition', problems.join('; '));
      let interpreter: Interpreter;
      try {
        interpreter = new Interpreter(definition as never, { validationOptions: { checkArn: false } });
      } catch (err) {
        throw new AwsError('InvalidDefinition', `Invalid State Machine Definition: ${(err as Error).message}`);
      }
      const tasks = new Map<string, { resource: string; handler: TaskHandler }>();
      for (const [state, resource] of taskResources(definition)) {
        const handler = taskHandler(cloud, resource);
        if (typeof handler === 'string') throw new AwsError('InvalidDefinition', `state ${state}: ${handler}`);
        tasks.set(state, { resource, handler });
      }
      return {
        name,
        arn: machineArn(name),
        type: type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
        definitionText,
        definition,
        interpreter,
        tasks,
        roleArn,
        logging,
        createdAt: Date.now(),
      };
    };

    /** Writes the history to the state machine's log group, per its logging level. */
    const shipLogs = async (m: StateMachine, e: Execution, history: ExecutionHistory) => {
      const level = m.logging?.level ?? 'OFF';
      if (level === 'OFF' || (level !== 'ALL' && e.status === 'SUCCEEDED')) return;
      const arn = m.logging?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn;
      if (!arn) return;
      const group = arn.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');
      const stream = `states/${m.name}/${new Date(e.startDate).toISOString().slice(0, 10)}/${e.arn.split(':').pop()}`;
      const includeData = m.logging?.includeExecutionData ?? false;
      const events = history.events.filter((ev) => level === 'ALL' || /Failed|TimedOut|Aborted/.test(ev.type ?? ''));
      try {
        await cloud.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
        await cloud.send(
          new PutLogEventsCommand({
            logGroupName: group,
            logStreamName: stream,
            logEvents: events.map((ev) => ({
              timestamp: ev.timestamp!.getTime(),
              message: JSON.stringify({ id: String(ev.id), type: ev.type, details: includeData ? ev : {}, previous_event_id: String(ev.previousEventId), event_timestamp: String(ev.timestamp!.getTime()), execution_arn: e.arn }),
            })),
          }),
        );
      } catch (err) {
        log.debug(`execution logs of ${m.name} not shipped`, { error: err as Error });
      }
    };

    /** Runs an execution to its end (never throws). */
    const run = async (m: StateMachine, e: Execution): Promise<void> => {
      const history = new ExecutionHistory();
      e.events = history.events;
      e.states = history.states;
      history.started(JSON.parse(e.input) as unknown, m.roleArn, e.startDate);
      const overrides: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
      for (const [state, { resource, handler }] of m.tasks) {
        overrides[state] = async (input) => {
          history.taskScheduled(state, resource, input, Date.now());
          try {
            const output = await handler(input);
            history.taskSucceeded(resource, output, Date.now());
            return output;
          } catch (err) {
            const name = err instanceof TaskError ? err.name : 'States.TaskFailed';
            history.taskFailed(resource, name, (err as Error).message, Date.now());
            throw err instanceof TaskError ? err : new TaskError(name, (err as Error).message);
          }
        };
      }
      const scale = cloud.config.delayScale;
      const execution = m.interpreter.run(JSON.parse(e.input) as never, {
        overrides: {
          taskResourceLocalHandlers: overrides as never,
          ...(scale < 1 ? { retryIntervalOverrides: scaledRetryIntervals(m.definition, scale) } : {}),
        },
        context: {
          Execution: { Id: e.arn, Input: JSON.parse(e.input) as never, Name: e.name, RoleArn: m.roleArn, StartTime: new Date(e.startDate).toISOString() },
          StateMachine: { Id: m.arn, Name: m.name },
        },
      });
      e.abort = execution.abort;
      const logging = (async () => {
        for await (const ev of execution.eventLogs) history.record(ev as unknown as InterpreterEvent);
      })().catch(() => undefined);
      try {
        const output = await execution.result;
        e.status = 'SUCCEEDED';
        e.output = JSON.stringify(output ?? null);
      } catch (err) {
        if (err instanceof ExecutionAbortedError) e.status = 'ABORTED';
        else if (err instanceof ExecutionTimeoutError) {
          e.status = 'TIMED_OUT';
          e.error = 'States.Timeout';
        } else {
          e.status = 'FAILED';
          const cause = err instanceof ExecutionError ? ((err as { cause?: Error }).cause ?? err) : (err as Error);
          e.error = cause.name && cause.name !== 'Error' ? cause.name : 'States.Runtime';
          e.cause = cause.message;
        }
      }
      await logging;
      e.stopDate = Date.now();
      delete e.abort;
      if (e.status === 'SUCCEEDED') history.succeeded(JSON.parse(e.output!) as unknown, e.stopDate);
      else if (e.status === 'ABORTED') history.aborted(e.stopDate);
      else if (e.status === 'TIMED_OUT') history.timedOut(e.stopDate);
      else history.failed(e.error ?? 'States.Runtime', e.cause ?? '', e.stopDate);
      await store.stopped(e).catch((err: unknown) => log.error(`could not record the end of ${e.arn}`, { error: err as Error }));
      await shipLogs(m, e, history);
      cloud.activity.record('states', 'execution', `${m.name} ${e.name}: ${e.status}`, {
        executionArn: e.arn,
        status: e.status,
        ms: e.stopDate - e.startDate,
        ...(e.error ? { error: e.error, cause: e.cause } : {}),
      });
      for (const l of listeners) l(e);
    };

    const launch = (m: StateMachine, e: Execution) => {
      const p = run(m, e).finally(() => running.delete(p));
      running.add(p);
      return p;
    };

    const machine = (arn: string | undefined): StateMachine => {
      const m = machines.get(arn ?? '');
      if (!m) throw new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
      return m;
    };

    const start = async (input: StartExecutionInput): Promise<{ m: StateMachine; e: Execution; existing: boolean }> => {
      const m = machine(input.stateMachineArn);
      const name = input.name ?? randomUUID();
      if (!NAME.test(name)) throw new AwsError('InvalidName', `Invalid Name: '${name}'`);
      const text = input.input ?? '{}';
      try {
        JSON.parse(text);
      } catch {
        throw new AwsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${text.slice(0, 100)}'`);
      }
      if (Buffer.byteLength(text) > 256 * 1024) throw new AwsError('InvalidExecutionInput', 'The input exceeds the 262144 bytes limit');
      if (m.type === 'STANDARD') {
        const arn = executionArn(m, name);
        const existing = store.all.get(arn);
        if (existing) {
          if (existing.input === text && existing.status === 'RUNNING') return { m, e: existing, existing: true };
          throw new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
        }
      }
      const e: Execution = { arn: executionArn(m, name), name, stateMachineArn: m.arn, type: m.type, status: 'RUNNING', input: text, startDate: Date.now() };
      await store.started(e);
      return { m, e, existing: false };
    };

    /** The fields ListExecutions shows of an execution. */
    const summary = (e: Execution) => ({
      executionArn: e.arn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: new Date(e.startDate),
      ...(e.stopDate !== undefined ? { stopDate: new Date(e.stopDate) } : {}),
    });

    const describe = (e: Execution): DescribeExecutionOutput => ({
      ...summary(e),
      input: e.input,
      inputDetails: { included: true },
      ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
      ...(e.error !== undefined ? { error: e.error } : {}),
      ...(e.cause !== undefined ? { cause: e.cause } : {}),
    });

    const execution = (arn: string | undefined): Execution => {
      const e = store.all.get(arn ?? '');
      if (!e) throw new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
      return e;
    };

    const provision = (r: ResolvedResource) => {
      const p = r.properties;
      const name = (p['StateMachineName'] as string | undefined) ?? r.physicalName({ maxLength: 80 });
      let text: string;
      if (typeof p['DefinitionString'] === 'string') text = p['DefinitionString'];
      else if (p['Definition'] !== undefined) text = JSON.stringify(p['Definition']);
      else throw new TemplateError(r.stack, r.logicalId, 'has neither DefinitionString nor Definition (DefinitionS3Location is not supported locally)');
      for (const [key, value] of Object.entries((p['DefinitionSubstitutions'] ?? {}) as Record<string, unknown>)) {
        text = text.split(`\${${key}}`).join(String(value));
      }
      let m: StateMachine;
      try {
        m = compile(name, p['StateMachineType'] as string | undefined, text, String(p['RoleArn'] ?? ''), p['LoggingConfiguration'] as LoggingConfiguration | undefined);
      } catch (err) {
        throw new TemplateError(r.stack, r.logicalId, `state machine ${name}: ${(err as Error).message}`, { cause: err });
      }
      machines.set(m.arn, m);
      return { ref: m.arn, arn: m.arn, attributes: { Arn: m.arn, Name: m.name, StateMachineRevisionId: 'local' } };
    };

    const api: StatesApi = {
      stateMachines: machines,
      executions: store.all,
      history: (arn) => {
        const e = store.all.get(arn);
        return e ? store.history(e) : undefined;
      },
      onStopped: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };

    return {
      api,
      resources: { 'AWS::StepFunctions::StateMachine': provision },

      async start() {
        const interrupted = await store.open();
        for (const e of interrupted) {
          const m = machines.get(e.stateMachineArn);
          if (!m) {
            e.status = 'ABORTED';
            e.stopDate = Date.now();
            await store.stopped(e);
            continue;
          }
          log.info(`re-running execution ${e.name} of ${m.name}, interrupted by a restart`);
          void launch(m, e);
        }
      },

      async stop() {
        for (const e of store.all.values()) e.abort?.();
        await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, 2000).unref())]);
        await store.close();
      },

      operations: {
        CreateStateMachine: (input: CreateStateMachineInput): CreateStateMachineOutput => {
          const name = input.name ?? '';
          if (!NAME.test(name)) throw new AwsError('InvalidName', `Invalid Name: '${name}'`);
          if (machines.has(machineArn(name))) throw new AwsError('StateMachineAlreadyExists', `State Machine Already Exists: '${machineArn(name)}'`);
          const m = compile(name, input.type, input.definition ?? '', input.roleArn ?? '', input.loggingConfiguration);
          machines.set(m.arn, m);
          return { stateMachineArn: m.arn, creationDate: new Date(m.createdAt) };
        },

        DescribeStateMachine: (input: DescribeStateMachineInput): DescribeStateMachineOutput => {
          const m = machine(input.stateMachineArn);
          return {
            stateMachineArn: m.arn,
            name: m.name,
            status: 'ACTIVE',
            definition: m.definitionText,
            roleArn: m.roleArn,
            type: m.type,
            creationDate: new Date(m.createdAt),
            ...(m.logging ? { loggingConfiguration: m.logging } : {}),
          };
        },

        ListStateMachines: (input: ListStateMachinesInput): ListStateMachinesOutput => {
          const { page, next } = paginate([...machines.values()].sort((a, b) => a.name.localeCompare(b.name)), input.nextToken, input.maxResults || 100);
          return {
            stateMachines: page.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: new Date(m.createdAt) })),
            ...(next ? { nextToken: next } : {}),
          };
        },

        StartExecution: async (input: StartExecutionInput): Promise<StartExecutionOutput> => {
          const { m, e, existing } = await start(input);
          if (!existing) void launch(m, e);
          return { executionArn: e.arn, startDate: new Date(e.startDate) };
        },

        StartSyncExecution: async (input: StartSyncExecutionInput): Promise<StartSyncExecutionOutput> => {
          const m = machine(input.stateMachineArn);
          if (m.type !== 'EXPRESS') throw new AwsError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
          const { e } = await start(input);
          await launch(m, e);
          const { executionArn, stateMachineArn, name, startDate, input: given, inputDetails, output, outputDetails, error, cause } = describe(e);
          return {
            executionArn,
            stateMachineArn,
            name,
            startDate,
            stopDate: new Date(e.stopDate!),
            status: e.status === 'SUCCEEDED' ? 'SUCCEEDED' : e.status === 'TIMED_OUT' ? 'TIMED_OUT' : 'FAILED',
            input: given,
            inputDetails,
            ...(output !== undefined ? { output, outputDetails } : {}),
            ...(error !== undefined ? { error } : {}),
            ...(cause !== undefined ? { cause } : {}),
            billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(((e.stopDate ?? 0) - e.startDate) / 100) * 100) },
          };
        },

        DescribeExecution: (input: DescribeExecutionInput): DescribeExecutionOutput => describe(execution(input.executionArn)),

        StopExecution: (input: StopExecutionInput): StopExecutionOutput => {
          const e = execution(input.executionArn);
          e.abort?.();
          return { stopDate: new Date() };
        },

        ListExecutions: (input: ListExecutionsInput): ListExecutionsOutput => {
          machine(input.stateMachineArn);
          const all = [...store.all.values()]
            .filter((e) => e.stateMachineArn === input.stateMachineArn && (!input.statusFilter || e.status === input.statusFilter))
            .sort((a, b) => b.startDate - a.startDate);
          const { page, next } = paginate(all, input.nextToken, input.maxResults || 100);
          return {
            executions: page.map(summary),
            ...(next ? { nextToken: next } : {}),
          };
        },

        GetExecutionHistory: (input: GetExecutionHistoryInput): GetExecutionHistoryOutput => {
          const { events } = store.history(execution(input.executionArn));
          const ordered = input.reverseOrder ? [...events].reverse() : events;
          const { page, next } = paginate(ordered, input.nextToken, input.maxResults || 1000);
          return { events: page, ...(next ? { nextToken: next } : {}) };
        },
      },
    };
  },
});
