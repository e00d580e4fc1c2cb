import { assembleAnalysis } from '../assemble/assemble';
import { AssembleInputSchema } from '../assemble/input';
import { STEPS } from '../workflow/steps';
import { MetricUnit, metrics, parseStepInput, stepHandler } from './observability';

/**
 * Builds the `Analysis` of MESSAGE_ANALYSED from the branches' outcomes and
 * validates it against the contract before the workflow publishes it. Pure:
 * no client, no I/O.
 */
export const handler = stepHandler(STEPS.assemble, async (event: unknown) => {
  const assembled = assembleAnalysis(parseStepInput(STEPS.assemble, AssembleInputSchema, event), new Date());
  metrics.addMetric('AnalysisErrors', MetricUnit.Count, assembled.Analysis.Errors.length);
  metrics.addMetric('ImagesAnalysed', MetricUnit.Count, assembled.Analysis.Images.length);
  return assembled;
});
