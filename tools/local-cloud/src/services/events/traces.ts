/**
 * What happened to each event, for the console and the tests: the rules it matched,
 * the archives it went to, and each delivery's attempts and outcome. The most recent
 * events are kept in memory (bounded); listeners hear every accepted event and
 * every delivery outcome.
 */
import { EventEmitter } from 'node:events';
import type { BusEvent } from './model';
import type { DeliveryResult } from './outbox';

export interface DeliveryTrace {
  readonly rule: string;
  readonly target: string;
  status: 'pending' | DeliveryResult;
  attempts: number;
  lastError?: { code: string; message: string };
}

export interface EventTrace {
  readonly event: BusEvent;
  readonly bus: string;
  /** Ingestion time (ISO). */
  readonly ingested: string;
  readonly rules: readonly string[];
  readonly archives: readonly string[];
  readonly deliveries: DeliveryTrace[];
}

export class EventTraces {
  private readonly traces = new Map<string, EventTrace>();
  private readonly emitter = new EventEmitter();

  constructor(private readonly capacity = 20_000) {
    this.emitter.setMaxListeners(100);
  }

  /** Key of a trace: the event id plus the replay name (a replayed event keeps its id). */
  static key(event: BusEvent): string {
    return event['replay-name'] ? `${event.id}#${event['replay-name']}` : event.id;
  }

  add(trace: EventTrace): void {
    this.traces.set(EventTraces.key(trace.event), trace);
    if (this.traces.size > this.capacity) this.traces.delete(this.traces.keys().next().value!);
    this.emitter.emit('event', trace);
  }

  delivery(event: BusEvent, rule: string, target: string): DeliveryTrace | undefined {
    return this.traces.get(EventTraces.key(event))?.deliveries.find((d) => d.rule === rule && d.target === target);
  }

  outcome(event: BusEvent, rule: string, target: string, result: DeliveryResult): void {
    const d = this.delivery(event, rule, target);
    if (d) d.status = result;
    this.emitter.emit('delivery', { event, rule, target, result });
  }

  get(id: string): EventTrace | undefined {
    return this.traces.get(id);
  }

  /** The most recent traces, newest last. */
  recent(limit = 100): EventTrace[] {
    return [...this.traces.values()].slice(-limit);
  }

  onEvent(listener: (trace: EventTrace) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  onDelivery(listener: (d: { event: BusEvent; rule: string; target: string; result: DeliveryResult }) => void): () => void {
    this.emitter.on('delivery', listener);
    return () => this.emitter.off('delivery', listener);
  }
}
