import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { Channel } from '@sma/contracts';
import { IdempotentPublisher } from '../adapters/publisher';
import { secretReader, type SecretOf } from '../adapters/secrets';
import { ingressEnvironment } from '../environment';
import { INGRESS_CHANNELS } from '../routes/channels';
import type { Route } from '../routes/route';
import { createIngressHandler, type IngressHandler } from './ingress-handler';
import { observability } from './observability';

type SecretOfChannel<C extends Channel> = SecretOf<(typeof INGRESS_CHANNELS)[C]['secret']>;

/**
 * Builds a channel's Lambda handler from the environment: plain AWS SDK v3
 * clients (they honour `AWS_ENDPOINT_URL`, which is how the local cloud
 * points them at itself), traced by X-Ray, created once per execution
 * environment. Handler files call it at module scope.
 */
export function wireIngressHandler<C extends Channel>(
  channel: C,
  route: Route<SecretOfChannel<C>>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): IngressHandler {
  const definition = INGRESS_CHANNELS[channel];
  const config = ingressEnvironment(env);
  const { logger, metrics, tracer } = observability(channel);
  const secrets = new SecretsProvider({ awsSdkV3Client: tracer.captureAWSv3Client(new SecretsManagerClient({})) });
  const publisher = new IdempotentPublisher({
    eventBridge: tracer.captureAWSv3Client(new EventBridgeClient({})),
    dynamoDb: tracer.captureAWSv3Client(new DynamoDBClient({})),
    tableName: config.idempotencyTable,
    keyPrefix: definition.idempotencyKeyPrefix,
    recordTtlSeconds: config.idempotencyTtlSeconds,
    rejectReusedKeys: definition.rejectReusedIds,
  });
  return createIngressHandler({
    loadSecret: secretReader(secrets, definition.secret, config.secretsMaxAgeSeconds) as () => Promise<SecretOfChannel<C>>,
    route,
    publisher,
    logger,
    metrics,
  });
}
