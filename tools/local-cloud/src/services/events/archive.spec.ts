import { appendFileSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveDirOf, ArchiveStore, readArchivedEvents, type ArchivedEvent } from './archive';
import type { BusEvent } from './model';

const event = (id: string, time: string): BusEvent => ({
  version: '0',
  id,
  'detail-type': 'MESSAGE_RECEIVED',
  source: 'INGRESS',
  account: '000000000000',
  time,
  region: 'eu-west-1',
  resources: [],
  detail: { MessageId: id },
});

describe('readArchivedEvents', () => {
  it('reads every archived event of a bus across day files, leaving a line being written alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lc-archive-'));
    const store = new ArchiveStore(archiveDirOf(dataDir));
    const first: ArchivedEvent = { e: event('a', '2026-01-01T23:59:59Z'), i: Date.parse('2026-01-01T23:59:59Z'), a: ['Plumbing-all'] };
    const second: ArchivedEvent = { e: event('b', '2026-01-02T00:00:01Z'), i: Date.parse('2026-01-02T00:00:01Z'), a: ['Plumbing-all'] };
    await store.append('Plumbing', [first]);
    await store.append('Plumbing', [second]);
    await store.close();
    const busDir = join(archiveDirOf(dataDir), 'Plumbing');
    expect(readdirSync(busDir).sort()).toEqual(['2026-01-01.ndjson', '2026-01-02.ndjson']);
    const last = join(busDir, '2026-01-02.ndjson');
    appendFileSync(last, '{"e":{"id":"c"');
    const size = statSync(last).size;

    expect(readArchivedEvents(dataDir, 'Plumbing')).toEqual([first, second]);
    expect(statSync(last).size).toBe(size);
    expect(readArchivedEvents(dataDir, 'Other')).toEqual([]);
  });
});
