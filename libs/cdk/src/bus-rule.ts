import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONTRACTS, type DetailType } from '@sma/contracts';
import { plumbingBus } from './bus';
import { DeadLetterQueue } from './dead-letter-queue';

/**
 * Matches every event on the bus, whatever its detail-type and source: for a
 * consumer that must see everything (the data lake), like the bus's archive.
 */
export const ALL_EVENTS = 'ALL_EVENTS';

/** The retry policy and dead-letter queue every rule target gets. */
export interface TargetDelivery {
  readonly deadLetterQueue: sqs.IQueue;
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
}

export interface BusRuleProps {
  /** Why the rule exists. */
  readonly description: string;
  /** The detail-types to match (the pattern also pins each one's contract source), or `ALL_EVENTS`. */
  readonly detailTypes: readonly DetailType[] | typeof ALL_EVENTS;
  /** Extra conditions on `detail` (EventBridge pattern syntax). */
  readonly detail?: Record<string, unknown>;
  /** Builds the target from the delivery settings (retry policy and dead-letter queue). */
  readonly target: (delivery: TargetDelivery) => events.IRuleTarget;
  /**
   * Retries of a failing delivery before it goes to the dead-letter queue.
   * @default 8 (with EventBridge's backoff, about 10 minutes)
   */
  readonly retryAttempts?: number;
  /** @default Duration.hours(2) */
  readonly maxEventAge?: Duration;
}

/** How a Lambda target's own errors are retried before they are dead-lettered. */
export interface FunctionErrorOptions {
  /** Lambda's retries of an asynchronous invocation that threw (0 to 2). @default 2 */
  readonly retryAttempts?: number;
  /** How long Lambda keeps retrying an event (1 minute to 6 hours). @default Duration.hours(6) */
  readonly maxEventAge?: Duration;
}

/** The event pattern for these detail-types from their legitimate sources, plus optional detail conditions. */
export function eventPatternFor(
  detailTypes: readonly DetailType[] | typeof ALL_EVENTS,
  detail?: Record<string, unknown>,
): events.EventPattern {
  if (detailTypes === ALL_EVENTS) return { source: events.Match.prefix(''), ...(detail ? { detail } : {}) };
  return {
    source: [...new Set(detailTypes.map((t) => CONTRACTS[t].source))].sort(),
    detailType: [...detailTypes],
    ...(detail ? { detail } : {}),
  };
}

/**
 * A rule on the Plumbing bus with one target that retries and then dead-letters:
 * routing lives in the rule's pattern, not in code, and no delivery is dropped.
 */
export class BusRule extends Construct {
  readonly rule: events.Rule;
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: BusRuleProps) {
    super(scope, id);
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', { purpose: props.description });
    this.rule = new events.Rule(this, 'Rule', {
      description: props.description,
      eventBus: plumbingBus(this),
      eventPattern: eventPatternFor(props.detailTypes, props.detail),
    });
    this.rule.addTarget(
      props.target({
        deadLetterQueue: this.deadLetters.queue,
        retryAttempts: props.retryAttempts ?? 8,
        maxEventAge: props.maxEventAge ?? Duration.hours(2),
      }),
    );
  }

  /**
   * Dead-letters the errors a Lambda target throws, not only failed deliveries.
   *
   * EventBridge invokes Lambda asynchronously: its retry policy and dead-letter
   * queue cover invocations that could not be made (throttling, permissions), but
   * an error thrown by the handler is Lambda's to retry, and without an
   * on-failure destination it is dropped after Lambda's retries. This sends it to
   * this rule's dead-letter queue (as Lambda's invocation record, whose
   * `requestPayload` is the event and `responsePayload` the error), where the
   * same alarm sees it.
   */
  catchFunctionErrors(fn: lambda.IFunction, options: FunctionErrorOptions = {}): void {
    fn.configureAsyncInvoke({
      retryAttempts: options.retryAttempts ?? 2,
      maxEventAge: options.maxEventAge ?? Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.deadLetters.queue),
    });
  }
}
