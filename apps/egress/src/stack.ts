import { ArnFormat, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { BusRule, HandlerFunction, grantPublish, grantReadSharedBucket } from '@sma/cdk';
import { SECRET_NAMES } from '@sma/contracts';
import { DEFAULT_SLACK_API_BASE_URL, DEFAULT_TWITTER_API_BASE_URL } from './config';
import { IdempotencyTable } from './constructs/idempotency-table';

export interface EgressStackProps extends StackProps {
  /**
   * How long a command's outcome is remembered, so a replay posts nothing. Keep
   * it longer than the Plumbing archive's retention (30 days by default).
   * @default Duration.days(32)
   */
  readonly idempotencyTtl?: Duration;
  /** @default 'https://api.x.com' */
  readonly twitterApiBaseUrl?: string;
  /** @default 'https://slack.com/api/' */
  readonly slackApiBaseUrl?: string;
  /** Caps concurrent posting, to stay under the platforms' rate limits. @default none (account concurrency) */
  readonly reservedConcurrency?: number;
}

/**
 * Turns reply commands into posts on X, Slack or a webhook sender, exactly
 * once per command, and reports each outcome on the bus.
 */
export class EgressStack extends Stack {
  readonly idempotency: IdempotencyTable;

  constructor(scope: Construct, id: string, props: EgressStackProps = {}) {
    super(scope, id, { description: 'Serverless Message Analyser: idempotent posting of replies to X, Slack and webhooks', ...props });

    this.idempotency = new IdempotencyTable(this, 'Idempotency');
    const egress = new HandlerFunction(this, 'Egress', {
      service: 'egress',
      handler: 'egress',
      description: 'Posts a reply command once on its channel and publishes REPLY_SENT or REPLY_FAILED',
      // Long enough to wait out a short rate limit (retry-after) and still post.
      timeout: Duration.seconds(60),
      memorySize: 512,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      environment: {
        IDEMPOTENCY_TABLE: this.idempotency.table.tableName,
        IDEMPOTENCY_TTL_SECONDS: String((props.idempotencyTtl ?? Duration.days(32)).toSeconds()),
        TWITTER_API_BASE_URL: props.twitterApiBaseUrl ?? DEFAULT_TWITTER_API_BASE_URL,
        SLACK_API_BASE_URL: props.slackApiBaseUrl ?? DEFAULT_SLACK_API_BASE_URL,
      },
    });
    this.idempotency.grantIdempotency(egress.role);
    grantPublish(this, egress.role, ['REPLY_SENT', 'REPLY_FAILED']);
    grantReadSharedBucket(this, egress.role, 'annotatedImages');
    Validations.of(egress.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::sma-annotated-images-<AWS::AccountId>-<AWS::Region>/*]',
      reason: 'Responding writes one annotated image per message; egress may only GetObject in that one bucket.',
    });
    // Secret ARNs end in a random six-character suffix; `??????` matches it and nothing longer.
    iam.Grant.addToPrincipal({
      grantee: egress.role,
      actions: ['secretsmanager:GetSecretValue'],
      resourceArns: Object.values(SECRET_NAMES).map((name) =>
        this.formatArn({ service: 'secretsmanager', resource: 'secret', resourceName: `${name}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ),
    }).assertSuccess();

    const replies = new BusRule(this, 'Replies', {
      description: 'Reply commands, for egress to post',
      detailTypes: ['SEND_REPLY'],
      target: (delivery) => new targets.LambdaFunction(egress.function, delivery),
    });
    // Transient failures (5xx, timeouts, long rate limits) are Lambda's to retry, twice, then dead-lettered;
    // refusals never get here: egress records them and dead-letters the command itself.
    replies.catchFunctionErrors(egress.function);
    replies.deadLetters.queue.grantSendMessages(egress.role);
    egress.function.addEnvironment('DEAD_LETTER_QUEUE_URL', replies.deadLetters.queue.queueUrl);

    // What an operator needs to redrive dead letters (scripts/redrive.ts).
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: replies.deadLetters.queue.queueUrl, description: 'Reply commands that failed or were refused' });
    new CfnOutput(this, 'IdempotencyTableName', { value: this.idempotency.table.tableName, description: 'Outcome of every reply command, by CommandId' });
  }
}
