/**
 * The console's record of one bus event: the trace EventBridge keeps (rules matched,
 * deliveries and their outcome) flattened into what the live stream shows, with the
 * message it concerns and whether its detail honours its contract. Pure.
 */
import { CONTRACTS, isDetailType } from '@sma/contracts';
import type { DeliveryView, EventRecord } from '../api-types';

export { withDelivery } from './event-merge';

/** The parts of an EventBridge trace the record is made from (`EventTrace` of the events service). */
export interface TraceLike {
  readonly event: {
    readonly id: string;
    readonly 'detail-type': string;
    readonly source: string;
    readonly time: string;
    readonly resources: readonly string[];
    readonly detail: unknown;
    readonly 'replay-name'?: string;
  };
  readonly bus: string;
  readonly ingested: string;
  readonly rules: readonly string[];
  readonly archives: readonly string[];
  readonly deliveries: ReadonlyArray<{
    readonly rule: string;
    readonly target: string;
    readonly status: DeliveryView['status'];
    readonly attempts: number;
    readonly lastError?: { readonly code: string; readonly message: string };
  }>;
}

/** A rule target's ARNs, looked up by rule ARN and target id. */
export type TargetLookup = (ruleArn: string, targetId: string) => { readonly arn: string; readonly deadLetterArn?: string } | undefined;

/** Key of an event's delivery round: a replayed copy keeps its id but is another round. */
export function eventKey(id: string, replayName: string | undefined): string {
  return replayName ? `${id}#${replayName}` : id;
}

/** `arn:aws:events:…:rule/Plumbing/Name` → `Name`. */
export function ruleNameOf(ruleArn: string): string {
  return ruleArn.slice(ruleArn.lastIndexOf('/') + 1);
}

/** The `MessageId` a detail carries (domain events), if any. */
export function messageIdOf(detail: unknown): string | undefined {
  if (detail === null || typeof detail !== 'object') return undefined;
  const id = (detail as Record<string, unknown>)['MessageId'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Why a detail does not satisfy its contract (empty when it does, or when the type has no contract). */
export function contractIssues(detailType: string, source: string, detail: unknown): string[] {
  if (!isDetailType(detailType)) return [];
  const contract = CONTRACTS[detailType];
  const issues: string[] = [];
  if (contract.source !== source) issues.push(`source is ${source}, the contract says ${contract.source}`);
  const parsed = contract.schema.safeParse(detail);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 10)) issues.push(`${issue.path.join('.') || '(detail)'}: ${issue.message}`);
  }
  return issues;
}

export function deliveryView(
  d: TraceLike['deliveries'][number],
  lookup: TargetLookup,
): DeliveryView {
  const target = lookup(d.rule, d.target);
  return {
    ruleArn: d.rule,
    rule: ruleNameOf(d.rule),
    target: d.target,
    ...(target ? { targetArn: target.arn } : {}),
    ...(target?.deadLetterArn ? { deadLetterArn: target.deadLetterArn } : {}),
    status: d.status,
    attempts: d.attempts,
    ...(d.lastError ? { error: { code: d.lastError.code, message: d.lastError.message } } : {}),
  };
}

/** The record of a trace as it stands now. */
export function recordOfTrace(trace: TraceLike, lookup: TargetLookup): EventRecord {
  const e = trace.event;
  const replayName = e['replay-name'];
  const messageId = messageIdOf(e.detail);
  const issues = contractIssues(e['detail-type'], e.source, e.detail);
  return {
    key: eventKey(e.id, replayName),
    id: e.id,
    bus: trace.bus,
    detailType: e['detail-type'],
    source: e.source,
    time: e.time,
    ingested: trace.ingested,
    ...(replayName ? { replayName } : {}),
    rules: [...trace.rules],
    archives: [...trace.archives],
    deliveries: trace.deliveries.map((d) => deliveryView(d, lookup)),
    resources: [...e.resources],
    detail: e.detail,
    ...(messageId ? { messageId } : {}),
    ...(issues.length > 0 ? { contractIssues: issues } : {}),
  };
}
