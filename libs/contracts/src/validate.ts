import { z } from 'zod';
import { ContractValidationError, UnknownDetailTypeError } from './errors';
import { CONTRACTS, isDetailType, type DetailOf, type DetailType } from './registry';

/** Parses a `detail` against its detail-type's schema; throws `ContractValidationError` with every issue. */
export function parseDetail<T extends DetailType>(detailType: T, detail: unknown): DetailOf<T> {
  const result = CONTRACTS[detailType].schema.safeParse(detail);
  if (!result.success) {
    throw new ContractValidationError(detailType, result.error.issues, { cause: result.error });
  }
  return result.data as DetailOf<T>;
}

/** The EventBridge envelope as targets receive it (Lambda, Step Functions, SQS...). */
export const EventEnvelopeSchema = z.object({
  version: z.string(),
  id: z.string(),
  'detail-type': z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
  'replay-name': z.string().optional(),
});

/** An EventBridge event whose detail has been validated against its contract. */
export interface BusEvent<T extends DetailType> {
  readonly id: string;
  readonly detailType: T;
  readonly source: string;
  readonly time: string;
  /** Set when the event was re-delivered by an archive replay. */
  readonly replayName?: string;
  readonly detail: DetailOf<T>;
}

/**
 * Parses an event a target received, checking that it is one of the expected
 * detail-types and that its detail satisfies the contract.
 */
export function parseBusEvent<T extends DetailType>(event: unknown, expected: readonly T[]): BusEvent<T> {
  const envelope = EventEnvelopeSchema.safeParse(event);
  if (!envelope.success) {
    throw new ContractValidationError('(envelope)', envelope.error.issues, { cause: envelope.error });
  }
  const type = envelope.data['detail-type'];
  if (!isDetailType(type)) throw new UnknownDetailTypeError(type);
  if (!(expected as readonly string[]).includes(type)) {
    throw new ContractValidationError(type, [
      { path: ['detail-type'], message: `expected one of ${expected.join(', ')}` },
    ]);
  }
  const detailType = type as T;
  return {
    id: envelope.data.id,
    detailType,
    source: envelope.data.source,
    time: envelope.data.time,
    ...(envelope.data['replay-name'] ? { replayName: envelope.data['replay-name'] } : {}),
    detail: parseDetail(detailType, envelope.data.detail),
  };
}
