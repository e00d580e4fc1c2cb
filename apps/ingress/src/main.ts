import { App, Duration } from 'aws-cdk-lib';
import { deploymentEnvironment } from '@sma/cdk';
import { IngressStack } from './stack';

const app = new App();
const context = (key: string): unknown => app.node.tryGetContext(key);
const number = (key: string): number | undefined => (context(key) === undefined ? undefined : Number(context(key)));

new IngressStack(app, 'Ingress', {
  env: deploymentEnvironment(),
  stageName: String(context('stageName') ?? 'v1'),
  ...(number('throttlingRateLimit') !== undefined ? { throttlingRateLimit: number('throttlingRateLimit')! } : {}),
  ...(number('throttlingBurstLimit') !== undefined ? { throttlingBurstLimit: number('throttlingBurstLimit')! } : {}),
  idempotencyTtl: Duration.hours(number('idempotencyTtlHours') ?? 168),
  secretsMaxAge: Duration.seconds(number('secretsMaxAgeSeconds') ?? 300),
  manageApiGatewayAccount: String(context('manageApiGatewayAccount') ?? 'true') !== 'false',
});
