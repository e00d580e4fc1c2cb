import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { BusRule } from '@sma/cdk';
import { ALERTS, type AlertSettings, type AlertType } from '../alerts/alert-types';
import { PlainTextInput } from './plain-text-input';
import { SnsAlertTarget } from './sns-alert-target';

export interface AlertRuleProps {
  readonly alertType: AlertType;
  /** The topic of this alert type. */
  readonly topic: sns.ITopic;
  readonly settings: AlertSettings;
}

/**
 * The rule that raises one alert type: its pattern does all the routing (no
 * code runs), and an input transformer writes the message straight to the
 * topic, with BusRule's retry policy and dead-letter queue.
 */
export class AlertRule extends Construct {
  readonly busRule: BusRule;

  constructor(scope: Construct, id: string, props: AlertRuleProps) {
    super(scope, id);
    const alert = ALERTS[props.alertType];
    this.busRule = new BusRule(this, 'Rule', {
      description: alert.ruleDescription,
      detailTypes: alert.detailTypes,
      detail: alert.detail(props.settings),
      target: (delivery) => new SnsAlertTarget(props.topic, { ...delivery, message: new PlainTextInput(alert.message) }),
    });
  }
}
