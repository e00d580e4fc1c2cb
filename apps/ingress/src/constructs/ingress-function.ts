import { Duration } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { HandlerFunction, grantPublish } from '@sma/cdk';
import { SECRET_NAMES, type Channel } from '@sma/contracts';
import { INGRESS_ENV } from '../environment';
import { INGRESS_CHANNELS } from '../routes/channels';
import type { IdempotencyTable } from './idempotency-table';

export interface IngressFunctionProps {
  readonly channel: Channel;
  readonly idempotencyTable: IdempotencyTable;
  /** How long a completed delivery blocks redeliveries. @default Duration.days(7) */
  readonly idempotencyTtl?: Duration;
  /** How long a secret is cached in an execution environment. @default Duration.minutes(5) */
  readonly secretsMaxAge?: Duration;
  /**
   * Platforms give up after 3 seconds (and retry); anything slower than that is
   * a failure already, but finishing it lets the retry find a completed record.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /** More memory is more CPU: a faster cold start inside the platforms' 3 seconds. @default 512 */
  readonly memorySize?: number;
}

/**
 * One channel's Lambda function with exactly its permissions: read its own
 * channel secret (referenced by name; the stack never creates secret values),
 * use the idempotency table, and publish its own detail-types to the Plumbing
 * bus with their contract sources.
 */
export class IngressFunction extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: IngressFunctionProps) {
    super(scope, id);
    const definition = INGRESS_CHANNELS[props.channel];
    this.handler = new HandlerFunction(this, 'Handler', {
      service: 'ingress',
      handler: definition.handler,
      description: `Verifies ${props.channel} deliveries and publishes them to the Plumbing bus exactly once`,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      environment: {
        [INGRESS_ENV.idempotencyTable]: props.idempotencyTable.table.tableName,
        [INGRESS_ENV.idempotencyTtlSeconds]: String((props.idempotencyTtl ?? Duration.days(7)).toSeconds()),
        [INGRESS_ENV.secretsMaxAgeSeconds]: String((props.secretsMaxAge ?? Duration.minutes(5)).toSeconds()),
      },
    });
    const secret = secretsmanager.Secret.fromSecretNameV2(this, 'Secret', SECRET_NAMES[definition.secret]);
    secret.grantRead(this.handler.role);
    props.idempotencyTable.grantIdempotency(this.handler.role);
    grantPublish(this, this.handler.role, definition.detailTypes);
  }
}
