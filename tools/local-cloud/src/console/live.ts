/**
 * The console's live side: follows EventBridge's per-event traces into the event log
 * and the messages read model, and Step Functions' finished executions, and tells
 * every open stream what changed.
 */
import type { Cloud } from '../core/cloud';
import type { EventsApi } from '../services/events';
import type { StatesApi } from '../services/stepfunctions';
import type { DeliveryView, EventRecord, TopicView } from './api-types';
import { alertOf, isTopicArn, type RenderTargetInput } from './alerts/alert-views';
import { executionSummary } from './executions/execution-views';
import { deliveryView, eventKey, recordOfTrace, type TargetLookup } from './feed/event-record';
import type { EventLog } from './feed/event-log';
import type { SseHub } from './http/sse';
import type { MessageStore } from './messages/message-store';

export interface LiveDeps {
  readonly cloud: Cloud;
  readonly log: EventLog;
  readonly messages: MessageStore;
  readonly hub: SseHub;
}

export function eventsApiOf(cloud: Cloud): EventsApi | undefined {
  return cloud.instance('events')?.api as EventsApi | undefined;
}

export function statesApiOf(cloud: Cloud): StatesApi | undefined {
  return cloud.instance('states')?.api as StatesApi | undefined;
}

export function targetLookup(events: EventsApi | undefined): TargetLookup {
  return (ruleArn, targetId) => {
    const target = events?.registry.rules.get(ruleArn)?.targets.find((t) => t.id === targetId);
    return target ? { arn: target.arn, ...(target.deadLetterArn ? { deadLetterArn: target.deadLetterArn } : {}) } : undefined;
  };
}

/** What a rule target sent for a recorded event, rendered by the rule's own compiled input. */
export function targetInputRenderer(cloud: Cloud, events: EventsApi | undefined): RenderTargetInput {
  return (record, ruleArn, targetId) => {
    const rule = events?.registry.rules.get(ruleArn);
    const target = rule?.targets.find((t) => t.id === targetId);
    if (!rule || !target) return undefined;
    const event = {
      version: '0',
      id: record.id,
      'detail-type': record.detailType,
      source: record.source,
      account: cloud.config.accountId,
      time: record.time,
      region: cloud.config.region,
      resources: record.resources,
      detail: record.detail,
      ...(record.replayName ? { 'replay-name': record.replayName } : {}),
    };
    try {
      return target.input.render(event, { ruleName: rule.name, ruleArn: rule.arn, ingestionTime: new Date(record.ingested) });
    } catch {
      return undefined;
    }
  };
}

/** Starts following; returns the function that stops it. */
export function follow(deps: LiveDeps, topics: () => Promise<TopicView[]>): () => void {
  const { cloud, log, messages, hub } = deps;
  const events = eventsApiOf(cloud);
  const states = statesApiOf(cloud);
  const lookup = targetLookup(events);
  const render = targetInputRenderer(cloud, events);
  const stops: Array<() => void> = [];

  const onRecord = (record: EventRecord) => {
    hub.broadcast('event', record);
    const view = messages.apply(record);
    if (view) hub.broadcast('message', view);
  };

  if (events) {
    stops.push(
      events.traces.onEvent((trace) => {
        const record = recordOfTrace(trace, lookup);
        log.add(record);
        onRecord(record);
      }),
      events.traces.onDelivery(({ event, rule, target, result }) => {
        const key = eventKey(event.id, event['replay-name']);
        const trace = events.traces.get(key);
        const live = trace?.deliveries.find((d) => d.rule === rule && d.target === target);
        const delivery: DeliveryView = deliveryView(live ? { ...live, status: result } : { rule, target, status: result, attempts: 1 }, lookup);
        const updated = log.updateDelivery(key, delivery);
        hub.broadcast('delivery', { key, delivery });
        if (updated && result === 'delivered' && isTopicArn(delivery.targetArn)) {
          const topicArn = delivery.targetArn;
          void topics()
            .then((list) => hub.broadcast('alert', alertOf(updated, rule, target, topicArn, render, list)))
            .catch(() => undefined);
        }
      }),
    );
  } else {
    cloud.log.warn('console: EventBridge is not running, the live stream and the messages view stay empty');
  }
  if (states) stops.push(states.onStopped((e) => hub.broadcast('execution', executionSummary(e))));
  stops.push(
    cloud.activity.subscribe((r) => {
      if (r.source === 'events' && r.kind === 'replay' && r.data) {
        hub.broadcast('replay', { name: String(r.data['replay']), state: String(r.data['state']), count: Number(r.data['count'] ?? 0) });
      }
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
