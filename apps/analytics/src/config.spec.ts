import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyticsConfigFromContext } from './config';
import { AnalyticsConfigurationError } from './errors';

const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const from = (overrides: Record<string, unknown>) => analyticsConfigFromContext((key) => ({ ...cdkJson.context, ...overrides })[key]);

describe('analytics configuration', () => {
  it('reads cdk.json', () => {
    expect(from({})).toEqual({ glueDatabaseName: 'sma_analytics', lakeStartDate: '2022-01-01', athenaWorkGroupName: 'sma-analytics', athenaScanLimitGiB: 10 });
  });

  it('accepts `-c athenaScanLimitGiB=2.5` as a string', () => {
    expect(from({ athenaScanLimitGiB: '2.5' }).athenaScanLimitGiB).toBe(2.5);
  });

  it.each([
    ['an upper-case database name', { glueDatabaseName: 'SMA' }, /glueDatabaseName/],
    ['a start date that is not a date', { lakeStartDate: '2022-13-01' }, /lakeStartDate/],
    ['a workgroup name with spaces', { athenaWorkGroupName: 'my group' }, /athenaWorkGroupName/],
    ['a scan limit that is not a number', { athenaScanLimitGiB: 'lots' }, /athenaScanLimitGiB/],
    ['a missing key', { glueDatabaseName: undefined }, /glueDatabaseName/],
  ])('refuses %s, naming it', (_name, overrides, message) => {
    expect(() => from(overrides)).toThrow(AnalyticsConfigurationError);
    expect(() => from(overrides)).toThrow(message);
  });
});
