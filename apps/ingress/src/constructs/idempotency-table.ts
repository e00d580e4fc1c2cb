import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PERSISTENCE_ATTRIBUTE_KEY_MAPPINGS } from '@aws-lambda-powertools/idempotency';

export interface IdempotencyTableProps {
  /**
   * The records only deduplicate redeliveries for a few days; losing them on
   * stack deletion loses nothing else.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The DynamoDB table of Powertools Idempotency records: partition key `id`
 * (`<channel prefix>#<hash of the platform id>`), and DynamoDB TTL on the
 * attribute Powertools writes the expiry to, so expired records are deleted
 * for free. On demand: deliveries come in bursts.
 */
export class IdempotencyTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: IdempotencyTableProps = {}) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: PERSISTENCE_ATTRIBUTE_KEY_MAPPINGS.expiryAttr,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    Validations.of(this.table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Idempotency records expire within days and can always be rebuilt by redelivery; point-in-time recovery would restore nothing of value.',
    });
  }

  /** Exactly the calls Powertools Idempotency makes: claim (put), read, complete (update), release (delete). */
  grantIdempotency(grantee: iam.IGrantable): void {
    this.table.grant(grantee, 'dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem');
  }
}
