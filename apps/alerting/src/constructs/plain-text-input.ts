import * as events from 'aws-cdk-lib/aws-events';
import type { PlainTextTemplate } from '../alerts/plain-text-template';

/**
 * A rule target input that renders a `PlainTextTemplate` as it is. CDK's own
 * `RuleTargetInput.fromText` JSON-encodes the text, which EventBridge then
 * delivers with its surrounding quotes (and escapes) to SNS subscribers.
 */
export class PlainTextInput extends events.RuleTargetInput {
  constructor(private readonly template: PlainTextTemplate) {
    super();
  }

  bind(_rule: events.IRuleRef): events.RuleTargetInputProperties {
    return { inputTemplate: this.template.text, inputPathsMap: { ...this.template.paths } };
  }
}
