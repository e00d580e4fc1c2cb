import { createHash } from 'node:crypto';
import { applyAttributes, DEFAULT_SETTINGS } from './attributes';
import { md5OfAttributes } from './checksums';
import { Queue } from './queue';

const T0 = 1_700_000_000_000;

function queue(settings: Record<string, string> = {}): Queue {
  return new Queue('q', 'arn:aws:sqs:eu-west-1:000000000000:q', applyAttributes(DEFAULT_SETTINGS, settings, { creating: true }), T0, T0);
}

const send = (q: Queue, body: string, now = T0, extra: Record<string, unknown> = {}) =>
  q.send({ body, md5OfBody: 'x', senderId: 's', ...extra }, now).message;

describe('SQS queue rules', () => {
  it('hides received messages for the visibility timeout and counts receives', () => {
    const q = queue({ VisibilityTimeout: '30' });
    send(q, 'a');
    const first = q.receive(10, 30, T0 + 1);
    expect(first.delivered.map((m) => [m.body, m.receiveCount])).toEqual([['a', 1]]);
    expect(q.receive(10, 30, T0 + 29_000).delivered).toEqual([]);
    expect(q.counts(T0 + 29_000)).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    const again = q.receive(10, 30, T0 + 31_001);
    expect(again.delivered[0]!.receiveCount).toBe(2);
    expect(again.delivered[0]!.handle).not.toBe(first.delivered[0]!.handle);
  });

  it('delays messages (queue default and per message)', () => {
    const q = queue({ DelaySeconds: '5' });
    send(q, 'queue-delay');
    send(q, 'no-delay', T0, { delaySeconds: 0 });
    expect(q.receive(10, 30, T0 + 1).delivered.map((m) => m.body)).toEqual(['no-delay']);
    expect(q.counts(T0 + 1).delayed).toBe(1);
    expect(q.receive(10, 30, T0 + 5_000).delivered.map((m) => m.body)).toEqual(['queue-delay']);
  });

  it('hands a message over to the dead-letter queue once received maxReceiveCount times', () => {
    const q = queue({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:000000000000:dlq', maxReceiveCount: 2 }) });
    send(q, 'poison');
    expect(q.receive(1, 0, T0 + 1).delivered).toHaveLength(1);
    expect(q.receive(1, 0, T0 + 2).delivered).toHaveLength(1);
    const third = q.receive(1, 0, T0 + 3);
    expect(third.delivered).toEqual([]);
    expect(third.deadLetters.map((m) => m.body)).toEqual(['poison']);
    expect(q.messages.size).toBe(0);
  });

  it('deletes by receipt handle, refuses malformed handles, changes visibility only in flight', () => {
    const q = queue();
    send(q, 'a');
    const [m] = q.receive(1, 30, T0 + 1).delivered;
    expect(() => q.delete('garbage')).toThrow(expect.objectContaining({ name: 'ReceiptHandleIsInvalid' }));
    q.changeVisibility(m!.handle!, 0, T0 + 2);
    expect(() => q.changeVisibility(m!.handle!, 10, T0 + 3)).toThrow(expect.objectContaining({ name: 'MessageNotInflight' }));
    const [again] = q.receive(1, 30, T0 + 3).delivered;
    expect(() => q.changeVisibility(again!.handle!, 43_201, T0 + 4)).toThrow(expect.objectContaining({ name: 'InvalidParameterValue' }));
    q.delete(again!.handle!);
    expect(q.messages.size).toBe(0);
    expect(q.delete(again!.handle!)).toEqual([]);
  });

  it('drops messages past the retention period', () => {
    const q = queue({ MessageRetentionPeriod: '60' });
    send(q, 'old');
    expect(q.expire(T0 + 59_999)).toEqual([]);
    expect(q.expire(T0 + 60_000)).toHaveLength(1);
  });

  it('FIFO: in order per group, a group locked while in flight, duplicates within five minutes suppressed', () => {
    const q = queue({ FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const a1 = send(q, 'a1', T0, { groupId: 'a', dedupId: '1' });
    send(q, 'b1', T0, { groupId: 'b', dedupId: '2' });
    send(q, 'a2', T0, { groupId: 'a', dedupId: '3' });
    const dup = q.send({ body: 'a1 again', md5OfBody: 'x', senderId: 's', groupId: 'a', dedupId: '1' }, T0 + 1000);
    expect(dup.duplicate).toBe(true);
    expect(dup.message.id).toBe(a1.id);
    const first = q.receive(10, 30, T0 + 1);
    // One receive may span groups; each group keeps its order.
    expect(first.delivered.map((m) => m.body)).toEqual(['a1', 'b1', 'a2']);
    expect(q.receive(10, 30, T0 + 2).delivered).toEqual([]);
    const [da1, db1, da2] = first.delivered;
    expect(BigInt(da1!.sequenceNumber!) < BigInt(da2!.sequenceNumber!)).toBe(true);
    // a1 back in the queue while a2 is in flight: group a stays locked, b1 is free again once visible.
    q.changeVisibility(da1!.handle!, 0, T0 + 3);
    q.changeVisibility(db1!.handle!, 0, T0 + 3);
    expect(q.receive(10, 30, T0 + 4).delivered.map((m) => m.body)).toEqual(['b1']);
    q.delete(da2!.handle!);
    expect(q.receive(10, 30, T0 + 5).delivered.map((m) => m.body)).toEqual(['a1']);
    expect(q.send({ body: 'a1', md5OfBody: 'x', senderId: 's', groupId: 'a', dedupId: '1' }, T0 + 5 * 60_000 + 1).duplicate).toBe(false);
  });

  it('validates attributes as SQS does', () => {
    expect(() => applyAttributes(DEFAULT_SETTINGS, { VisibilityTimeout: '43201' }, { creating: true })).toThrow(/must be an integer from 0 to 43200/);
    expect(() => applyAttributes(DEFAULT_SETTINGS, { Colour: 'blue' }, { creating: true })).toThrow('Unknown Attribute Colour.');
    expect(() => applyAttributes(DEFAULT_SETTINGS, { RedrivePolicy: '{"maxReceiveCount":3}' }, { creating: true })).toThrow(/deadLetterTargetArn/);
    expect(() => applyAttributes(DEFAULT_SETTINGS, { FifoQueue: 'true' }, { creating: false })).toThrow('Unknown Attribute FifoQueue.');
  });
});

describe('MD5 of message attributes', () => {
  it('hashes the documented encoding: sorted names, length-prefixed name, type, transport byte and value', () => {
    const len = (b: Buffer) => {
      const l = Buffer.alloc(4);
      l.writeUInt32BE(b.length);
      return Buffer.concat([l, b]);
    };
    const expected = createHash('md5')
      .update(
        Buffer.concat([
          len(Buffer.from('alertType')),
          len(Buffer.from('String')),
          Buffer.from([1]),
          len(Buffer.from('NEGATIVE')),
          len(Buffer.from('blob')),
          len(Buffer.from('Binary')),
          Buffer.from([2]),
          len(Buffer.from([0, 1, 2])),
          len(Buffer.from('count')),
          len(Buffer.from('Number')),
          Buffer.from([1]),
          len(Buffer.from('3')),
        ]),
      )
      .digest('hex');
    expect(
      md5OfAttributes({
        count: { DataType: 'Number', StringValue: '3' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2]).toString('base64') },
        alertType: { DataType: 'String', StringValue: 'NEGATIVE' },
      }),
    ).toBe(expected);
  });
});
