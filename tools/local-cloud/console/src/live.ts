/**
 * The page's live state: one EventSource on `/_console/api/stream`, the recent bus
 * events (updated as their deliveries finish) and a change counter per topic that
 * views use to reload what they show. Reconnects by itself; reloads the event list
 * on every (re)connection so nothing missed while away is lost.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DeliveryUpdate, EventRecord, MessageView, StreamMessages } from '../../src/console/api-types';
import { withDelivery } from '../../src/console/feed/event-merge';
import { getJson } from './api';

export type Connection = 'connecting' | 'live' | 'offline';

export interface LiveState {
  readonly connection: Connection;
  /** Newest first. */
  readonly events: readonly EventRecord[];
  /** Bumped on every change of the topic. */
  readonly ticks: Readonly<Record<'events' | 'messages' | 'executions' | 'alerts' | 'replays', number>>;
  /** The most recent message update (the compose view follows its message). */
  readonly lastMessage?: MessageView;
}

const KEEP = 1000;

class LiveStore {
  state: LiveState = { connection: 'connecting', events: [], ticks: { events: 0, messages: 0, executions: 0, alerts: 0, replays: 0 } };
  private readonly listeners = new Set<() => void>();
  private source: EventSource | undefined;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: Partial<LiveState>): void {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }

  private tick(...topics: Array<keyof LiveState['ticks']>): Partial<LiveState> {
    const ticks = { ...this.state.ticks };
    for (const t of topics) ticks[t]++;
    return { ticks };
  }

  connect(): void {
    if (this.source) return;
    const source = new EventSource('/_console/api/stream');
    this.source = source;
    source.onopen = () => {
      this.set({ connection: 'live', ...this.tick('events', 'messages', 'executions', 'alerts', 'replays') });
      void this.reload();
    };
    source.onerror = () => this.set({ connection: source.readyState === EventSource.CLOSED ? 'offline' : 'connecting' });
    const on = <K extends keyof StreamMessages>(name: K, handle: (data: StreamMessages[K]) => void) =>
      source.addEventListener(name, (e) => handle(JSON.parse((e as MessageEvent<string>).data) as StreamMessages[K]));
    on('event', (record) => {
      const events = [record, ...this.state.events.filter((r) => r.key !== record.key)].slice(0, KEEP);
      const topics: Array<keyof LiveState['ticks']> = ['events'];
      if (record.detailType === 'MESSAGE_RECEIVED') topics.push('executions');
      if (record.replayName) topics.push('replays');
      this.set({ events, ...this.tick(...topics) });
    });
    on('delivery', (update: DeliveryUpdate) => {
      const events = this.state.events.map((r) => (r.key === update.key ? withDelivery(r, update.delivery) : r));
      this.set({ events, ...this.tick('events') });
    });
    on('message', (view) => this.set({ lastMessage: view, ...this.tick('messages') }));
    on('execution', () => this.set(this.tick('executions')));
    on('alert', () => this.set(this.tick('alerts')));
    on('replay', () => this.set(this.tick('replays', 'events')));
  }

  private async reload(): Promise<void> {
    try {
      const page = await getJson<{ records: EventRecord[] }>('/events?limit=300');
      const known = new Set(page.records.map((r) => r.key));
      const newer = this.state.events.filter((r) => !known.has(r.key) && (page.records[0] === undefined || r.ingested > page.records[0].ingested));
      this.set({ events: [...newer, ...page.records].slice(0, KEEP) });
    } catch {
      // The stream's own reconnection will try again.
    }
  }
}

export const live = new LiveStore();

/** The live state, re-rendering on every change of what `select` picks. */
export function useLive<T>(select: (s: LiveState) => T): T {
  const [value, setValue] = useState(() => select(live.state));
  useEffect(() => {
    live.connect();
    const update = () => setValue(() => select(live.state));
    update();
    return live.subscribe(update);
  }, []);
  return value;
}
