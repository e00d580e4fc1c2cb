import { BenchError, TemplateShapeError } from '../errors';
import { EXAMPLE_ASSUMPTIONS, EXAMPLE_BEHAVIOURS, EXAMPLE_RUNTIME, EXAMPLE_TOPOLOGY } from './__testing__/example';
import { followMessage, imagesOf } from './journey';
import { loadPrices } from './prices';
import { GIB } from './units';
import { totalCost } from './usage';

const follow = (overrides: Partial<Parameters<typeof followMessage>[0]> = {}) =>
  followMessage({
    topology: EXAMPLE_TOPOLOGY,
    behaviours: EXAMPLE_BEHAVIOURS,
    runtime: EXAMPLE_RUNTIME,
    assumptions: EXAMPLE_ASSUMPTIONS,
    delivery: [{ detailType: 'MESSAGE_RECEIVED', detail: { Text: 'x'.repeat(450) } }],
    images: 0,
    ...overrides,
  });

describe('followMessage: the hand-computed example', () => {
  it('adds up what one message uses on its way through the design', async () => {
    const journey = await follow();
    expect(journey.events).toEqual(['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'SEND_REPLY']);
    expect(journey.invocations).toEqual(['Example/ingress', 'Example/responder']);
    expect(journey.transitions).toBe(2);
    expect(journey.usage).toEqual({
      apiGatewayRestRequest: 1,
      lambdaRequest: 2,
      // 0.5 GB × 0.100 s (ingress) + 0.25 GB × 0.200 s (responder) = 0.05 + 0.05
      lambdaArmGbSecond: 0.1,
      // 1,000 bytes of logs per invocation, 2 invocations
      logsIngestedGb: 2_000 / GIB,
      expressRequest: 1,
      // 1.0 s × one 64 MB chunk = 1.0 × 0.0625 GB
      expressGbSecond: 0.0625,
      // 450 characters = 5 units of 100 (above the 3-unit minimum)
      comprehendUnit: 5,
      lexTextRequest: 1,
      // MESSAGE_RECEIVED, MESSAGE_ANALYSED, SEND_REPLY: each well under 64 KB
      eventBridgeEvent: 3,
    });
  });

  it('prices it at $1,261.21 per million messages', async () => {
    const { usage } = await follow();
    // Per message, at prices.json's list prices:
    //   API Gateway   1 × $0.0000035                           = $0.0000035
    //   Lambda        2 × $0.0000002 + 0.1 × $0.0000133334     = $0.0000004 + $0.00000133334
    //   Logs          2,000 B / 1,073,741,824 × $0.50          = $0.000000931323
    //   Express       1 × $0.000001 + 0.0625 × $0.00001667     = $0.000001 + $0.000001041875
    //   Comprehend    5 × $0.0001                              = $0.0005
    //   Lex           1 × $0.00075                             = $0.00075
    //   EventBridge   3 × $0.000001                            = $0.000003
    //   total = $0.001261206538 per message → $1,261.2065 per million
    expect(totalCost(usage, loadPrices(), 1_000_000)).toBeCloseTo(1261.2065, 3);
  });
});

describe('followMessage: what it refuses to guess', () => {
  it('stops at a function the assumptions say nothing about', async () => {
    await expect(follow({ behaviours: { 'Example/ingress': EXAMPLE_BEHAVIOURS['Example/ingress']! } })).rejects.toThrow(
      /Example\/responder runs for a message but the assumptions say nothing/,
    );
  });

  it('stops when a function publishes a detail-type its role may not', async () => {
    const topology = { ...EXAMPLE_TOPOLOGY, functions: { ...EXAMPLE_TOPOLOGY.functions, 'Example/responder': { ...EXAMPLE_TOPOLOGY.functions['Example/responder']!, mayPublish: [] } } };
    await expect(follow({ topology })).rejects.toThrow(TemplateShapeError);
  });

  it('stops at an event loop', async () => {
    const topology = {
      ...EXAMPLE_TOPOLOGY,
      rules: [...EXAMPLE_TOPOLOGY.rules, { id: 'Example/Loop', pattern: { 'detail-type': ['SEND_REPLY'] }, targets: [{ kind: 'function' as const, id: 'Example/responder' }] }],
    };
    await expect(follow({ topology })).rejects.toThrow(BenchError);
  });
});

describe('imagesOf', () => {
  it('counts a message’s image URLs, or one for a reply carrying an image', () => {
    expect(imagesOf({ ImageUrls: ['a', 'b'] })).toBe(2);
    expect(imagesOf({ Image: { Key: 'k' } })).toBe(1);
    expect(imagesOf({ Text: 'x' })).toBe(0);
    expect(imagesOf(undefined)).toBe(0);
  });
});
