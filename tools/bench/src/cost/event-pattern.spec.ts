import { busEvent, exampleDetail } from '@sma/contracts/testing';
import { matchesPattern } from './event-pattern';

const analysed = (analysis: Record<string, unknown>) => {
  const detail = exampleDetail('MESSAGE_ANALYSED');
  return busEvent('MESSAGE_ANALYSED', { ...detail, Analysis: { ...detail.Analysis, ...analysis } } as typeof detail);
};

describe('matchesPattern', () => {
  it('matches source, detail-type and nested detail values', () => {
    const pattern = { source: ['ANALYSIS'], 'detail-type': ['MESSAGE_ANALYSED'], detail: { Analysis: { TextSentiment: ['NEGATIVE'] } } };
    expect(matchesPattern(pattern, analysed({ TextSentiment: 'NEGATIVE' }))).toBe(true);
    expect(matchesPattern(pattern, analysed({ TextSentiment: 'POSITIVE' }))).toBe(false);
    expect(matchesPattern(pattern, busEvent('MESSAGE_RECEIVED'))).toBe(false);
  });

  it('looks through arrays: exists and numeric on fields of list items', () => {
    const withFace = { Images: [{ CelebrityFaces: [{ Name: 'Keanu Reeves' }], ModerationLabels: [{ Confidence: 91 }] }] };
    const without = { Images: [{ CelebrityFaces: [], ModerationLabels: [{ Confidence: 60 }] }] };
    const named = (exists: boolean) => ({ detail: { Analysis: { Images: { CelebrityFaces: { Name: [{ exists }] } } } } });
    const flagged = { detail: { Analysis: { Images: { ModerationLabels: { Confidence: [{ numeric: ['>=', 80] }] } } } } };
    expect(matchesPattern(named(true), { detail: { Analysis: withFace } })).toBe(true);
    expect(matchesPattern(named(false), { detail: { Analysis: withFace } })).toBe(false);
    expect(matchesPattern(named(false), { detail: { Analysis: without } })).toBe(true);
    expect(matchesPattern(flagged, { detail: { Analysis: withFace } })).toBe(true);
    expect(matchesPattern(flagged, { detail: { Analysis: without } })).toBe(false);
  });

  it('matches the catch-all prefix, suffix, anything-but and equals-ignore-case', () => {
    const event = busEvent('REPLY_SENT');
    expect(matchesPattern({ source: [{ prefix: '' }] }, event)).toBe(true);
    expect(matchesPattern({ 'detail-type': [{ suffix: '_SENT' }] }, event)).toBe(true);
    expect(matchesPattern({ source: [{ 'anything-but': ['EGRESS'] }] }, event)).toBe(false);
    expect(matchesPattern({ source: [{ 'equals-ignore-case': 'egress' }] }, event)).toBe(true);
  });

  it.each([
    ['$or', { $or: [{ source: ['A'] }, { source: ['B'] }] }],
    ['wildcard', { source: [{ wildcard: 'E*' }] }],
    ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/8' }] } }],
  ])('refuses %s rather than guess a route', (_name, pattern) => {
    expect(() => matchesPattern(pattern, { source: 'EGRESS', detail: { ip: '10.1.1.1' } })).toThrow(/not supported/);
  });
});
