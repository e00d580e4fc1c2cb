import { busEvent, exampleDetail } from '@sma/contracts/testing';
import type { EventRecord } from '../api-types';
import { recordOfTrace } from '../feed/event-record';
import { foldMessage, objectUrl } from './message-view';
import { MessageStore } from './message-store';

let n = 0;
function record(type: Parameters<typeof busEvent>[0], detail?: unknown, options: { replay?: string; ingested?: string } = {}): EventRecord {
  const event = busEvent(type, detail as never, { id: `id-${++n}`, ...(options.replay ? { 'replay-name': options.replay } : {}) });
  return recordOfTrace(
    { event, bus: 'Plumbing', ingested: options.ingested ?? `2022-09-21T12:56:${String(n).padStart(2, '0')}.000Z`, rules: [], archives: [], deliveries: [] },
    () => undefined,
  );
}

describe('the messages projection', () => {
  it('joins received, analysed, reply command and reply sent into one row by MessageId', () => {
    const store = new MessageStore();
    store.apply(record('MESSAGE_RECEIVED'));
    store.apply(record('MESSAGE_ANALYSED'));
    store.apply(record('SEND_REPLY'));
    store.apply(record('REPLY_SENT'));
    expect(store.size).toBe(1);
    const view = store.get('TWITTER-1572570427880538999')!;
    expect(view.author).toBe('harry11');
    expect(view.analysis?.TextSentiment).toBe('NEGATIVE');
    expect(view.images[0]).toMatchObject({
      url: 'https://pbs.twimg.com/media/FdJdXzWXkAEvKzM.jpg',
      src: '/_console/api/objects/analysis-images-123456789012-eu-west-1/images/TWITTER-1572570427880538999/0.jpg',
    });
    expect(view.images[0]!.analysis?.CelebrityFaces[0]?.Name).toBe('Keanu Reeves');
    expect(view.reply).toMatchObject({ responder: 'IMAGE', text: 'I spotted Keanu Reeves and 1 more face', imageSrc: expect.stringContaining('/annotated/') });
    expect(view.outcome).toEqual({ status: 'SENT', platformMessageId: '1572570431234567890', at: '2022-09-21T12:56:26.000Z' });
    expect(view.events.map((e) => e.detailType)).toEqual(['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'SEND_REPLY', 'REPLY_SENT']);
  });

  it('builds the same row whatever order the events arrive in', () => {
    const a = new MessageStore();
    const b = new MessageStore();
    const records = [record('MESSAGE_RECEIVED'), record('MESSAGE_ANALYSED'), record('SEND_REPLY'), record('REPLY_SENT')];
    for (const r of records) a.apply(r);
    for (const r of [...records].reverse()) b.apply(r);
    const strip = (v: ReturnType<MessageStore['get']>) => ({ ...v!, events: v!.events.map((e) => e.key).sort() });
    expect(strip(b.get('TWITTER-1572570427880538999'))).toEqual(strip(a.get('TWITTER-1572570427880538999')));
  });

  it('keeps a sent reply sent when a later failure (a refused duplicate) arrives', () => {
    const store = new MessageStore();
    store.apply(record('REPLY_SENT'));
    store.apply(record('REPLY_FAILED', { ...exampleDetail('REPLY_FAILED'), FailedAt: '2030-01-01T00:00:00.000Z' }));
    expect(store.get('TWITTER-1572570427880538999')!.outcome?.status).toBe('SENT');
  });

  it('shows a failed reply with its reason', () => {
    const store = new MessageStore();
    store.apply(record('MESSAGE_RECEIVED'));
    store.apply(record('REPLY_FAILED'));
    expect(store.get('TWITTER-1572570427880538999')!.outcome).toMatchObject({ status: 'FAILED', permanent: true, statusCode: 403 });
  });

  it('lists replayed copies as events of the same message, and the same event twice only once', () => {
    const store = new MessageStore();
    const original = record('MESSAGE_RECEIVED');
    store.apply(original);
    expect(store.apply(original)).toBeUndefined();
    store.apply({ ...original, key: `${original.id}#r1`, replayName: 'r1' });
    expect(store.get('TWITTER-1572570427880538999')!.events.map((e) => e.replayName ?? '-')).toEqual(['-', 'r1']);
  });

  it('keeps the latest analysis', () => {
    const store = new MessageStore();
    const older = exampleDetail('MESSAGE_ANALYSED');
    const newer = { ...older, AnalysedAt: '2022-09-21T13:00:00.000Z', Analysis: { ...older.Analysis, TextSentiment: 'POSITIVE' as const } };
    store.apply(record('MESSAGE_ANALYSED', newer));
    store.apply(record('MESSAGE_ANALYSED', older));
    expect(store.get('TWITTER-1572570427880538999')!.analysis?.TextSentiment).toBe('POSITIVE');
  });

  it('ignores events without a MessageId and details too broken to read', () => {
    expect(foldMessage(undefined, record('TWITTER_TWEETED'))).toBeUndefined();
    const broken = { ...record('MESSAGE_ANALYSED'), detail: { MessageId: 'TWITTER-1', Channel: 'TWITTER' }, messageId: 'TWITTER-1' };
    expect(foldMessage(undefined, broken)).toBeUndefined();
  });

  it('encodes object keys per segment', () => {
    expect(objectUrl('b', 'a b/c#d.png')).toBe('/_console/api/objects/b/a%20b/c%23d.png');
  });
});
