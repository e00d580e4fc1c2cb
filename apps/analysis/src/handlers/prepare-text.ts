import { PrepareInputSchema, prepareText } from '../text/prepare';
import { STEPS } from '../workflow/steps';
import { MetricUnit, metrics, parseStepInput, stepHandler } from './observability';

/**
 * The workflow's first step: validates the received message and decides what
 * the text branch runs (see README "Why PrepareText is a Lambda"). Pure: no
 * client, no I/O.
 */
export const handler = stepHandler(STEPS.prepare, async (event: unknown) => {
  const prepared = prepareText(parseStepInput(STEPS.prepare, PrepareInputSchema, event));
  // How often texts are cut or too short to detect their language: what the byte limits cost in practice.
  metrics.addMetric('TextTruncated', MetricUnit.Count, prepared.Plan.Truncated.length > 0 ? 1 : 0);
  metrics.addMetric('LanguageDetectionSkipped', MetricUnit.Count, prepared.Plan.DetectLanguage ? 0 : 1);
  return prepared;
});
