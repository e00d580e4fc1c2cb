import { CONTRACTS, isDetailType } from '@sma/contracts';
import { BenchError, TemplateShapeError } from '../errors';
import { PRICING_ASSUMPTIONS, type Behaviour, type PricingAssumptions } from './assumptions';
import { matchesPattern } from './event-pattern';
import type { FunctionNode, Publication, TargetNode, Topology } from './topology';
import { chunksOf64Kib, comprehendUnits, expressGbSeconds, firehoseBilledBytes, gigabytes, lambdaGbSeconds, writeUnits } from './units';
import type { Usage } from './usage';
import { runWorkflow } from './workflow-probe';
import type { PriceKey } from './prices';

/** How the journey runs what it cannot merely count: AI answers, workflow steps, the details functions publish. */
export interface JourneyRuntime {
  readonly aiResponse: (service: string, action: string) => unknown;
  /** The result of a Lambda step of a workflow (its real, pure code, or a stated stand-in). */
  readonly runStep: (fn: FunctionNode, payload: unknown) => Promise<unknown>;
  /** The detail a function publishes, given the detail of the event that triggered it. */
  readonly detailFor: (detailType: string, trigger: unknown, publisher: string) => unknown;
}

export interface JourneyInput {
  readonly topology: Topology;
  /** @default PRICING_ASSUMPTIONS */
  readonly assumptions?: PricingAssumptions;
  readonly behaviours: Readonly<Record<string, Behaviour>>;
  readonly runtime: JourneyRuntime;
  /** What the entry function publishes for the delivery. */
  readonly delivery: readonly Publication[];
  /** Images the message carries. */
  readonly images: number;
}

/** One message's way through the system: what it used, and what happened on the way (for the report). */
export interface Journey {
  readonly usage: Usage;
  readonly events: readonly string[];
  readonly invocations: readonly string[];
  readonly transitions: number;
  readonly sdkCalls: readonly string[];
  /** Records per delivery stream, and the detail-types among them (the batching is priced per message later). */
  readonly streamRecords: Readonly<Record<string, { readonly records: number; readonly detailTypes: readonly string[] }>>;
}

const MAX_EVENTS = 50;

/** Number of images an event is about: its `ImageUrls`, or 1 for a reply carrying an `Image`. */
export function imagesOf(detail: unknown): number {
  const d = (detail ?? {}) as { ImageUrls?: unknown[]; Image?: unknown };
  if (d.Image) return 1;
  return Array.isArray(d.ImageUrls) ? d.ImageUrls.length : 0;
}

/** Follows one message from the API through every rule, function and workflow it triggers, adding up its usage. */
export async function followMessage(input: JourneyInput): Promise<Journey> {
  const { topology, behaviours, runtime } = input;
  const assumed = input.assumptions ?? PRICING_ASSUMPTIONS;
  const usage: Partial<Record<PriceKey, number>> = {};
  const add = (key: PriceKey, amount: number) => {
    if (amount !== 0) usage[key] = (usage[key] ?? 0) + amount;
  };
  const events: string[] = [];
  const invocations: string[] = [];
  const sdkCalls: string[] = [];
  const streamRecords: Record<string, { records: number; detailTypes: string[] }> = {};
  let transitions = 0;

  const functionOf = (id: string): FunctionNode => {
    const fn = topology.functions[id];
    if (!fn) throw new TemplateShapeError(`${topology.name}: no function ${id}`);
    return fn;
  };
  const behaviourOf = (id: string): Behaviour => {
    const behaviour = behaviours[id];
    if (!behaviour) throw new BenchError(`${id} runs for a message but the assumptions say nothing about what it does (BEHAVIOURS in assumptions.ts)`);
    return behaviour;
  };

  /** Lambda requests, GB-seconds (with the expected share of billed cold starts) and log ingestion of one invocation. */
  const runFunction = (fn: FunctionNode, durationMs: number): void => {
    invocations.push(fn.id);
    const { share, initMs } = assumed.coldStarts;
    add('lambdaRequest', 1);
    add(fn.architecture === 'arm64' ? 'lambdaArmGbSecond' : 'lambdaX86GbSecond', lambdaGbSeconds(fn.memoryMb, durationMs) + share * lambdaGbSeconds(fn.memoryMb, initMs));
    add('logsIngestedGb', gigabytes(assumed.lambdaLogBytes));
  };

  const invoke = async (id: string, images: number, trigger: unknown, publications?: readonly Publication[]): Promise<void> => {
    const fn = functionOf(id);
    const b = behaviourOf(id);
    runFunction(fn, b.durationMs + (b.durationMsPerImage ?? 0) * images);
    for (let i = 0; i < (b.lexRequests ?? 0); i++) {
      add('lexTextRequest', 1);
      if (topology.lexFulfilment) await invoke(topology.lexFulfilment, images, trigger);
    }
    add('s3Put', (b.s3PutsPerImage ?? 0) * images);
    add('s3Get', (b.s3GetsPerImage ?? 0) * images);
    const out = publications ?? (b.publishes ?? []).map((detailType) => ({ detailType, detail: runtime.detailFor(detailType, trigger, fn.id) }));
    for (const p of out) {
      if (!fn.mayPublish?.includes(p.detailType)) throw new TemplateShapeError(`${fn.id} publishes ${p.detailType}, which its role may not`);
    }
    const units = b.idempotencyUnits === 'one per event published' ? out.length : (b.idempotencyUnits ?? 0);
    if (units > 0) {
      if (!topology.idempotencyTables.includes(fn.stack)) throw new TemplateShapeError(`${fn.id} records idempotency but ${fn.stack} has no table`);
      // Powertools Idempotency: a conditional put claims the key, an update completes it (records well under 1 KB).
      add('dynamoDbWriteUnit', units * 2 * writeUnits(512));
    }
    for (const p of out) await publish(p);
  };

  const publish = async (publication: Publication): Promise<void> => {
    if (events.length >= MAX_EVENTS) throw new BenchError(`${topology.name}: over ${MAX_EVENTS} events for one message (a loop?)`);
    events.push(publication.detailType);
    const source = publication.source ?? (isDetailType(publication.detailType) ? CONTRACTS[publication.detailType].source : undefined);
    if (!source) throw new BenchError(`${publication.detailType} has no contract and no source`);
    const envelope = {
      version: '0',
      id: '6f8d2a4e-1b3c-4d5e-8f90-a1b2c3d4e5f6',
      'detail-type': publication.detailType,
      source,
      account: '123456789012',
      time: '2026-11-23T12:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: publication.detail,
    };
    const bytes = Buffer.byteLength(JSON.stringify(envelope));
    add('eventBridgeEvent', chunksOf64Kib(bytes));
    for (const rule of topology.rules) {
      if (!matchesPattern(rule.pattern, envelope)) continue;
      for (const target of rule.targets) await deliver(target, envelope, bytes);
    }
  };

  const deliver = async (target: TargetNode, envelope: { 'detail-type': string; detail: unknown }, bytes: number): Promise<void> => {
    switch (target.kind) {
      case 'function':
        return invoke(target.id, imagesOf(envelope.detail), envelope.detail);
      case 'stateMachine':
        return execute(target.id, envelope);
      case 'deliveryStream': {
        const stream = topology.deliveryStreams[target.id];
        if (!stream) throw new TemplateShapeError(`no delivery stream ${target.id}`);
        add('firehoseIngestedGb', gigabytes(firehoseBilledBytes(bytes)));
        if (stream.dynamicPartitioning) add('firehosePartitionedGb', gigabytes(bytes + 1));
        const entry = (streamRecords[target.id] ??= { records: 0, detailTypes: [] });
        entry.records++;
        if (!entry.detailTypes.includes(envelope['detail-type'])) entry.detailTypes.push(envelope['detail-type']);
        return;
      }
      case 'topic':
        return void add('snsPublish', chunksOf64Kib(bytes));
      case 'logGroup':
        return void add('logsIngestedGb', gigabytes(bytes + assumed.logEventOverheadBytes));
      case 'archive':
        return void add('eventBridgeArchiveGb', gigabytes(bytes));
    }
  };

  const execute = async (id: string, envelope: { detail: unknown }): Promise<void> => {
    const machine = topology.stateMachines[id];
    if (!machine) throw new TemplateShapeError(`no state machine ${id}`);
    const images = imagesOf(envelope.detail);
    const run = await runWorkflow(machine, envelope, {
      sdk: (service, action) => runtime.aiResponse(service, action),
      lambda: async (functionId, payload) => {
        const fn = functionOf(functionId);
        const b = behaviourOf(functionId);
        runFunction(fn, b.durationMs + (b.durationMsPerImage ?? 0) * imagesOf(payload));
        add('s3Put', (b.s3PutsPerImage ?? 0) * imagesOf(payload));
        return runtime.runStep(fn, payload);
      },
    });
    transitions += run.transitions;
    if (machine.type === 'EXPRESS') {
      const { text, perImage } = assumed.expressDurationMs;
      add('expressRequest', 1);
      add('expressGbSecond', expressGbSeconds(text + perImage * images, assumed.expressMemoryMb));
    } else {
      add('standardTransition', run.transitions);
    }
    for (const call of run.sdkCalls) {
      sdkCalls.push(`${call.service}:${call.action}`);
      if (call.service === 'comprehend') {
        const characters = [...String(call.parameters['Text'] ?? '')].length;
        add(call.action === 'detectPiiEntities' ? 'comprehendPiiUnit' : 'comprehendUnit', comprehendUnits(characters));
      } else if (call.service === 'rekognition') {
        add('rekognitionImage', 1);
        // Rekognition reads the image from S3 with the workflow's role: a GET billed to the bucket.
        if ((call.parameters['Image'] as { S3Object?: unknown } | undefined)?.S3Object) add('s3Get', 1);
      } else {
        throw new BenchError(`${id} calls ${call.service}:${call.action}, which the cost model does not price`);
      }
    }
    for (const p of run.published) await publish(p);
  };

  add('apiGatewayRestRequest', topology.entry.apiRequests);
  if (topology.entry.accessLogBytes > 0) add('logsIngestedGb', gigabytes(topology.entry.accessLogBytes + assumed.logEventOverheadBytes));
  if (topology.traced) add('xrayTrace', assumed.xraySampledShare);
  await invoke(topology.entry.function, input.images, undefined, input.delivery);
  return { usage, events, invocations, transitions, sdkCalls, streamRecords };
}
