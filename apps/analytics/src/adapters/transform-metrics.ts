import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { DROP_REASONS, type TransformStats } from '../lake/transform-records';
import { FAILURE_REASONS } from '../lake/lake-record';

/** Metric names the transform publishes (namespace `ServerlessMessageAnalyser`, dimension `service`). */
export const TRANSFORM_METRICS = {
  ok: 'LakeRecordsOk',
  dropped: 'LakeRecordsDropped',
  failed: 'LakeRecordsFailed',
  piiSpans: 'PiiSpansRedacted',
  piiRepeats: 'PiiRepeatsRedacted',
  piiPatterns: 'PiiPatternsRedacted',
  piiWithheld: 'PiiTextWithheld',
  unknownDetailTypes: 'UnknownDetailTypes',
  contractViolations: 'ContractViolations',
} as const;

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Publishes a batch's counts as CloudWatch metrics (EMF). Totals are always
 * published, zeros included, so alarms see data; counts by reason go out as
 * `<name>ByReason` with a `Reason` dimension when non-zero.
 */
export function publishTransformStats(metrics: Metrics, stats: TransformStats): void {
  const totals: Record<keyof typeof TRANSFORM_METRICS, number> = {
    ok: stats.ok,
    dropped: sum(stats.dropped),
    failed: sum(stats.failed),
    piiSpans: stats.piiSpans,
    piiRepeats: stats.piiRepeats,
    piiPatterns: stats.piiPatterns,
    piiWithheld: sum(stats.piiWithheld),
    unknownDetailTypes: stats.unknownDetailTypes,
    contractViolations: stats.contractViolations,
  };
  for (const [key, name] of Object.entries(TRANSFORM_METRICS)) {
    metrics.addMetric(name, MetricUnit.Count, totals[key as keyof typeof TRANSFORM_METRICS]);
  }
  const byReason = (name: string, counts: Record<string, number>, reasons: readonly string[]) => {
    for (const reason of reasons) {
      const count = counts[reason] ?? 0;
      if (count > 0) metrics.singleMetric().addDimension('Reason', reason).addMetric(`${name}ByReason`, MetricUnit.Count, count);
    }
  };
  byReason(TRANSFORM_METRICS.dropped, stats.dropped, DROP_REASONS);
  byReason(TRANSFORM_METRICS.failed, stats.failed, FAILURE_REASONS);
  byReason(TRANSFORM_METRICS.piiWithheld, stats.piiWithheld, Object.keys(stats.piiWithheld));
  metrics.publishStoredMetrics();
}
