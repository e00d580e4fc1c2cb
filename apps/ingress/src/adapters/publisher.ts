import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { putEvents, toEntry, type PutEventsOptions } from '@sma/contracts';
import type { PublishUnit } from '../delivery/units';
import { IdempotencyKeyReusedError, PublishFailedError } from '../errors';
import { settleAll } from './settle';

export interface IdempotentPublisherOptions {
  readonly eventBridge: EventBridgeClient;
  readonly dynamoDb: DynamoDBClient;
  /** The idempotency table (partition key `id`, TTL on `expiration`). */
  readonly tableName: string;
  /** Prefix of every key, e.g. `ingress.twitter`. */
  readonly keyPrefix: string;
  /** How long a completed unit blocks redeliveries. */
  readonly recordTtlSeconds: number;
  /** Refuse a known key whose payload fingerprint differs (`IdempotencyKeyReusedError`). */
  readonly rejectReusedKeys: boolean;
  /** Units published at once. @default 8 */
  readonly concurrency?: number;
  /** Passed to `putEvents` (tests inject a sleep). */
  readonly putEventsOptions?: PutEventsOptions;
}

export interface PublishReport {
  /** Units published by this request. */
  readonly published: number;
  /** Units an earlier request already published (nothing sent again). */
  readonly duplicates: number;
  /** Events sent to the bus by this request. */
  readonly events: number;
}

/** What the idempotency record keeps of a completed unit; a replayed answer is marked `duplicate`. */
interface UnitResult {
  readonly events: number;
  readonly duplicate?: true;
}

/**
 * Publishes units exactly once per key with Powertools Idempotency on DynamoDB.
 *
 * For each unit: a conditional put claims the key (`INPROGRESS`, expiring with
 * the invocation), `putEvents` publishes, and only then is the record marked
 * `COMPLETED`. If publishing throws, Powertools deletes the claim, so the
 * platform's retry publishes the unit; a key already `COMPLETED` returns its
 * stored result and publishes nothing. A key `INPROGRESS` in another request
 * throws `IdempotencyAlreadyInProgressError` (answered 409: retry later).
 *
 * Every event of every unit is validated and size-checked before the first
 * unit is claimed, so a delivery with one bad event publishes nothing.
 */
export class IdempotentPublisher {
  readonly #config: IdempotencyConfig;
  readonly #publishOnce: (unit: PublishUnit) => Promise<UnitResult>;
  readonly #concurrency: number;

  constructor(options: IdempotentPublisherOptions) {
    this.#concurrency = options.concurrency ?? 8;
    this.#config = new IdempotencyConfig({
      eventKeyJmesPath: 'key',
      ...(options.rejectReusedKeys ? { payloadValidationJmesPath: 'fingerprint' } : {}),
      expiresAfterSeconds: options.recordTtlSeconds,
      throwOnNoIdempotencyKey: true,
      // Completed keys are remembered in the execution environment too: a burst of redeliveries costs no reads.
      useLocalCache: true,
      responseHook: (response) => ({ ...(response as object), duplicate: true }),
    });
    const persistenceStore = new DynamoDBPersistenceLayer({
      tableName: options.tableName,
      awsSdkV3Client: options.dynamoDb,
    });
    const publish = async (unit: PublishUnit): Promise<UnitResult> => {
      await putEvents(options.eventBridge, unit.events, options.putEventsOptions);
      return { events: unit.events.length };
    };
    this.#publishOnce = makeIdempotent(publish, {
      persistenceStore,
      config: this.#config,
      keyPrefix: options.keyPrefix,
    });
  }

  /** Lets an in-progress claim expire with the invocation, so a timed-out request does not block retries. */
  registerLambdaContext(context: Context): void {
    this.#config.registerLambdaContext(context);
  }

  /** Publishes the units; throws `PublishFailedError` (after trying every unit) if any failed. */
  async publish(units: readonly PublishUnit[]): Promise<PublishReport> {
    for (const unit of units) for (const event of unit.events) toEntry(event);
    const outcomes = await settleAll(units, this.#concurrency, (unit) => this.#publishUnit(unit));
    const failures = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ key: units[i]!.key, error: o.reason }] : []));
    const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    if (failures.length > 0) throw new PublishFailedError(failures, results.length);
    const fresh = results.filter((r) => !r.duplicate);
    return {
      published: fresh.length,
      duplicates: results.length - fresh.length,
      events: fresh.reduce((sum, r) => sum + r.events, 0),
    };
  }

  async #publishUnit(unit: PublishUnit): Promise<UnitResult> {
    try {
      return await this.#publishOnce(unit);
    } catch (error) {
      if (error instanceof Error && error.name === 'IdempotencyValidationError') {
        throw new IdempotencyKeyReusedError(unit.key, { cause: error });
      }
      throw error;
    }
  }
}
