import { FIREHOSE_DATA_PREFIX, isPartitionSafe, partitionDate, partitionPrefix } from './partition';

describe('lake partitions', () => {
  it('are Hive-style detail_type=…/dt=…/ prefixes, the same for Firehose and the tables', () => {
    expect(FIREHOSE_DATA_PREFIX).toBe('events/detail_type=!{partitionKeyFromLambda:detail_type}/dt=!{partitionKeyFromLambda:dt}/');
    expect(partitionPrefix({ detail_type: 'MESSAGE_ANALYSED', dt: '2022-09-21' })).toBe('events/detail_type=MESSAGE_ANALYSED/dt=2022-09-21/');
  });

  it('date an event by its own time in UTC, so a replay lands on the day it happened', () => {
    expect(partitionDate('2022-09-21T23:59:59Z', Date.parse('2024-01-01T00:00:00Z'))).toBe('2022-09-21');
    expect(partitionDate('2022-09-21T23:30:00-02:00', 0)).toBe('2022-09-22');
  });

  it('fall back to the arrival time for an event time that is missing, malformed or absurd', () => {
    const arrival = Date.parse('2024-03-01T09:30:00.123Z');
    expect(partitionDate('', arrival)).toBe('2024-03-01');
    expect(partitionDate('yesterday', arrival)).toBe('2024-03-01');
    expect(partitionDate('0001-01-01T00:00:00Z', arrival)).toBe('2024-03-01');
  });

  it('accept only detail-types that make a safe path segment', () => {
    expect(isPartitionSafe('MESSAGE_ANALYSED')).toBe(true);
    expect(isPartitionSafe('Scheduled.Event-v2')).toBe(true);
    for (const bad of ['', '..', 'a/b', 'has space', 'x'.repeat(129), 'é']) expect(isPartitionSafe(bad)).toBe(false);
  });
});
