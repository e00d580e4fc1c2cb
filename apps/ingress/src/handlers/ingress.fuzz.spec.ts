import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { SLACK_FIXTURES, TWITTER_FIXTURES, slackFixture, twitterFixture } from '@sma/anti-corruption/testing';
import { CONTRACTS, isDetailType, parseDetail, type Channel } from '@sma/contracts';
import {
  ORACLE,
  bodies,
  eventOf,
  headerValues,
  noiseHeaders,
  placement,
  recordedDeliveries,
  render,
  signatureOf,
  signatureSpec,
  spelling,
  timestampAcceptable,
  timestamps,
  type HeaderEntry,
  type Json,
} from '../__testing__/arbitraries';
import { SECRETS, lambdaContext } from '../__testing__/deliveries';
import { IngressHarness } from '../__testing__/harness';
import { INGRESS_CHANNELS } from '../routes/channels';
import type { IngressHandler } from '../runtime/ingress-handler';

/**
 * Property tests of the three ingress handlers, wired as in production with
 * only the SDK transport mocked. 10,000 generated requests per run:
 *
 * - no request gets a 5xx (every bad input is the caller's 4xx);
 * - nothing is published, and no idempotency record claimed, unless the
 *   request carried a signature that the platform's documented scheme
 *   (computed here with node:crypto) says is valid for those bytes — and, for
 *   Slack and the generic webhook, a timestamp within 5 minutes;
 * - a well-formed delivery carrying only valid signatures is accepted (200);
 * - whatever is published is one of the channel's granted detail-types, with
 *   its contract's source, and satisfies its contract.
 */

const RUNS = { twitterPost: 3_500, twitterCrc: 1_000, slack: 3_000, webhook: 2_500 } as const;
const WEBHOOK_SOURCES = Object.keys(SECRETS.webhook.sources);

const aws = new IngressHarness();
let handlers: Record<Channel, IngressHandler>;
beforeAll(() => {
  aws.reset();
  handlers = { TWITTER: aws.handler('TWITTER'), SLACK: aws.handler('SLACK'), WEBHOOK: aws.handler('WEBHOOK') };
});

interface Outcome {
  readonly status: number;
  readonly body: string;
  readonly published: readonly PutEventsRequestEntry[];
  readonly putEventsCalls: number;
  readonly claims: number;
}

/** Empties the idempotency table and the call records, keeping the mocks' behaviour (cheaper than a reset). */
function clearAws(): void {
  aws.eventBridge.resetHistory();
  aws.table.mock.resetHistory();
  aws.table.items.clear();
  aws.published.length = 0;
}

/** Answers seen per test, to prove the generators reach every path (accepted, refused, forged). */
const seen = new Map<string, number>();
const tally = (key: string): void => {
  seen.set(key, (seen.get(key) ?? 0) + 1);
};
beforeEach(() => seen.clear());

/** Each answer (and publishing) happened in at least the given share of the runs: the generators did not collapse onto one path. */
function expectReached(shares: Readonly<Record<string, number>>, runs: number): void {
  const reached = Object.fromEntries(Object.keys(shares).map((answer) => [answer, seen.get(answer) ?? 0]));
  const wanted = Object.fromEntries(Object.entries(shares).map(([answer, share]) => [answer, Math.round(share * runs)]));
  expect(Object.keys(reached).filter((answer) => reached[answer]! < wanted[answer]!)).toEqual([]);
}

/**
 * Invokes a handler and records what it did. Every case starts from an empty
 * table ('fresh-table'), some in a new execution environment ('cold'); a retry
 * keeps the state its first attempt left ('as-is').
 */
async function invoke(channel: Channel, event: APIGatewayProxyEvent, start: 'fresh-table' | 'cold' | 'as-is' = 'fresh-table'): Promise<Outcome> {
  if (start !== 'as-is') clearAws();
  // A new execution environment: the handler's local idempotency cache answers recorded deliveries it has seen as duplicates.
  if (start === 'cold') handlers[channel] = aws.handler(channel);
  const before = { published: aws.published.length, putEvents: aws.eventBridge.commandCalls(PutEventsCommand).length, claims: aws.table.mock.commandCalls(PutItemCommand).length };
  const result = await handlers[channel](event, lambdaContext());
  tally(String(result.statusCode));
  if (result.statusCode === 200 && aws.published.length > before.published) tally('published');
  return {
    status: result.statusCode,
    body: result.body,
    published: aws.published.slice(before.published),
    putEventsCalls: aws.eventBridge.commandCalls(PutEventsCommand).length - before.putEvents,
    claims: aws.table.mock.commandCalls(PutItemCommand).length - before.claims,
  };
}

const idOf = (entry: PutEventsRequestEntry): string => {
  const detail = JSON.parse(entry.Detail ?? '{}') as { EventId?: string; MessageId?: string };
  return `${entry.DetailType}:${detail.EventId ?? detail.MessageId}`;
};

/**
 * What an authentic request (one carrying a valid signature) may answer, and
 * what it may have published then:
 * 200 with events within the contract; a caller error (400, 413, 422) with
 * nothing published; or 409, a unit of this very request still in progress
 * (a delivery that repeats an activity claims the same key twice at once):
 * then the platform's retry must answer 200 and publish only what is missing,
 * so that over both answers every event went out exactly once.
 */
async function expectAuthenticOutcome(channel: Channel, event: APIGatewayProxyEvent, outcome: Outcome, unanimous: boolean): Promise<void> {
  // With a forged value beside the valid one, which one the handler reads is its choice: 401 is then a fine answer.
  expect(unanimous ? [200, 400, 409, 413, 422] : [200, 400, 401, 409, 413, 422]).toContain(outcome.status);
  if (outcome.status === 409) {
    const retry = await invoke(channel, event, 'as-is');
    expect(retry.status).toBe(200);
    const ids = [...outcome.published, ...retry.published].map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    expectWithinContract(channel, { ...outcome, published: [...outcome.published, ...retry.published] });
    return;
  }
  if (outcome.status !== 200) return expectNothingPublished(outcome);
  expectWithinContract(channel, outcome);
}

/** The bytes the handler received, as a verifier must read them. */
const rawBytes = (event: APIGatewayProxyEvent): Buffer => Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');

function expectNothingPublished(outcome: Outcome): void {
  expect(outcome.published).toEqual([]);
  expect(outcome.putEventsCalls).toBe(0);
  expect(outcome.claims).toBe(0);
}

/** Every published entry is one the channel may publish, with its contract's source and a valid detail. */
function expectWithinContract(channel: Channel, outcome: Outcome): void {
  for (const entry of outcome.published) {
    const type = entry.DetailType ?? '';
    expect(isDetailType(type) && (INGRESS_CHANNELS[channel].detailTypes as readonly string[]).includes(type)).toBe(true);
    if (!isDetailType(type)) continue;
    expect(entry.Source).toBe(CONTRACTS[type].source);
    expect(entry.EventBusName).toBe('Plumbing');
    expect(() => parseDetail(type, JSON.parse(entry.Detail ?? 'null'))).not.toThrow();
  }
}

/** Every timestamp sent is one acceptable value, and every signature sent is valid over it. */
function unanimous(sentTimestamps: readonly string[], sentSignatures: readonly string[], sign: (timestamp: string) => string): boolean {
  const values = new Set(sentTimestamps.map((t) => t.trim()));
  const [timestamp] = values;
  return values.size === 1 && timestampAcceptable(timestamp!) && sentSignatures.every((s) => s.trim() === sign(timestamp!));
}

/** What is known about a request signed over a timestamp (Slack, generic webhook). */
interface TimestampedRequest {
  readonly channel: 'SLACK' | 'WEBHOOK';
  readonly headers: { readonly timestamp: string; readonly signature: string };
  /** The documented signature of raw bytes at a timestamp, under the right secret. */
  readonly sign: (raw: Buffer, timestamp: string) => string;
  /** The secret exists (a generic webhook source that is configured). */
  readonly known: boolean;
  /** The timestamp the sender signed over. */
  readonly signingTimestamp: string;
  /** Every timestamp header the sender set is a canonical time within the window. */
  readonly sentWithinWindow: boolean;
  readonly wellFormed: boolean;
}

/**
 * Authentic means: some timestamp sent is within 5 minutes and some signature
 * sent is valid over it and the raw bytes. Anything else is a 401 that
 * publishes nothing; a well-formed delivery whose every header is exactly
 * right is a 200.
 */
async function expectTimestampedOutcome(event: APIGatewayProxyEvent, outcome: Outcome, request: TimestampedRequest): Promise<void> {
  expect(outcome.status).toBeLessThan(500);
  const raw = rawBytes(event);
  const sentTimestamps = headerValues(event, request.headers.timestamp);
  const sentSignatures = headerValues(event, request.headers.signature);
  const authentic =
    request.known &&
    sentTimestamps.some((t) => timestampAcceptable(t) && sentSignatures.some((s) => s.trim() === request.sign(raw, t.trim())));
  if (!authentic) {
    expect(outcome.status).toBe(401);
    return expectNothingPublished(outcome);
  }
  const exact =
    request.sentWithinWindow &&
    sentTimestamps.length > 0 &&
    sentTimestamps.every((t) => t === request.signingTimestamp) &&
    sentSignatures.length > 0 &&
    sentSignatures.every((s) => s === request.sign(raw, request.signingTimestamp));
  if (request.wellFormed && exact) expect(outcome.status).toBe(200);
  await expectAuthenticOutcome(request.channel, event, outcome, unanimous(sentTimestamps, sentSignatures, (t) => request.sign(raw, t)));
}

/** Up to two headers of one name, each in any spelling and map; sometimes none. */
const headerSlots = <T>(value: fc.Arbitrary<T>, name: string) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.record({ name: spelling(name), placement, value })) },
    { weight: 2, arbitrary: fc.tuple(fc.record({ name: spelling(name), placement, value }), fc.record({ name: spelling(name), placement, value })) },
    { weight: 1, arbitrary: fc.constant([] as Array<{ name: string; placement: HeaderEntry['placement']; value: T }>) },
  );

/** One case in eight runs in a new execution environment (more would cost seconds for nothing: the rest exercise the cache). */
const start = fc.oneof({ weight: 1, arbitrary: fc.constant('cold' as const) }, { weight: 7, arbitrary: fc.constant('fresh-table' as const) });

const method = fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('post', 'PUT', 'DELETE', 'PATCH') });

describe('ingress handlers under random input (fast-check)', () => {
  it(`POST /twitter: ${RUNS.twitterPost} random deliveries, signatures and header spellings`, async () => {
    const twitterBodies = bodies(recordedDeliveries(TWITTER_FIXTURES.map((f) => twitterFixture(f).body)));
    const secret = SECRETS.twitter.consumerSecret;
    await fc.assert(
      fc.asyncProperty(
        twitterBodies,
        headerSlots(signatureSpec, 'x-twitter-webhooks-signature'),
        noiseHeaders,
        fc.boolean(),
        method,
        start,
        async (recipe, signatureSlots, noise, base64, verb, environment) => {
          const body = render(recipe);
          const headers = [...noise, ...signatureSlots.map((s) => ({ ...s, value: signatureOf(s.value, body.bytes, ORACLE.twitter, secret) }))];
          const event = eventOf({ method: verb, resource: '/twitter', body: body.bytes, base64, headers });
          const outcome = await invoke('TWITTER', event, environment);

          expect(outcome.status).toBeLessThan(500);
          if (verb.toUpperCase() !== 'POST') {
            expect(outcome.status).toBe(405);
            return expectNothingPublished(outcome);
          }
          const expected = ORACLE.twitter(rawBytes(event), secret);
          const candidates = headerValues(event, 'x-twitter-webhooks-signature');
          if (!candidates.some((c) => c.trim() === expected)) {
            expect(outcome.status).toBe(401);
            return expectNothingPublished(outcome);
          }
          if (body.wellFormed && candidates.every((c) => c === expected)) expect(outcome.status).toBe(200);
          await expectAuthenticOutcome('TWITTER', event, outcome, candidates.every((c) => c.trim() === expected));
        },
      ),
      { numRuns: RUNS.twitterPost },
    );
    expectReached({ '200': 0.1, published: 0.05, '400': 0.05, '401': 0.1, '405': 0.01 }, RUNS.twitterPost);
  });

  it(`GET /twitter: ${RUNS.twitterCrc} random CRC tokens, answered only for plausible tokens`, async () => {
    const token = fc.oneof(
      fc.base64String({ minLength: 4, maxLength: 300 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,300}$/),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.json({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.option(token, { nil: undefined }), async (crcToken) => {
        const event = eventOf({ method: 'GET', resource: '/twitter', body: Buffer.alloc(0), base64: false, headers: [] });
        event.queryStringParameters = crcToken === undefined ? null : { crc_token: crcToken };
        const outcome = await invoke('TWITTER', event);
        expectNothingPublished(outcome);
        const plausible = crcToken !== undefined && /^[A-Za-z0-9+/=_-]{1,256}$/.test(crcToken);
        if (plausible) {
          expect(outcome.status).toBe(200);
          expect(JSON.parse(outcome.body)).toEqual({ response_token: ORACLE.twitter(Buffer.from(crcToken, 'utf8'), SECRETS.twitter.consumerSecret) });
        } else {
          expect(outcome.status).toBe(400);
          expect(outcome.body).not.toContain('sha256=');
        }
      }),
      { numRuns: RUNS.twitterCrc },
    );
    expectReached({ '200': 0.2, '400': 0.2 }, RUNS.twitterCrc);
  });

  it(`POST /slack: ${RUNS.slack} random events, signatures and timestamps`, async () => {
    const slackBodies = bodies(recordedDeliveries(SLACK_FIXTURES.map((f) => slackFixture(f).body)));
    const secret = SECRETS.slack.signingSecret;
    await fc.assert(
      fc.asyncProperty(
        slackBodies,
        timestamps,
        headerSlots(timestamps, 'x-slack-request-timestamp'),
        headerSlots(signatureSpec, 'x-slack-signature'),
        noiseHeaders,
        fc.boolean(),
        start,
        async (recipe, signedAt, timestampSlots, signatureSlots, noise, base64, environment) => {
          const body = render(recipe);
          // A sender signs with the timestamp it sends (the first slot's), or with one it does not send.
          const signingTimestamp = timestampSlots[0]?.value.value ?? signedAt.value;
          const sign = (bytes: Buffer, key: string) => ORACLE.slack(bytes, signingTimestamp, key);
          const headers = [
            ...noise,
            ...timestampSlots.map((s) => ({ ...s, value: s.value.value })),
            ...signatureSlots.map((s) => ({ ...s, value: signatureOf(s.value, body.bytes, sign, secret) })),
          ];
          const event = eventOf({ method: 'POST', resource: '/slack', body: body.bytes, base64, headers });
          const outcome = await invoke('SLACK', event, environment);

          await expectTimestampedOutcome(event, outcome, {
            channel: 'SLACK',
            headers: { timestamp: 'x-slack-request-timestamp', signature: 'x-slack-signature' },
            sign: (raw, timestamp) => ORACLE.slack(raw, timestamp, secret),
            known: true,
            signingTimestamp,
            sentWithinWindow: timestampSlots.every((s) => s.value.label === 'within'),
            wellFormed: body.wellFormed,
          });
        },
      ),
      { numRuns: RUNS.slack },
    );
    expectReached({ '200': 0.05, published: 0.05, '400': 0.05, '401': 0.1 }, RUNS.slack);
  });

  it(`POST /webhook/{source}: ${RUNS.webhook} random sources, bodies, signatures and timestamps`, async () => {
    const wellFormedWebhook = fc
      .record(
        {
          id: fc.stringMatching(/^[0-9A-Za-z._:-]{1,100}$/),
          text: fc.string({ unit: 'grapheme', maxLength: 200 }),
          author: fc.record({ id: fc.string({ minLength: 1, maxLength: 128 }), name: fc.string({ minLength: 1, maxLength: 200 }) }, { requiredKeys: ['id'] }),
          imageUrls: fc.array(fc.nat().map((n) => `https://images.example.com/${n}.jpg`), { maxLength: 4 }),
          replyUrl: fc.constant('https://reviews.example.com/replies'),
          occurredAt: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
          metadata: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        },
        { requiredKeys: ['id', 'text', 'author'] },
      )
      .map((document) => ({ document: document as unknown as Json }));
    const source = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...WEBHOOK_SOURCES) },
      { weight: 1, arbitrary: fc.constantFrom(...WEBHOOK_SOURCES).chain((s) => fc.mixedCase(fc.constant(s))) },
      { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '') },
      { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,30}$/) },
    );
    let caseNumber = 0;
    await fc.assert(
      fc.asyncProperty(
        bodies(wellFormedWebhook),
        source,
        timestamps,
        headerSlots(timestamps, 'x-sma-timestamp'),
        headerSlots(signatureSpec, 'x-sma-signature'),
        noiseHeaders,
        fc.boolean(),
        async (recipe, sourceName, signedAt, timestampSlots, signatureSlots, noise, base64) => {
          // A fresh id per case: no case reuses another's id for a different payload (that is a 422 by design).
          const unique = `.${++caseNumber}`;
          const body = render(recipe, (d) => ({ ...(d as Record<string, Json>), id: `${String((d as Record<string, Json>)['id'])}${unique}` }));
          const secret = SECRETS.webhook.sources[sourceName]?.secret ?? 'whsec_the_sender_guessed_this';
          const signingTimestamp = timestampSlots[0]?.value.value ?? signedAt.value;
          const sign = (bytes: Buffer, key: string) => ORACLE.webhook(bytes, signingTimestamp, key);
          const headers = [
            ...noise,
            ...timestampSlots.map((s) => ({ ...s, value: s.value.value })),
            ...signatureSlots.map((s) => ({ ...s, value: signatureOf(s.value, body.bytes, sign, secret) })),
          ];
          const event = eventOf({
            method: 'POST',
            resource: '/webhook/{source}',
            path: `/webhook/${sourceName}`,
            pathParameters: { source: sourceName },
            body: body.bytes,
            base64,
            headers,
          });
          const outcome = await invoke('WEBHOOK', event);

          await expectTimestampedOutcome(event, outcome, {
            channel: 'WEBHOOK',
            headers: { timestamp: 'x-sma-timestamp', signature: 'x-sma-signature' },
            sign: (raw, timestamp) => ORACLE.webhook(raw, timestamp, secret),
            known: Object.prototype.hasOwnProperty.call(SECRETS.webhook.sources, sourceName),
            signingTimestamp,
            sentWithinWindow: timestampSlots.every((s) => s.value.label === 'within'),
            wellFormed: body.wellFormed,
          });
        },
      ),
      { numRuns: RUNS.webhook },
    );
    expectReached({ '200': 0.05, published: 0.05, '400': 0.05, '401': 0.1 }, RUNS.webhook);
  });
});
