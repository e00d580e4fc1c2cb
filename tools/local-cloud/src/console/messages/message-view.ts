/**
 * The messages view's projection: every event that carries a `MessageId`
 * (MESSAGE_RECEIVED, MESSAGE_ANALYSED, SEND_REPLY, REPLY_SENT, REPLY_FAILED) folded
 * into one row per message. Order-tolerant (a redelivered or replayed event, or one
 * that overtakes another, changes nothing it should not) and pure.
 */
import type { MessageAnalysed, MessageReceived, ReplyFailed, ReplySent, SendReply } from '@sma/contracts';
import type { EventRecord, ImageView, MessageView } from '../api-types';

/** The console URL that serves an S3 object (analysed images, annotated replies). */
export function objectUrl(bucket: string, key: string): string {
  return `/_console/api/objects/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The detail-types the projection reads. */
export const MESSAGE_DETAIL_TYPES = ['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'SEND_REPLY', 'REPLY_SENT', 'REPLY_FAILED'] as const;

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);

function base(record: EventRecord, fields: Pick<MessageReceived, 'MessageId' | 'Channel' | 'Author' | 'Text' | 'ReceivedAt' | 'ImageUrls'>): MessageView {
  return {
    messageId: fields.MessageId,
    channel: fields.Channel,
    author: fields.Author,
    text: fields.Text,
    receivedAt: fields.ReceivedAt,
    firstSeen: record.ingested,
    lastUpdated: record.ingested,
    images: fields.ImageUrls.map((url) => ({ url })),
    events: [],
  };
}

/** A provisional view of a message whose first event seen is not the one that describes it (SEND_REPLY first, say); filled in when that event arrives. */
function provisionalView(record: EventRecord, messageId: string, channel: MessageView['channel']): MessageView {
  return {
    messageId,
    channel,
    author: '',
    text: '',
    receivedAt: record.ingested,
    firstSeen: record.ingested,
    lastUpdated: record.ingested,
    images: [],
    events: [],
  };
}

function withMessageFields(view: MessageView, d: MessageReceived | MessageAnalysed): MessageView {
  const images: ImageView[] = d.ImageUrls.map((url) => view.images.find((i) => i.url === url) ?? { url });
  return { ...view, channel: d.Channel, author: d.Author, text: d.Text, receivedAt: d.ReceivedAt, images };
}

function withAnalysis(view: MessageView, d: MessageAnalysed): MessageView {
  // The latest analysis wins (a replay re-analyses); equal times keep the first.
  if (view.analysedAt !== undefined && d.AnalysedAt <= view.analysedAt) return view;
  const images: ImageView[] = d.ImageUrls.map((url) => {
    const analysis = d.Analysis.Images.find((i) => i.Url === url);
    return analysis ? { url, src: objectUrl(analysis.Bucket, analysis.Key), analysis } : { url };
  });
  return { ...withMessageFields(view, d), images, analysis: d.Analysis, analysedAt: d.AnalysedAt };
}

function withReply(view: MessageView, d: SendReply): MessageView {
  if (view.reply && d.RequestedAt <= view.reply.requestedAt) return view;
  return {
    ...view,
    reply: {
      commandId: d.CommandId,
      responder: d.Responder,
      text: d.Text,
      requestedAt: d.RequestedAt,
      ...(d.Image ? { imageSrc: objectUrl(d.Image.Bucket, d.Image.Key) } : {}),
    },
  };
}

function withOutcome(view: MessageView, detailType: 'REPLY_SENT' | 'REPLY_FAILED', d: ReplySent | ReplyFailed): MessageView {
  // Once sent, a reply stays sent: a later failure is a duplicate refused by the platform.
  if (view.outcome?.status === 'SENT') return view;
  if (detailType === 'REPLY_SENT') {
    const sent = d as ReplySent;
    return { ...view, outcome: { status: 'SENT', platformMessageId: sent.PlatformMessageId, at: sent.SentAt } };
  }
  const failed = d as ReplyFailed;
  if (view.outcome && view.outcome.at > failed.FailedAt) return view;
  return {
    ...view,
    outcome: { status: 'FAILED', reason: failed.Reason, permanent: failed.Permanent, ...(failed.StatusCode !== undefined ? { statusCode: failed.StatusCode } : {}), at: failed.FailedAt },
  };
}

/**
 * Folds one event into its message's view (`undefined` when there is none yet).
 * Returns `undefined` for events the messages view does not read, or details too
 * malformed to use (the stream shows their contract problems).
 */
export function foldMessage(view: MessageView | undefined, record: EventRecord): MessageView | undefined {
  const messageId = record.messageId;
  if (!messageId || !(MESSAGE_DETAIL_TYPES as readonly string[]).includes(record.detailType)) return undefined;
  const detail = record.detail as Record<string, unknown>;
  if (view?.events.some((e) => e.key === record.key)) return view;
  const channel = (detail['Channel'] as MessageView['channel'] | undefined) ?? view?.channel ?? 'TWITTER';
  let next: MessageView;
  try {
    switch (record.detailType) {
      case 'MESSAGE_RECEIVED': {
        const d = detail as unknown as MessageReceived;
        next = view ? (view.analysedAt ? view : withMessageFields(view, d)) : base(record, d);
        break;
      }
      case 'MESSAGE_ANALYSED': {
        const d = detail as unknown as MessageAnalysed;
        next = withAnalysis(view ?? base(record, d), d);
        break;
      }
      case 'SEND_REPLY':
        next = withReply(view ?? provisionalView(record, messageId, channel), detail as unknown as SendReply);
        break;
      default:
        next = withOutcome(view ?? provisionalView(record, messageId, channel), record.detailType as 'REPLY_SENT', detail as unknown as ReplySent | ReplyFailed);
    }
  } catch {
    return undefined;
  }
  return {
    ...next,
    firstSeen: next.firstSeen < record.ingested ? next.firstSeen : record.ingested,
    lastUpdated: later(next.lastUpdated, record.ingested),
    events: [...next.events, { key: record.key, detailType: record.detailType, ingested: record.ingested, ...(record.replayName ? { replayName: record.replayName } : {}) }],
  };
}
