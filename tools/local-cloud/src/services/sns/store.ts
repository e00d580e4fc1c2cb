/**
 * The local SNS's state under `<data>/sns/`: topics and subscriptions
 * (`state.json`, written atomically), the outbox of accepted messages not yet
 * delivered to every subscriber (`outbox.ndjson`, fsynced before Publish
 * answers, so a restart resumes deliveries), and the delivery log
 * (`deliveries.ndjson`: the alerts inbox).
 */
import { join } from 'node:path';
import { Journal, readJsonFile, writeJsonAtomic } from '../../core/persistence';
import { NotFoundException } from './errors';
import type { DeliveryRecord, PublishedMessage, SubscriptionRecord, TopicRecord } from './model';

type OutboxRecord =
  | { readonly k: 'msg'; readonly m: PublishedMessage; readonly subs: readonly string[] }
  | { readonly k: 'done'; readonly id: string; readonly sub: string };

interface State {
  readonly topics: TopicRecord[];
  readonly subscriptions: SubscriptionRecord[];
}

/** Deliveries kept in memory for the console (the file keeps them all until compaction). */
const RECENT_DELIVERIES = 10_000;

export interface PendingDelivery {
  readonly message: PublishedMessage;
  readonly subscriptionArn: string;
}

export class SnsStore {
  readonly topics = new Map<string, TopicRecord>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly pending = new Map<string, { message: PublishedMessage; subs: Set<string> }>();
  private readonly deliveries: DeliveryRecord[] = [];
  private outboxLines = 0;

  private constructor(
    private readonly dir: string,
    private readonly outbox: Journal<OutboxRecord>,
    private readonly deliveryLog: Journal<DeliveryRecord>,
  ) {}

  static async open(dir: string): Promise<SnsStore> {
    const state = readJsonFile<State>(join(dir, 'state.json'), { topics: [], subscriptions: [] });
    const outbox = await Journal.open<OutboxRecord>(join(dir, 'outbox.ndjson'));
    const log = await Journal.open<DeliveryRecord>(join(dir, 'deliveries.ndjson'));
    const store = new SnsStore(dir, outbox.journal, log.journal);
    for (const t of state.topics) store.topics.set(t.arn, t);
    for (const s of state.subscriptions) store.subscriptions.set(s.arn, s);
    for (const r of outbox.records) store.applyOutbox(r);
    store.outboxLines = outbox.records.length;
    store.deliveries.push(...log.records.slice(-RECENT_DELIVERIES));
    return store;
  }

  private applyOutbox(r: OutboxRecord): void {
    if (r.k === 'msg') {
      if (r.subs.length > 0) this.pending.set(r.m.id, { message: r.m, subs: new Set(r.subs) });
    } else {
      const entry = this.pending.get(r.id);
      entry?.subs.delete(r.sub);
      if (entry && entry.subs.size === 0) this.pending.delete(r.id);
    }
  }

  save(): void {
    writeJsonAtomic(join(this.dir, 'state.json'), { topics: [...this.topics.values()], subscriptions: [...this.subscriptions.values()] } satisfies State);
  }

  topic(arn: string | undefined): TopicRecord {
    const topic = arn === undefined ? undefined : this.topics.get(arn);
    if (!topic) throw new NotFoundException('Topic does not exist');
    return topic;
  }

  subscription(arn: string | undefined): SubscriptionRecord {
    const sub = arn === undefined ? undefined : this.subscriptions.get(arn);
    if (!sub) throw new NotFoundException('Subscription does not exist');
    return sub;
  }

  subscriptionsOf(topicArn: string): SubscriptionRecord[] {
    return [...this.subscriptions.values()].filter((s) => s.topicArn === topicArn);
  }

  /** Records an accepted message and who is to get it; resolves once it is on disk. */
  async accept(messages: ReadonlyArray<{ message: PublishedMessage; subs: readonly string[] }>): Promise<void> {
    const records: OutboxRecord[] = messages.map(({ message, subs }) => ({ k: 'msg', m: message, subs }));
    records.forEach((r) => this.applyOutbox(r));
    this.outboxLines += records.length;
    await this.outbox.appendMany(records);
  }

  /** Records a finished delivery (delivered, or given up on) and removes it from the outbox. */
  async finish(record: DeliveryRecord): Promise<void> {
    this.deliveries.push(record);
    if (this.deliveries.length > RECENT_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - RECENT_DELIVERIES);
    const done: OutboxRecord = { k: 'done', id: record.messageId, sub: record.subscriptionArn };
    this.applyOutbox(done);
    this.outboxLines++;
    await Promise.all([this.deliveryLog.append(record), this.outbox.append(done)]);
    if (this.outboxLines > 1000 && this.outboxLines > 4 * this.pending.size) {
      await this.outbox.rewrite(() => {
        const live: OutboxRecord[] = [...this.pending.values()].map((p) => ({ k: 'msg', m: p.message, subs: [...p.subs] }));
        this.outboxLines = live.length;
        return live;
      });
    }
  }

  /** Every delivery not finished yet (to resume after a restart). */
  pendingDeliveries(): PendingDelivery[] {
    return [...this.pending.values()].flatMap((p) => [...p.subs].map((subscriptionArn) => ({ message: p.message, subscriptionArn })));
  }

  recentDeliveries(filter: (d: DeliveryRecord) => boolean = () => true, limit = 200): DeliveryRecord[] {
    return this.deliveries.filter(filter).slice(-limit);
  }

  async close(): Promise<void> {
    await this.outbox.close();
    await this.deliveryLog.close();
  }
}
