import { eventPatternFor } from '@sma/cdk';
import { CONTRACTS, isDetailType, parseDetail } from '@sma/contracts';
import routing from './__fixtures__/responder-routing.json';
import { RESPONDER_PATTERNS, type Responder } from './patterns';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The values at a path, EventBridge style: arrays anywhere on the way are
 * "crushed" (each element is followed), and only leaves (not objects) count.
 * Enough to evaluate `exists` on one path; the full matcher is the local cloud's.
 */
function leavesAt(value: Json | undefined, path: readonly string[]): Json[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => leavesAt(v, path));
  if (path.length === 0) return value !== null && typeof value === 'object' ? [] : [value];
  if (value === null || typeof value !== 'object') return [];
  return leavesAt(value[path[0]!], path.slice(1));
}

const CELEBRITY_NAME = ['detail', 'Analysis', 'Images', 'CelebrityFaces', 'Name'];

function matchesRule(rule: Responder, event: Record<string, Json>): boolean {
  const pattern = routing.rules[rule];
  if (!pattern.source.includes(event['source'] as string)) return false;
  if (!pattern['detail-type'].includes(event['detail-type'] as string)) return false;
  const exists = leavesAt(event, CELEBRITY_NAME).length > 0;
  return exists === pattern.detail.Analysis.Images.CelebrityFaces.Name[0]!.exists;
}

describe('responder routing', () => {
  it('keeps the shared fixture in step with the patterns the stack deploys', () => {
    for (const rule of ['image', 'text'] as const) {
      const deployed = eventPatternFor(['MESSAGE_ANALYSED'], RESPONDER_PATTERNS[rule]);
      expect({ source: deployed.source, 'detail-type': deployed.detailType, detail: deployed.detail }).toEqual(routing.rules[rule]);
    }
  });

  it('uses fixture events that satisfy their contracts (realistic shapes)', () => {
    for (const { event } of routing.cases) {
      const type = event['detail-type'];
      expect(isDetailType(type)).toBe(true);
      if (isDetailType(type)) expect(() => parseDetail(type, event.detail)).not.toThrow();
    }
  });

  it.each(routing.cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const matched = (['image', 'text'] as const).filter((rule) => matchesRule(rule, testCase.event as unknown as Record<string, Json>));
    expect(matched).toEqual(testCase.matches);
  });

  it('sends every analysed message to exactly one responder (the patterns are complementary)', () => {
    const analysed = routing.cases.filter(
      (c) => c.event['detail-type'] === 'MESSAGE_ANALYSED' && c.event.source === CONTRACTS.MESSAGE_ANALYSED.source,
    );
    expect(analysed.length).toBeGreaterThanOrEqual(8);
    for (const c of analysed) expect(c.matches).toHaveLength(1);
    expect(new Set(analysed.map((c) => c.matches[0]))).toEqual(new Set(['image', 'text']));
  });

  it('crushes arrays as EventBridge does: a name in any image of the message counts', () => {
    expect(leavesAt({ a: [{ b: [] }, { b: [{ c: 'x' }] }] }, ['a', 'b', 'c'])).toEqual(['x']);
    expect(leavesAt({ a: [{ b: [{ c: { d: 1 } }] }] }, ['a', 'b', 'c'])).toEqual([]);
    expect(leavesAt({ a: [] }, ['a', 'b'])).toEqual([]);
  });
});
