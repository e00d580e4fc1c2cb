import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { batchEntries, entrySize, putEvents, type DomainEvent } from './put-events';
import { ContractValidationError, EventTooLargeError, PutEventsFailedError } from './errors';
import { exampleDetail } from './testing';
import { PLUMBING_BUS_NAME } from './bus';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({});
const noSleep = async () => undefined;

const received = (n: number): DomainEvent => ({
  detailType: 'MESSAGE_RECEIVED',
  detail: { ...exampleDetail('MESSAGE_RECEIVED'), MessageId: `TWITTER-${n}`, Text: `message ${n}` },
});

const okFor = (entries: readonly PutEventsRequestEntry[] | undefined) => ({
  FailedEntryCount: 0,
  Entries: (entries ?? []).map((e) => ({ EventId: `id-${JSON.parse(e.Detail!).MessageId}` })),
});

beforeEach(() => eventBridge.reset());

describe('putEvents', () => {
  it('publishes to the Plumbing bus with the contract’s source', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input) => okFor(input.Entries));
    const result = await putEvents(client, [received(1)]);
    expect(result.eventIds).toEqual(['id-TWITTER-1']);
    const entry = eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]!;
    expect(entry).toMatchObject({ EventBusName: PLUMBING_BUS_NAME, Source: 'INGRESS', DetailType: 'MESSAGE_RECEIVED' });
  });

  it('splits 23 events into requests of 10, 10 and 3, keeping order', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input) => okFor(input.Entries));
    const result = await putEvents(client, Array.from({ length: 23 }, (_, i) => received(i)));
    const sizes = eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.length);
    expect(sizes).toEqual([10, 10, 3]);
    expect(result.eventIds).toEqual(Array.from({ length: 23 }, (_, i) => `id-TWITTER-${i}`));
  });

  it('splits by the 256 KB request limit, not only by count', () => {
    const big = (n: number): PutEventsRequestEntry => ({ Source: 'S', DetailType: 'D', Detail: 'x'.repeat(100 * 1024), Resources: [`${n}`] });
    const batches = batchEntries([big(1), big(2), big(3), big(4)]);
    expect(batches.map((b) => b.length)).toEqual([2, 2]);
  });

  it('counts entry size as EventBridge documents (UTF-8 bytes, 14 for Time)', () => {
    expect(entrySize({ Source: 'ab', DetailType: 'é', Detail: '{}', Time: new Date(), Resources: ['r'] })).toBe(14 + 2 + 2 + 2 + 1);
  });

  it('refuses an entry over 256 KB before sending anything', async () => {
    const huge: DomainEvent = {
      detailType: 'MESSAGE_RECEIVED',
      detail: { ...exampleDetail('MESSAGE_RECEIVED'), Text: 'é'.repeat(140 * 1024) },
    };
    await expect(putEvents(client, [received(1), huge])).rejects.toBeInstanceOf(EventTooLargeError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('refuses a detail that breaks its contract before sending anything', async () => {
    const bad = { detailType: 'MESSAGE_RECEIVED', detail: { Text: 'no id' } } as unknown as DomainEvent;
    await expect(putEvents(client, [received(1), bad])).rejects.toBeInstanceOf(ContractValidationError);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('retries only the entries that failed, then succeeds', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }, { EventId: 'c' }],
      })
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }] });
    const result = await putEvents(client, [received(1), received(2), received(3)], { sleep: noSleep });
    expect(result.eventIds).toEqual(['a', 'b', 'c']);
    const retried = eventBridge.commandCalls(PutEventsCommand)[1]!.args[0].input.Entries!;
    expect(retried.map((e) => JSON.parse(e.Detail!).MessageId)).toEqual(['TWITTER-2']);
  });

  it('fails loudly when entries still fail after every attempt', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }],
    });
    const sleeps: number[] = [];
    const error = await putEvents(client, [received(1)], {
      maxAttempts: 3,
      baseDelayMs: 100,
      random: () => 0.5,
      sleep: async (ms) => void sleeps.push(ms),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PutEventsFailedError);
    expect((error as PutEventsFailedError).failures).toEqual([
      { detailType: 'MESSAGE_RECEIVED', errorCode: 'InternalFailure', errorMessage: 'boom' },
    ]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('lets an SDK error (whole call failed) propagate so the trigger retries', async () => {
    eventBridge.on(PutEventsCommand).rejects(new Error('network down'));
    await expect(putEvents(client, [received(1)])).rejects.toThrow('network down');
  });
});
