import { App } from 'aws-cdk-lib';
import { deploymentEnvironment } from '@sma/cdk';
import { alertingConfigFromContext } from './config';
import { AlertingStack } from './stack';

const app = new App();
const config = alertingConfigFromContext((key) => app.node.tryGetContext(key));
new AlertingStack(app, 'Alerting', {
  env: deploymentEnvironment(),
  moderationMinConfidence: config.moderationMinConfidence,
  subscriptions: config.alertSubscriptions,
});
