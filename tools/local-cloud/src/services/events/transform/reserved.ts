import type { JsonObject } from '../pattern/json';

/** What a target transformation knows besides the event. */
export interface TransformContext {
  readonly ruleName: string;
  readonly ruleArn: string;
  /** When EventBridge received the event: an ISO 8601 timestamp (a Date is written with `toISOString`). */
  readonly ingestionTime: string | Date;
}

/** A variable's value: a JSON value, a JSON document inserted verbatim, or nothing. */
export type Resolved =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'verbatim'; readonly json: string }
  | { readonly kind: 'missing' };

/** The variables EventBridge defines itself; no `InputPathsMap` key can shadow them. */
export type ReservedVariable =
  | 'aws.events.rule-arn'
  | 'aws.events.rule-name'
  | 'aws.events.event.ingestion-time'
  | 'aws.events.event'
  | 'aws.events.event.json';

const iso = (time: string | Date) => (typeof time === 'string' ? time : time.toISOString());

/**
 * How each reserved variable resolves. `aws.events.event` is the envelope
 * without `detail`, in the shape EventBridge gives it (camel-case `detailType`,
 * `time` = ingestion time); it and `aws.events.event.json` go in unescaped.
 */
export const RESERVED: Readonly<Record<ReservedVariable, (event: JsonObject, context: TransformContext) => Resolved>> = {
  'aws.events.rule-arn': (_event, context) => ({ kind: 'value', value: context.ruleArn }),
  'aws.events.rule-name': (_event, context) => ({ kind: 'value', value: context.ruleName }),
  'aws.events.event.ingestion-time': (_event, context) => ({ kind: 'value', value: iso(context.ingestionTime) }),
  'aws.events.event': (event, context) => ({
    kind: 'verbatim',
    json: JSON.stringify({
      id: event['id'],
      account: event['account'],
      detailType: event['detail-type'],
      time: iso(context.ingestionTime),
      source: event['source'],
      region: event['region'],
      resources: event['resources'],
      version: event['version'],
    }),
  }),
  'aws.events.event.json': (event) => ({ kind: 'verbatim', json: JSON.stringify(event) }),
};

export function isReservedVariable(name: string): name is ReservedVariable {
  return Object.hasOwn(RESERVED, name);
}
