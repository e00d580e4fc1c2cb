import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ALERT_TYPES, type AlertType } from './alerts/alert-types';
import type { AlertSubscription } from './config';
import { AlertRule } from './constructs/alert-rule';
import { AlertTopics } from './constructs/alert-topics';
import { AlertingConfigurationError } from './errors';

export interface AlertingStackProps extends StackProps {
  /**
   * Rekognition moderation confidence (a percentage, 0-100) at or above which an
   * image raises an IMAGE_MODERATION alert.
   * @default 80
   */
  readonly moderationMinConfidence?: number;
  /** Who receives which alert types. @default [] (the topics exist, nobody is subscribed) */
  readonly subscriptions?: readonly AlertSubscription[];
}

/**
 * Alerts for people: a rule per alert type on the Plumbing bus writes a
 * readable message to that type's encrypted SNS topic, which delivers it to the
 * configured e-mail and HTTPS subscribers. No Lambda: routing is in the rules'
 * patterns, formatting in their input transformers.
 */
export class AlertingStack extends Stack {
  readonly topics: AlertTopics;
  readonly rules: Readonly<Record<AlertType, AlertRule>>;

  constructor(scope: Construct, id: string, props: AlertingStackProps = {}) {
    super(scope, id, { description: 'Serverless Message Analyser: negative-message and image-moderation alerts over SNS', ...props });
    const moderationMinConfidence = props.moderationMinConfidence ?? 80;
    if (!(moderationMinConfidence >= 0 && moderationMinConfidence <= 100)) {
      throw new AlertingConfigurationError(`moderationMinConfidence must be a percentage, got ${moderationMinConfidence}`);
    }
    this.topics = new AlertTopics(this, 'Alerts', { subscriptions: props.subscriptions ?? [] });
    this.rules = Object.fromEntries(
      ALERT_TYPES.map((alertType) => [
        alertType,
        new AlertRule(this, `${alertType}Rule`, {
          alertType,
          topic: this.topics.topics[alertType],
          settings: { moderationMinConfidence },
        }),
      ]),
    ) as Record<AlertType, AlertRule>;
  }
}
