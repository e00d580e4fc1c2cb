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
    // Until SNS reports an outcome, a subscription's delivery is pending.
    deliveries: (topic?.subscriptions ?? []).map((s) => ({ subscriptionArn: s.arn, protocol: s.protocol, endpoint: s.endpoint, status: 'pending' })),
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

/** What SNS reports of one delivery to one subscriber (the SNS service's delivery log). */
export interface SnsDeliveryLike {
  readonly time: string;
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly status: string;
  readonly error?: string;
  readonly payload: string;
  readonly email?: { readonly body: string };
}

/** The message a subscriber received: the envelope's `Message`, else the raw payload. */
export function deliveredMessage(d: SnsDeliveryLike): string {
  try {
    const envelope = JSON.parse(d.payload) as { Type?: unknown; Message?: unknown };
    if (envelope && typeof envelope.Message === 'string' && envelope.Type === 'Notification') return envelope.Message;
  } catch {
    // A raw delivery.
  }
  return d.payload;
}

const newestFirst = (a: AlertView, b: AlertView) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

/**
 * Every alert, newest first, `limit` at most: what rules delivered to topics, each
 * with SNS's per-subscription outcomes (matched by topic and message), plus messages
 * SNS delivered that no recorded event explains (published by other means).
 */
export function alertsOf(
  records: Iterable<EventRecord>,
  render: RenderTargetInput,
  topics: readonly TopicView[],
  snsDeliveries: readonly SnsDeliveryLike[] = [],
  limit = 200,
): AlertView[] {
  const out: AlertView[] = [];
  const unmatched = new Set(snsDeliveries);
  for (const record of records) {
    for (const d of record.deliveries) {
      if (d.status !== 'delivered' || !isTopicArn(d.targetArn)) continue;
      const alert = alertOf(record, d.ruleArn, d.target, d.targetArn, render, topics);
      const matched = snsDeliveries.filter((s) => unmatched.has(s) && s.topicArn === alert.topicArn && deliveredMessage(s) === alert.message);
      for (const m of matched) unmatched.delete(m);
      out.push(matched.length === 0 ? alert : { ...alert, deliveries: mergeDeliveries(alert.deliveries, matched) });
    }
  }
  const byMessage = new Map<string, SnsDeliveryLike[]>();
  for (const s of unmatched) byMessage.set(s.messageId, [...(byMessage.get(s.messageId) ?? []), s]);
  for (const [id, list] of byMessage) {
    const first = list[0]!;
    const topic = topics.find((t) => t.arn === first.topicArn);
    out.push({ id, topicArn: first.topicArn, topic: topic?.displayName ?? topicNameOf(first.topicArn), message: deliveredMessage(first), at: first.time, deliveries: mergeDeliveries([], list) });
  }
  return out.sort(newestFirst).slice(0, limit);
}

function mergeDeliveries(known: AlertView['deliveries'], reported: readonly SnsDeliveryLike[]): AlertView['deliveries'] {
  const merged = known.map((k) => {
    const r = reported.find((x) => x.subscriptionArn === k.subscriptionArn);
    return r ? { ...k, status: r.status, ...(r.error ? { error: r.error } : {}) } : k;
  });
  for (const r of reported) {
    if (!merged.some((m) => m.subscriptionArn === r.subscriptionArn)) {
      merged.push({ subscriptionArn: r.subscriptionArn, protocol: r.protocol, endpoint: r.endpoint, status: r.status, ...(r.error ? { error: r.error } : {}) });
    }
  }
  return merged;
}
