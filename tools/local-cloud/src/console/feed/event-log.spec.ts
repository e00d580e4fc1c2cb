import { busEvent } from '@sma/contracts/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordOfTrace } from './event-record';
import { EventLog } from './event-log';

const record = (n: number) =>
  recordOfTrace(
    {
      event: busEvent('MESSAGE_RECEIVED', undefined, { id: `e${n}` }),
      bus: 'Plumbing',
      ingested: new Date(n * 1000).toISOString(),
      rules: ['R'],
      archives: [],
      deliveries: [{ rule: 'arn:aws:events:eu-west-1:0:rule/Plumbing/R', target: 'T', status: 'pending', attempts: 0 }],
    },
    () => undefined,
  );

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'event-log-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the event log', () => {
  it('pages newest first, with a cursor, and filters', async () => {
    const log = await EventLog.open(dir);
    for (let i = 1; i <= 5; i++) log.add(record(i));
    const first = log.page({ limit: 2 });
    expect(first.records.map((r) => r.id)).toEqual(['e5', 'e4']);
    expect(log.page({ limit: 2, before: first.next! }).records.map((r) => r.id)).toEqual(['e3', 'e2']);
    expect(log.page({ limit: 10, filter: { text: 'e3' } }).records.map((r) => r.id)).toEqual(['e3']);
    await log.close();
  });

  it('keeps delivery outcomes and what it holds across a reopen, the oldest dropped past its capacity', async () => {
    const log = await EventLog.open(dir, { capacity: 3 });
    const updates: string[] = [];
    log.onDelivery((u) => updates.push(`${u.key}:${u.delivery.status}`));
    for (let i = 1; i <= 4; i++) log.add(record(i));
    log.updateDelivery('e4', { ...record(4).deliveries[0]!, status: 'dead-lettered', attempts: 3 });
    expect(log.updateDelivery('e1', record(1).deliveries[0]!)).toBeUndefined();
    expect(updates).toEqual(['e4:dead-lettered']);
    await log.close();
    const again = await EventLog.open(dir, { capacity: 3 });
    expect([...again.all()].map((r) => r.id)).toEqual(['e2', 'e3', 'e4']);
    expect(again.get('e4')!.deliveries[0]).toMatchObject({ status: 'dead-lettered', attempts: 3 });
    // Reopening compacts: one line per record kept.
    expect(readFileSync(join(dir, 'events.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
    await again.close();
  });
});
