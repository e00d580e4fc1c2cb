import { App, Duration } from 'aws-cdk-lib';
import { deploymentEnvironment } from '@sma/cdk';
import { PlumbingStack } from './stack';

const app = new App();
new PlumbingStack(app, 'Plumbing', {
  env: deploymentEnvironment(),
  archiveRetention: Duration.days(Number(app.node.tryGetContext('archiveRetentionDays') ?? 30)),
});
