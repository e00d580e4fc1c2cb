/**
 * The messages read model: one `MessageView` per `MessageId`, built by folding the
 * event log (at start-up, from what the log kept) and then every new event.
 */
import type { EventRecord, MessageView } from '../api-types';
import { foldMessage } from './message-view';

export class MessageStore {
  private readonly views = new Map<string, MessageView>();

  /** Folds an event in; returns the message's new view when the event changed it. */
  apply(record: EventRecord): MessageView | undefined {
    if (!record.messageId) return undefined;
    const before = this.views.get(record.messageId);
    const after = foldMessage(before, record);
    if (!after || after === before) return undefined;
    this.views.set(record.messageId, after);
    return after;
  }

  get(messageId: string): MessageView | undefined {
    return this.views.get(messageId);
  }

  get size(): number {
    return this.views.size;
  }

  /** Newest first (by when the message was first seen). */
  list(limit = 100): MessageView[] {
    return [...this.views.values()].sort((a, b) => (a.firstSeen < b.firstSeen ? 1 : a.firstSeen > b.firstSeen ? -1 : 0)).slice(0, limit);
  }
}
