import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { SECRET_NAMES, SlackSecretSchema, TwitterSecretSchema, WebhookSecretSchema, putEvents } from '@sma/contracts';
import { readAttachment } from '../adapters/attachments';
import { deadLetter } from '../adapters/dead-letters';
import { clientFromSecret, secretReader } from '../adapters/secrets';
import { SlackSender, createSlackClient } from '../channels/slack';
import { TwitterSender, createTwitterClient } from '../channels/twitter';
import { WebhookSender } from '../channels/webhook';
import { egressConfig, type EgressConfig } from '../config';
import type { DeliveryOutcome } from '../delivery/outcome';
import { IDEMPOTENCY_KEY_PATH, createReplyDelivery, type ReplyDeliveryDeps } from '../reply-delivery';

export interface EgressClients {
  readonly eventBridge: EventBridgeClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamoDb: DynamoDBClient;
  readonly secretsManager: SecretsManagerClient;
  /** For webhook replies. */
  readonly fetch: typeof fetch;
}

/** Everything the delivery needs, made from the configuration and SDK clients (tests pass their own). */
export function egressDeps(config: EgressConfig, clients: EgressClients, overrides: Partial<ReplyDeliveryDeps> = {}): ReplyDeliveryDeps {
  const now = overrides.now ?? (() => new Date());
  const nowMs = () => now().getTime();
  const secrets = new SecretsProvider({ awsSdkV3Client: clients.secretsManager });
  const twitter = clientFromSecret(secretReader(secrets, SECRET_NAMES.twitter, TwitterSecretSchema), (s) =>
    createTwitterClient(s, config.twitterApiBaseUrl),
  );
  const slack = clientFromSecret(secretReader(secrets, SECRET_NAMES.slack, SlackSecretSchema), (s) => createSlackClient(s, config.slackApiBaseUrl));
  return {
    senders: {
      TWITTER: new TwitterSender(twitter, nowMs),
      SLACK: new SlackSender(slack, nowMs),
      WEBHOOK: new WebhookSender({
        secrets: secretReader(secrets, SECRET_NAMES.webhook, WebhookSecretSchema),
        fetch: clients.fetch,
        timeoutMs: config.webhookTimeoutMs,
        now,
      }),
    },
    readAttachment: (command) => readAttachment(clients.s3, command),
    deadLetter: (event, error, commandId) => deadLetter(clients.sqs, config.deadLetterQueueUrl, event, error, commandId),
    publish: async (events) => {
      await putEvents(clients.eventBridge, events);
    },
    idempotency: {
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: config.idempotencyTable, awsSdkV3Client: clients.dynamoDb }),
      config: new IdempotencyConfig({ eventKeyJmesPath: IDEMPOTENCY_KEY_PATH, expiresAfterSeconds: config.idempotencyTtlSeconds }),
    },
    // Up to 3 attempts; a wait must leave 8 s for the retried call and the outcome event.
    rateLimit: { maxAttempts: 3, defaultWaitMs: 1000, reserveMs: 8000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    ...overrides,
    now,
  };
}

const logger = new Logger();
const metrics = new Metrics();
const tracer = new Tracer();
const clients: EgressClients = {
  eventBridge: tracer.captureAWSv3Client(new EventBridgeClient({})),
  s3: tracer.captureAWSv3Client(new S3Client({})),
  sqs: tracer.captureAWSv3Client(new SQSClient({})),
  dynamoDb: tracer.captureAWSv3Client(new DynamoDBClient({})),
  secretsManager: tracer.captureAWSv3Client(new SecretsManagerClient({})),
  fetch: (input, init) => fetch(input, init),
};
let deliver: ReturnType<typeof createReplyDelivery> | undefined;

/** Posts one `SEND_REPLY` on its channel, exactly once, and publishes the outcome. */
export const handler = async (event: unknown, context: Context): Promise<DeliveryOutcome> => {
  logger.addContext(context);
  deliver ??= createReplyDelivery(
    egressDeps(egressConfig(process.env), clients, {
      onRetrying: (command, error) => {
        logger.warn('Reply attempt failed, Lambda will retry', { commandId: command.CommandId, error: error as Error });
        metrics.addMetric('ReplyAttemptFailed', MetricUnit.Count, 1);
      },
    }),
  );
  try {
    const outcome = await deliver(event, context);
    logger.info('Reply outcome', { outcome });
    metrics.addMetric(outcome.Status === 'SENT' ? 'ReplySent' : 'ReplyRefused', MetricUnit.Count, 1);
    return outcome;
  } finally {
    metrics.publishStoredMetrics();
  }
};
