import type { FirehoseTransformationEvent } from 'aws-lambda';
import invocation from '../__fixtures__/firehose-transformation-event.json';
import { transformRecords } from './transform-records';

const event = invocation as FirehoseTransformationEvent;
const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');
const output = transformRecords(event.records);
const okLines = output.records.filter((r) => r.result === 'Ok').map((r) => decode(r.data!));

describe('transformRecords (a recorded Firehose invocation)', () => {
  it('answers every record, in order, with its own recordId', () => {
    expect(output.records.map((r) => r.recordId)).toEqual(event.records.map((r) => r.recordId));
  });

  it('fails the malformed record alone, returning its data untouched, and writes the others', () => {
    expect(output.records.map((r) => r.result)).toEqual(['Ok', 'Ok', 'Ok', 'Ok', 'ProcessingFailed', 'Ok', 'Ok', 'Ok', 'Dropped']);
    expect(output.records[4]!.data).toBe(event.records[4]!.data);
    expect(output.problems).toEqual([
      expect.objectContaining({ recordId: event.records[4]!.recordId, result: 'ProcessingFailed', reason: 'NotJson' }),
      expect.objectContaining({ recordId: event.records[8]!.recordId, result: 'Dropped', reason: 'DuplicateInBatch' }),
    ]);
  });

  it('drops only an exact copy of an earlier record of the batch, and says so', () => {
    expect(event.records[8]!.data).toBe(event.records[0]!.data);
    expect(output.records[8]).toEqual({ recordId: event.records[8]!.recordId, result: 'Dropped', data: event.records[8]!.data });
    expect(output.stats.dropped).toEqual({ DuplicateInBatch: 1 });
  });

  it('writes each event as exactly one JSON line, the EventBridge event as delivered', () => {
    for (const line of okLines) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      expect(Object.keys(JSON.parse(line))).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    }
    const reply = JSON.parse(okLines[6]!);
    expect(reply).toEqual(JSON.parse(decode(event.records[7]!.data)));
  });

  it('partitions by detail-type and the UTC day of the event', () => {
    const keys = output.records.filter((r) => r.result === 'Ok').map((r) => r.metadata!.partitionKeys);
    expect(keys).toEqual([
      { detail_type: 'MESSAGE_ANALYSED', dt: '2022-09-21' },
      { detail_type: 'MESSAGE_RECEIVED', dt: '2022-09-21' },
      { detail_type: 'TWITTER_TWEETED', dt: '2022-09-21' },
      { detail_type: 'SLACK_EVENT', dt: '2023-11-14' },
      { detail_type: 'MESSAGE_ANALYSED', dt: '2023-11-14' },
      { detail_type: 'WEBHOOK_EVENT', dt: '2024-03-01' },
      { detail_type: 'REPLY_SENT', dt: '2022-09-21' },
    ]);
  });

  it('never lets an e-mail address or a phone number of any event reach the lake', () => {
    const inputs = event.records.map((r) => decode(r.data)).join('\n');
    for (const pii of ['07700 900123', 'harry.p@example.com', 'dana.smith@example.co.uk', '+44 7700 900456', '(555) 123-4567', '+1 555 123 4567', 'c19@example.org']) {
      expect(inputs).toContain(pii);
      for (const line of okLines) expect(line).not.toContain(pii);
    }
    expect(okLines.join('')).not.toMatch(/@example\./);
  });

  it('redacts the analysis’s spans by type and counts every redaction', () => {
    const slackAnalysed = JSON.parse(okLines[4]!) as { detail: { Text: string; Analysis: { TextEntities: Array<{ Text: string }>; Errors: Array<{ Cause: string }> } } };
    expect(slackAnalysed.detail.Text).toBe('😡 Email me at [EMAIL] or ring [PHONE], the Acme van is STILL broken');
    expect(slackAnalysed.detail.Analysis.TextEntities.map((e) => e.Text)).toEqual(['[EMAIL]', 'Acme']);
    expect(slackAnalysed.detail.Analysis.Errors[0]!.Cause).toBe('Rate exceeded while analysing "ring [PHONE]"');
    expect(output.stats).toMatchObject({ ok: 7, piiSpans: 3, piiRepeats: 2, unknownDetailTypes: 0, contractViolations: 0 });
    expect(output.stats.piiPatterns).toBeGreaterThanOrEqual(8);
    expect(output.stats.failed).toMatchObject({ NotJson: 1 });
  });
});

describe('transformRecords: malformed records of every kind', () => {
  const record = (data: string, n = 0) => ({ recordId: `r${n}`, approximateArrivalTimestamp: Date.parse('2024-05-01T10:00:00Z'), data });
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const valid = b64(JSON.stringify({ version: '0', id: 'e-1', 'detail-type': 'REPLY_SENT', source: 'EGRESS', account: '1', time: '2024-05-01T09:59:59Z', region: 'eu-west-1', resources: [], detail: { CommandId: 'c', MessageId: 'm', Channel: 'SLACK', PlatformMessageId: 'p', SentAt: '2024-05-01T09:59:59Z' } }));

  it.each([
    ['not base64', 'not*base64!', 'NotBase64'],
    ['not UTF-8', Buffer.from([0xc3, 0x28, 0xa0]).toString('base64'), 'NotUtf8'],
    ['not JSON', b64('{"version":"0",'), 'NotJson'],
    ['JSON but not an event', b64('{"hello":"world"}'), 'NotAnEvent'],
    ['a detail-type that cannot name a partition', b64(JSON.stringify({ ...JSON.parse(Buffer.from(valid, 'base64').toString()), 'detail-type': '../../escape' })), 'UnsafeDetailType'],
  ])('%s → ProcessingFailed (%s), the valid record beside it still Ok', (_name, data, reason) => {
    const out = transformRecords([record(valid, 1), record(data, 2), record(valid.replace(/ZS0x/, 'ZS0y'), 3)]);
    expect(out.records.map((r) => r.result)).toEqual(['Ok', 'ProcessingFailed', 'Ok']);
    expect(out.problems).toEqual([expect.objectContaining({ recordId: 'r2', reason })]);
    expect(out.stats.failed[reason as 'NotJson']).toBe(1);
  });

  it('keeps an event of a detail-type the contracts do not know, and counts it', () => {
    const foreign = b64(JSON.stringify({ version: '0', id: 'x', 'detail-type': 'Scheduled Event'.replace(' ', '_'), source: 'aws.events', account: '1', time: '2024-05-01T00:00:00Z', region: 'eu-west-1', resources: [], detail: {} }));
    const out = transformRecords([record(foreign)]);
    expect(out.records[0]).toMatchObject({ result: 'Ok', metadata: { partitionKeys: { detail_type: 'Scheduled_Event', dt: '2024-05-01' } } });
    expect(out.stats.unknownDetailTypes).toBe(1);
  });

  it('keeps a known event whose detail breaks its contract, and counts it', () => {
    const broken = b64(JSON.stringify({ ...JSON.parse(Buffer.from(valid, 'base64').toString()), detail: { CommandId: 'c' } }));
    const out = transformRecords([record(broken)]);
    expect(out.records[0]!.result).toBe('Ok');
    expect(out.stats.contractViolations).toBe(1);
  });

  it('answers an empty batch with no records', () => {
    expect(transformRecords([]).records).toEqual([]);
  });
});
