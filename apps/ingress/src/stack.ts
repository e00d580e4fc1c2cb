import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { IdempotencyTable } from './constructs/idempotency-table';
import { IngressApi } from './constructs/ingress-api';
import { IngressFunction } from './constructs/ingress-function';

export interface IngressStackProps extends StackProps {
  /** @default 'v1' */
  readonly stageName?: string;
  /** Steady-state requests per second across the API. @default 50 */
  readonly throttlingRateLimit?: number;
  /** @default 100 */
  readonly throttlingBurstLimit?: number;
  /** How long a delivered platform id is remembered (X can replay up to 5 days back). @default Duration.days(7) */
  readonly idempotencyTtl?: Duration;
  /** How long a channel secret is cached per execution environment. @default Duration.minutes(5) */
  readonly secretsMaxAge?: Duration;
  /** See `IngressApiProps.manageApiGatewayAccount`. @default true */
  readonly manageApiGatewayAccount?: boolean;
}

/**
 * The only door from the outside world: an API Gateway REST API with one
 * function per channel (X, Slack, generic webhook). Each verifies its
 * platform's signature over the raw body, maps the delivery through the
 * anti-corruption layer, and publishes raw channel events and
 * `MESSAGE_RECEIVED` to the Plumbing bus exactly once per platform id
 * (Powertools Idempotency on the table below).
 */
export class IngressStack extends Stack {
  readonly api: IngressApi;
  readonly idempotencyTable: IdempotencyTable;
  readonly functions: { readonly twitter: IngressFunction; readonly slack: IngressFunction; readonly webhook: IngressFunction };

  constructor(scope: Construct, id: string, props: IngressStackProps = {}) {
    super(scope, id, { description: 'Serverless Message Analyser: ingress (X, Slack and generic webhooks)', ...props });
    this.idempotencyTable = new IdempotencyTable(this, 'Idempotency');
    const common = {
      idempotencyTable: this.idempotencyTable,
      ...(props.idempotencyTtl ? { idempotencyTtl: props.idempotencyTtl } : {}),
      ...(props.secretsMaxAge ? { secretsMaxAge: props.secretsMaxAge } : {}),
    };
    // One function per channel rather than a router: each holds only its own secret and
    // detail-types, cold-starts with one channel's code, and is throttled and alarmed apart.
    this.functions = {
      twitter: new IngressFunction(this, 'Twitter', { channel: 'TWITTER', ...common }),
      slack: new IngressFunction(this, 'Slack', { channel: 'SLACK', ...common }),
      webhook: new IngressFunction(this, 'Webhook', { channel: 'WEBHOOK', ...common }),
    };
    this.api = new IngressApi(this, 'Api', {
      twitter: this.functions.twitter.handler.function,
      slack: this.functions.slack.handler.function,
      webhook: this.functions.webhook.handler.function,
      ...(props.stageName ? { stageName: props.stageName } : {}),
      ...(props.throttlingRateLimit !== undefined ? { throttlingRateLimit: props.throttlingRateLimit } : {}),
      ...(props.throttlingBurstLimit !== undefined ? { throttlingBurstLimit: props.throttlingBurstLimit } : {}),
      ...(props.manageApiGatewayAccount !== undefined ? { manageApiGatewayAccount: props.manageApiGatewayAccount } : {}),
    });

    // A 5xx means a platform is retrying something we could not publish: someone should look.
    this.api.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }).createAlarm(this, 'ServerErrors', {
      alarmDescription: 'Ingress answered 5xx: deliveries are not being published and platforms are retrying',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    new CfnOutput(this, 'TwitterWebhookUrl', { value: this.api.urlFor('/twitter'), description: 'Register with X as the Account Activity webhook URL' });
    new CfnOutput(this, 'SlackRequestUrl', { value: this.api.urlFor('/slack'), description: 'Slack app: Event Subscriptions request URL' });
    new CfnOutput(this, 'WebhookUrl', { value: this.api.urlFor('/webhook/'), description: 'Generic senders POST to this URL plus their source name' });
  }
}
