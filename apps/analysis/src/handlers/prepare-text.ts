import { PrepareInputSchema, prepareText } from '../text/prepare';
import { STEPS } from '../workflow/steps';
import { parseStepInput, stepHandler } from './observability';

/**
 * The workflow's first step: validates the received message and decides what
 * the text branch runs (see README "Why PrepareText is a Lambda"). Pure: no
 * client, no I/O.
 */
export const handler = stepHandler(STEPS.prepare, async (event: unknown) =>
  prepareText(parseStepInput(STEPS.prepare, PrepareInputSchema, event)),
);
