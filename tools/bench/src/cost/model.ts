import { ASSUMPTIONS, PRICING_ASSUMPTIONS, type Behaviour, type PricingAssumptions } from './assumptions';
import { mentionDelivery } from './delivery';
import { followMessage, type Journey, type JourneyRuntime } from './journey';
import type { Findings } from './stand-ins';
import type { Topology } from './topology';
import { gigabytes, lambdaGbSeconds } from './units';
import { addUsage, expectedUsage, type Usage } from './usage';

export type ScenarioName = 'text only' | 'one photo';

/** One concrete message of a scenario, with the weight it has in the scenario's mix. */
export interface MessageVariant {
  readonly weight: number;
  readonly characters: number;
  readonly images: number;
  readonly findings: Findings;
}

/** The mix of messages a scenario stands for: text lengths × negative or not (× a named face, × a flagged photo). */
export function variantsOf(scenario: ScenarioName): MessageVariant[] {
  const images = scenario === 'one photo' ? 1 : 0;
  const share = (p: number, yes: boolean) => (yes ? p : 1 - p);
  const flags = images === 0 ? [false] : [false, true];
  const variants: MessageVariant[] = [];
  for (const { characters, share: lengthShare } of ASSUMPTIONS.textLengths.value) {
    for (const negative of [false, true]) {
      for (const celebrity of flags) {
        for (const moderated of flags) {
          const weight =
            lengthShare *
            share(ASSUMPTIONS.negativeShare.value, negative) *
            (images ? share(ASSUMPTIONS.celebrityShare.value, celebrity) * share(ASSUMPTIONS.moderatedShare.value, moderated) : 1);
          variants.push({ weight, characters, images, findings: { negative, celebrity, moderated, language: ASSUMPTIONS.language.value } });
        }
      }
    }
  }
  return variants;
}

export interface ScenarioCost {
  readonly scenario: ScenarioName;
  /** Expected usage of one message of the scenario. */
  readonly usage: Usage;
  /** The most common variant's journey, to show what happened. */
  readonly typical: Journey;
  /** Expected transitions per execution (what Standard would bill). */
  readonly transitions: number;
}

/**
 * What buffering costs per message: a delivery stream writes one object per
 * partition (detail-type, with dynamic partitioning) per flush, and invokes
 * its transformation once per buffer, so both are shared by every message in
 * the window at the assumed traffic.
 */
export function batchingUsage(
  topology: Topology,
  streams: Readonly<Record<string, { readonly records: number; readonly detailTypes: readonly string[] }>>,
  messagesPerSecond: number,
  assumed: Pick<PricingAssumptions, 'firehoseTransformMs' | 'coldStarts' | 'lambdaLogBytes'> = PRICING_ASSUMPTIONS,
): Usage {
  const usages: Usage[] = [];
  for (const [id, { records, detailTypes }] of Object.entries(streams)) {
    const stream = topology.deliveryStreams[id]!;
    const messagesPerFlush = Math.max(1, messagesPerSecond * stream.bufferSeconds);
    const objects = (stream.dynamicPartitioning ? detailTypes.length : 1) / messagesPerFlush;
    usages.push({ s3Put: objects, ...(stream.dynamicPartitioning ? { firehosePartitionedObject: objects } : {}) });
    if (stream.processor) {
      const fn = topology.functions[stream.processor.function]!;
      const messagesPerInvocation = Math.max(1, messagesPerSecond * stream.processor.bufferSeconds);
      const invocations = 1 / messagesPerInvocation;
      const { perInvocation, perRecord } = assumed.firehoseTransformMs;
      const durationMs = perInvocation + perRecord * records * messagesPerInvocation;
      const { share, initMs } = assumed.coldStarts;
      usages.push({
        lambdaRequest: invocations,
        [fn.architecture === 'arm64' ? 'lambdaArmGbSecond' : 'lambdaX86GbSecond']:
          invocations * (lambdaGbSeconds(fn.memoryMb, durationMs) + share * lambdaGbSeconds(fn.memoryMb, initMs)),
        logsIngestedGb: invocations * gigabytes(assumed.lambdaLogBytes),
      });
    }
  }
  return addUsage(...usages);
}

/** Runs every variant of a scenario through a topology and mixes them into the expected usage per message. */
export async function priceScenario(
  scenario: ScenarioName,
  topology: Topology,
  behaviours: Readonly<Record<string, Behaviour>>,
  runtimeFor: (findings: Findings) => JourneyRuntime,
): Promise<ScenarioCost> {
  const runs: Array<{ weight: number; journey: Journey }> = [];
  for (const variant of variantsOf(scenario)) {
    const journey = await followMessage({
      topology,
      behaviours,
      runtime: runtimeFor(variant.findings),
      delivery: mentionDelivery(variant.characters, variant.images > 0),
      images: variant.images,
    });
    runs.push({ weight: variant.weight, journey });
  }
  const total = runs.reduce((s, r) => s + r.weight, 0);
  const streams: Record<string, { records: number; detailTypes: string[] }> = {};
  for (const { weight, journey } of runs) {
    for (const [id, s] of Object.entries(journey.streamRecords)) {
      const entry = (streams[id] ??= { records: 0, detailTypes: [] });
      entry.records += (s.records * weight) / total;
      for (const type of s.detailTypes) if (!entry.detailTypes.includes(type)) entry.detailTypes.push(type);
    }
  }
  const messagesPerSecond = ASSUMPTIONS.messagesPerMonth.value / (30 * 24 * 3600);
  const usage = addUsage(
    expectedUsage(runs.map((r) => ({ weight: r.weight, usage: r.journey.usage }))),
    batchingUsage(topology, streams, messagesPerSecond),
  );
  const typical = [...runs].sort((a, b) => b.weight - a.weight)[0]!.journey;
  return { scenario, usage, typical, transitions: runs.reduce((s, r) => s + (r.journey.transitions * r.weight) / total, 0) };
}
