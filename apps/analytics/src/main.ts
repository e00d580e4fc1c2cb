import { App } from 'aws-cdk-lib';
import { deploymentEnvironment } from '@sma/cdk';
import { analyticsConfigFromContext } from './config';
import { AnalyticsStack } from './stack';

const app = new App();
const config = analyticsConfigFromContext((key) => app.node.tryGetContext(key));
new AnalyticsStack(app, 'Analytics', {
  env: deploymentEnvironment(),
  glueDatabaseName: config.glueDatabaseName,
  lakeStartDate: config.lakeStartDate,
  athenaWorkGroupName: config.athenaWorkGroupName,
  athenaBytesScannedCutoffPerQuery: Math.round(config.athenaScanLimitGiB * 1024 ** 3),
});
