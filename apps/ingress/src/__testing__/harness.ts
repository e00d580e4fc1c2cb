import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { SECRET_NAMES, type Channel } from '@sma/contracts';
import { INGRESS_ENV } from '../environment';
import { slackRoute } from '../routes/slack';
import { twitterRoute } from '../routes/twitter';
import { webhookRoute } from '../routes/webhook';
import type { IngressHandler } from '../runtime/ingress-handler';
import { wireIngressHandler } from '../runtime/wire';
import { SECRETS, lambdaContext } from './deliveries';
import { FakeIdempotencyTable } from './fake-dynamodb';

export const TEST_ENV = { [INGRESS_ENV.idempotencyTable]: 'IngressIdempotency' };

/**
 * The AWS side of a handler test: Secrets Manager holding the development
 * secrets, an in-memory idempotency table and an EventBridge that records
 * every entry it accepts. Handlers are wired exactly as in production (same
 * factory, same adapters); only the SDK clients' transport is mocked.
 */
export class IngressHarness {
  readonly table = new FakeIdempotencyTable();
  readonly eventBridge = mockClient(EventBridgeClient);
  readonly secretsManager = mockClient(SecretsManagerClient);
  /** Every entry EventBridge accepted, in order. */
  readonly published: PutEventsRequestEntry[] = [];

  reset(): void {
    this.table.mock.reset();
    this.table.items.clear();
    this.table.install();
    this.eventBridge.reset();
    this.secretsManager.reset();
    this.published.length = 0;
    this.acceptAllEvents();
    const values: Record<string, unknown> = {
      [SECRET_NAMES.twitter]: SECRETS.twitter,
      [SECRET_NAMES.slack]: SECRETS.slack,
      [SECRET_NAMES.webhook]: SECRETS.webhook,
    };
    this.secretsManager.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => ({
      Name: input.SecretId,
      SecretString: JSON.stringify(values[input.SecretId]),
    }));
  }

  acceptAllEvents(): void {
    let sequence = 0;
    this.eventBridge.on(PutEventsCommand).callsFake((input: PutEventsCommand['input']) => {
      const entries = input.Entries ?? [];
      this.published.push(...entries);
      return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: `event-${++sequence}` })) };
    });
  }

  /** A fresh handler for the channel (fresh caches), wired as the Lambda's module does it. */
  handler(channel: Channel): IngressHandler {
    switch (channel) {
      case 'TWITTER':
        return wireIngressHandler('TWITTER', twitterRoute, TEST_ENV);
      case 'SLACK':
        return wireIngressHandler('SLACK', slackRoute, TEST_ENV);
      case 'WEBHOOK':
        return wireIngressHandler('WEBHOOK', webhookRoute, TEST_ENV);
    }
  }

  /** The detail-types published, in order. */
  detailTypes(): string[] {
    return this.published.map((e) => e.DetailType!);
  }

  /** The parsed details of one detail-type. */
  details(detailType: string): Array<Record<string, unknown>> {
    return this.published.filter((e) => e.DetailType === detailType).map((e) => JSON.parse(e.Detail!) as Record<string, unknown>);
  }
}

export async function invoke(
  handler: IngressHandler,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult & { json: Record<string, unknown> }> {
  const result = await handler(event, lambdaContext());
  return { ...result, json: JSON.parse(result.body) as Record<string, unknown> };
}
