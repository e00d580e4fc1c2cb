/** Merging a delivery's new state into an event record (pure; the page uses it too). */
import type { DeliveryView, EventRecord } from '../api-types';

/** The record with one delivery replaced (matched by rule ARN and target id); unchanged if it has no such delivery. */
export function withDelivery(record: EventRecord, delivery: DeliveryView): EventRecord {
  const i = record.deliveries.findIndex((d) => d.ruleArn === delivery.ruleArn && d.target === delivery.target);
  if (i === -1) return record;
  const deliveries = [...record.deliveries];
  deliveries[i] = delivery;
  return { ...record, deliveries };
}
