/**
 * The end-to-end harness: the local cloud in a process of its own (exactly what
 * `npm start` runs, on free ports and a fresh data directory), SDK clients pointed at
 * it, and the bus observed the way an operator would: through the Plumbing catch-all
 * log group, read with CloudWatch Logs' `FilterLogEvents`.
 */
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeReplayCommand, EventBridgeClient, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PLUMBING_BUS_NAME } from '@sma/contracts';
import { LocalCloudClient, runtimeFile, type RuntimeInfo } from '../src/cli/client';
import type { RegisteredResource } from '../src/core/registry';

export const WORKSPACE = resolve(__dirname, '..', '..', '..');
const CLI = join(WORKSPACE, 'tools', 'local-cloud', 'src', 'cli', 'main.ts');

/** The catch-all log group the Plumbing stack writes every event to. */
export const EVENT_LOG_GROUP = `/aws/events/${PLUMBING_BUS_NAME}/all`;

export interface RunningCloud {
  readonly info: RuntimeInfo;
  readonly client: LocalCloudClient;
  readonly dataDir: string;
  /** Settings for any SDK v3 client. */
  readonly sdk: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  /** What the process wrote (for diagnostics when a test fails). */
  readonly output: string[];
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash) and wait for exit. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** A data directory to reuse (a restart). @default a fresh temporary one */
  readonly dataDir?: string;
  /** Multiplies retry delays (Lambda async retries, EventBridge backoff). @default 0.02 */
  readonly delayScale?: number;
  readonly apps?: readonly string[];
  /** Execution environments per function. @default the CLI's (4) */
  readonly lambdaConcurrency?: number;
}

export async function startCloud(options: StartOptions = {}): Promise<RunningCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sma-e2e-'));
  const args = [
    '--import',
    'tsx',
    CLI,
    'start',
    '--port',
    '0',
    '--media-port',
    '0',
    '--platforms-port',
    '0',
    '--data-dir',
    dataDir,
    '--delay-scale',
    String(options.delayScale ?? 0.02),
    ...(options.apps ? ['--apps', options.apps.join(',')] : []),
    ...(options.lambdaConcurrency ? ['--lambda-concurrency', String(options.lambdaConcurrency)] : []),
  ];
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: WORKSPACE,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const file = runtimeFile(dataDir);
  const deadline = Date.now() + 120_000;
  let info: RuntimeInfo | undefined;
  while (!info) {
    if (child.exitCode !== null) throw new Error(`The local cloud exited during start-up (code ${child.exitCode}):\n${output.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The local cloud did not start within 120 s:\n${output.join('')}`);
    }
    if (existsSync(file)) {
      const candidate = JSON.parse(readFileSync(file, 'utf8')) as RuntimeInfo;
      if (candidate.pid === child.pid) info = candidate;
    }
    if (!info) await new Promise((r) => setTimeout(r, 100));
  }
  const ready = info;
  return {
    info: ready,
    client: new LocalCloudClient(ready),
    dataDir,
    sdk: { endpoint: ready.endpoint, region: ready.region, credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' } },
    output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** An event as the catch-all log holds it. */
export interface LoggedEvent {
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly time: string;
  readonly detail: Record<string, unknown>;
  readonly 'replay-name'?: string;
}

/** Every event on the bus so far, read from the catch-all log group. */
export async function busEvents(cloud: RunningCloud, filterPattern?: string): Promise<LoggedEvent[]> {
  const logs = new CloudWatchLogsClient(cloud.sdk);
  const events: LoggedEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({ logGroupName: EVENT_LOG_GROUP, ...(filterPattern ? { filterPattern } : {}), ...(nextToken ? { nextToken } : {}) }),
    );
    for (const e of page.events ?? []) events.push(JSON.parse(e.message!) as LoggedEvent);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Waits until the bus carried events matching `match` (at least `count` of them). */
export async function waitForEvents(
  cloud: RunningCloud,
  match: (e: LoggedEvent) => boolean,
  options: { count?: number; timeoutMs?: number; filterPattern?: string; what?: string } = {},
): Promise<LoggedEvent[]> {
  const { count = 1, timeoutMs = 90_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await busEvents(cloud, options.filterPattern)).filter(match);
    if (found.length >= count) return found;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${options.what ?? 'events'} (${found.length}/${count}). Local cloud output:\n${cloud.output.join('').slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The events of one message (by the MessageId every domain event carries). */
export function ofMessage(messageId: string): (e: LoggedEvent) => boolean {
  return (e) => e.detail['MessageId'] === messageId;
}

/** Every resource the local cloud provisioned from the synthesized templates (`/_localcloud/resources`). */
export async function resources(cloud: RunningCloud): Promise<RegisteredResource[]> {
  return (await (await fetch(`${cloud.info.endpoint}/_localcloud/resources`)).json()) as RegisteredResource[];
}

/**
 * A stack's outputs, as CloudFormation would list them after a deploy: the `Outputs` of its
 * synthesized template (`dist/apps/<app>/cdk.out/<stack>.template.json`), each `Ref` and
 * `Fn::GetAtt` resolved against what the local cloud provisioned.
 */
export async function stackOutputs(cloud: RunningCloud, stack: string): Promise<Record<string, string>> {
  const apps = join(WORKSPACE, 'dist', 'apps');
  const file = readdirSync(apps)
    .map((app) => join(apps, app, 'cdk.out', `${stack}.template.json`))
    .find((f) => existsSync(f));
  if (!file) throw new Error(`No synthesized template of stack ${stack} under ${apps}`);
  const template = JSON.parse(readFileSync(file, 'utf8')) as { Outputs?: Record<string, { Value: unknown }> };
  const provisioned = (await resources(cloud)).filter((r) => r.stack === stack);
  const byId = (id: string) => {
    const r = provisioned.find((p) => p.logicalId === id);
    if (!r) throw new Error(`Stack ${stack} has no provisioned resource ${id}`);
    return r;
  };
  const outputs: Record<string, string> = {};
  for (const [name, { Value }] of Object.entries(template.Outputs ?? {})) {
    const v = Value as string | { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    if (typeof v === 'string') outputs[name] = v;
    else if (v.Ref) outputs[name] = byId(v.Ref).ref;
    else if (v['Fn::GetAtt']) outputs[name] = String(byId(v['Fn::GetAtt'][0]).attributes[v['Fn::GetAtt'][1]]);
    else throw new Error(`Output ${stack}.${name} is neither a string, a Ref nor a Fn::GetAtt`);
  }
  return outputs;
}

/** An event the bus accepted, as `/_events/traces` reports it (deliveries with their attempts). */
export interface BusTrace {
  readonly id: string;
  readonly detailType: string;
  readonly source: string;
  readonly ingested: number;
  readonly messageId?: string;
  readonly replayName?: string;
  readonly rules: readonly string[];
  readonly deliveries: ReadonlyArray<{ readonly rule: string; readonly target: string; readonly status: string; readonly attempts: number; readonly lastError?: { code: string; message: string } }>;
}

/** The bus's recent events (the local EventBridge's traces), optionally of one detail-type and since a time. */
export async function traces(cloud: RunningCloud, detailType?: string, since = 0): Promise<BusTrace[]> {
  const q = new URLSearchParams({ ...(detailType ? { detailType } : {}), since: String(since) });
  return (await (await fetch(`${cloud.info.endpoint}/_events/traces?${q}`)).json()) as BusTrace[];
}

/** Polls `check` until it returns a value (not undefined), or fails naming `what`. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 90_000, pollMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * Replays the Plumbing bus's `all` archive over [from, to) back onto the bus, as an
 * operator would with `StartReplay`, and waits until the replay is COMPLETED (throws
 * if it fails). Returns when it started (epoch ms).
 */
export async function replayArchive(cloud: RunningCloud, name: string, from: Date, to: Date, timeoutMs = 90_000): Promise<number> {
  const eb = new EventBridgeClient(cloud.sdk);
  const arn = (kind: string, id: string) => `arn:aws:events:${cloud.info.region}:000000000000:${kind}/${id}`;
  const startedAt = Date.now();
  await eb.send(
    new StartReplayCommand({
      ReplayName: name,
      EventSourceArn: arn('archive', `${PLUMBING_BUS_NAME}-all`),
      EventStartTime: from,
      EventEndTime: to,
      Destination: { Arn: arn('event-bus', PLUMBING_BUS_NAME) },
    }),
  );
  const replay = await eventually(
    async () => {
      const r = await eb.send(new DescribeReplayCommand({ ReplayName: name }));
      return r.State === 'COMPLETED' || r.State === 'FAILED' ? r : undefined;
    },
    `replay ${name}`,
    timeoutMs,
  );
  if (replay.State !== 'COMPLETED') throw new Error(`Replay ${name} ${replay.State}: ${replay.StateReason ?? ''}`);
  return startedAt;
}
