import { App, Duration } from 'aws-cdk-lib';
import { deploymentEnvironment } from '@sma/cdk';
import { EgressStack } from './stack';

const app = new App();
const context = (key: string): string | undefined => {
  const value = app.node.tryGetContext(key) as unknown;
  return value === undefined || value === null || String(value).trim() === '' ? undefined : String(value).trim();
};
const idempotencyDays = Number(context('idempotencyDays') ?? 32);
if (!Number.isInteger(idempotencyDays) || idempotencyDays < 1) throw new Error(`cdk.json context idempotencyDays must be a whole number of days`);
const twitterApiBaseUrl = context('twitterApiBaseUrl');
const slackApiBaseUrl = context('slackApiBaseUrl');
const reservedConcurrency = context('reservedConcurrency');

new EgressStack(app, 'Egress', {
  env: deploymentEnvironment(),
  idempotencyTtl: Duration.days(idempotencyDays),
  ...(twitterApiBaseUrl ? { twitterApiBaseUrl } : {}),
  ...(slackApiBaseUrl ? { slackApiBaseUrl } : {}),
  ...(reservedConcurrency ? { reservedConcurrency: Number(reservedConcurrency) } : {}),
});
