/**
 * The alerts inbox (pure): what EventBridge rules delivered to SNS topics — the
 * message each topic accepted, as the rule's target input rendered it — joined with
 * the topics' subscriptions and, when SNS reports them, per-subscription outcomes.
 */
import type { AlertView, EventRecord, TopicView } from '../api-types';

/** Renders the message a rule target sent for an event (the rule's compiled target input). */
export type RenderTargetInput = (record: EventRecord, ruleArn: string, targetId: string) => string | undefined;

export const isTopicArn = (arn: string | undefined): arn is string => arn !== undefined && /^arn:[^:]+:sns:[^:]*:[^:]*:[^:]+$/.test(arn);

export const topicNameOf = (arn: string) => arn.split(':').pop() ?? arn;

/** The alert of one delivered SNS target of one event. */
export function alertOf(record: EventRecord, ruleArn: string, targetId: string, topicArn: string, render: RenderTargetInput, topics: readonly TopicView[]): AlertView {
  const topic = topics.find((t) => t.arn === topicArn);
  const message = render(record, ruleArn, targetId) ?? JSON.stringify(record.detail);
  return {
    id: `${record.key}|${ruleArn}|${targetId}`,
    topicArn,
    topic: topic?.displayName ?? topicNameOf(topicArn),
    message: unquote(message),
    at: record.ingested,
    eventKey: record.key,
    deliveries: (topic?.subscriptions ?? []).map((s) => ({ subscriptionArn: s.arn, protocol: s.protocol, endpoint: s.endpoint, status: 'sent' })),
  };
}

/** An input transformer's string template renders a JSON string literal; SNS publishes what it holds. */
function unquote(message: string): string {
  if (message.startsWith('"') && message.endsWith('"')) {
    try {
      const inner = JSON.parse(message) as unknown;
      if (typeof inner === 'string') return inner;
    } catch {
      return message;
    }
  }
  return message;
}

/** Every alert the log's events produced, newest first, `limit` at most. */
export function alertsOf(records: Iterable<EventRecord>, render: RenderTargetInput, topics: readonly TopicView[], limit = 200): AlertView[] {
  const out: AlertView[] = [];
  for (const record of records) {
    for (const d of record.deliveries) {
      if (d.status === 'delivered' && isTopicArn(d.targetArn)) out.push(alertOf(record, d.ruleArn, d.target, d.targetArn, render, topics));
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}
