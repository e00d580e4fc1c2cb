import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toyCatalog, type ToyState } from './__testing__/toy-services';
import { FaultInjector, FaultSpecError, parseFaultSpec, requestKey } from './faults';
import { LocalCloud } from './runtime';

const SERVICES = ['comprehend', 'rekognition', 'lambda', 'events'];

describe('FaultInjector', () => {
  it('answers the named error for matching calls only, and nothing when no rule is set', () => {
    const faults = new FaultInjector();
    expect(faults.armed).toBe(false);
    expect(faults.check('comprehend', 'DetectSentiment', { Text: 'x' })).toBeUndefined();
    faults.add({ service: 'comprehend', operations: ['DetectSentiment'], error: 'ThrottlingException' });
    const error = faults.check('comprehend', 'DetectSentiment', { Text: 'x' });
    expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', statusCode: 400, fault: 'client' });
    expect(faults.check('comprehend', 'DetectEntities', { Text: 'x' })).toBeUndefined();
    expect(faults.check('rekognition', 'DetectSentiment', { Text: 'x' })).toBeUndefined();
  });

  it('is spent after count failures', () => {
    const faults = new FaultInjector();
    faults.add({ service: 'lambda', error: 'TooManyRequestsException', statusCode: 429, count: 2 });
    expect(faults.check('lambda', 'Invoke', {})).toMatchObject({ name: 'TooManyRequestsException', statusCode: 429 });
    expect(faults.check('lambda', 'Invoke', {})).toBeDefined();
    expect(faults.check('lambda', 'Invoke', {})).toBeUndefined();
    expect(faults.list()[0]).toMatchObject({ injected: 2, active: false });
  });

  it('expires after durationMs', () => {
    let now = 1_000;
    const faults = new FaultInjector(() => now);
    faults.add({ service: 'comprehend', error: 'ThrottlingException', durationMs: 500 });
    now = 1_499;
    expect(faults.check('comprehend', 'DetectSentiment', {})).toBeDefined();
    now = 1_500;
    expect(faults.check('comprehend', 'DetectSentiment', {})).toBeUndefined();
  });

  it('fails each distinct request perRequest times, then lets it through (what a retry sends again)', () => {
    const faults = new FaultInjector();
    faults.add({ service: 'comprehend', error: 'ThrottlingException', perRequest: 2 });
    const a = { Text: 'hello', LanguageCode: 'en' };
    const b = { Text: 'other', LanguageCode: 'en' };
    expect(faults.check('comprehend', 'DetectSentiment', a)).toBeDefined();
    expect(faults.check('comprehend', 'DetectSentiment', b)).toBeDefined();
    // The same input as a new object, keys in another order: the same request.
    expect(faults.check('comprehend', 'DetectSentiment', { LanguageCode: 'en', Text: 'hello' })).toBeDefined();
    expect(faults.check('comprehend', 'DetectSentiment', a)).toBeUndefined();
    expect(faults.check('comprehend', 'DetectEntities', a)).toBeDefined();
    expect(faults.list()[0]).toMatchObject({ injected: 4, passed: 1, active: true });
  });

  it('keys requests by their bytes without keeping them', () => {
    const image = (fill: number) => ({ Image: { Bytes: new Uint8Array(1000).fill(fill) } });
    expect(requestKey('DetectLabels', image(1))).toBe(requestKey('DetectLabels', image(1)));
    expect(requestKey('DetectLabels', image(1))).not.toBe(requestKey('DetectLabels', image(2)));
    expect(requestKey('DetectLabels', image(1))).toMatch(/^[0-9a-f]{40}$/);
  });

  it('takes only calls whose input has the where values', () => {
    const faults = new FaultInjector();
    faults.add({ service: 'lambda', operations: ['Invoke'], where: { FunctionName: 'arn:egress' }, error: 'TooManyRequestsException' });
    expect(faults.check('lambda', 'Invoke', { FunctionName: 'arn:other' })).toBeUndefined();
    expect(faults.check('lambda', 'Invoke', { FunctionName: 'arn:egress', Payload: new Uint8Array(2) })).toBeDefined();
  });

  it('removes one rule or all', () => {
    const faults = new FaultInjector();
    const first = faults.add({ service: 'comprehend', error: 'ThrottlingException' });
    faults.add({ service: 'rekognition', error: 'ThrottlingException' });
    expect(faults.remove(first.id)).toBe(true);
    expect(faults.remove(first.id)).toBe(false);
    expect(faults.list().map((r) => r.spec.service)).toEqual(['rekognition']);
    faults.clear();
    expect(faults.armed).toBe(false);
  });
});

describe('parseFaultSpec', () => {
  it.each([
    [null, /JSON object/],
    [{ service: 'nope', error: 'ThrottlingException' }, /service must be one of/],
    [{ service: 'comprehend' }, /error must be an AWS error code/],
    [{ service: 'comprehend', error: 'Throttling Exception' }, /error must be an AWS error code/],
    [{ service: 'comprehend', error: 'ThrottlingException', count: 0 }, /count must be a positive integer/],
    [{ service: 'comprehend', error: 'ThrottlingException', perRequest: 1.5 }, /perRequest must be a positive integer/],
    [{ service: 'comprehend', error: 'ThrottlingException', statusCode: 200 }, /statusCode/],
    [{ service: 'comprehend', error: 'ThrottlingException', operations: 'DetectSentiment' }, /operations/],
    [{ service: 'comprehend', error: 'ThrottlingException', where: { FunctionName: 1 } }, /where/],
    [{ service: 'comprehend', error: 'ThrottlingException', times: 2 }, /unknown field\(s\) times/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseFaultSpec(spec, SERVICES)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(spec, SERVICES)).toThrow(message);
  });

  it('accepts a complete rule', () => {
    const spec = { service: 'comprehend', operations: ['DetectSentiment'], error: 'ThrottlingException', message: 'slow down', statusCode: 400, count: 3, durationMs: 1000, perRequest: 2 };
    expect(parseFaultSpec(spec, SERVICES)).toEqual(spec);
  });
});

describe('/_localcloud/faults on a running cloud', () => {
  const state: ToyState = { events: [], objects: new Map(), published: [], contexts: [] };
  let cloud: LocalCloud;
  const faultsUrl = () => `${cloud.endpoint}/_localcloud/faults`;

  beforeAll(async () => {
    cloud = await LocalCloud.start({ workspaceRoot: mkdtempSync(join(tmpdir(), 'lc-faults-')), port: 0, quiet: true }, { catalog: toyCatalog(state) });
  });
  afterAll(() => cloud.stop());

  it('makes SDK clients and in-process callers meet the error until the rule is removed', async () => {
    const eb = new EventBridgeClient({ endpoint: cloud.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 't', secretAccessKey: 't' }, maxAttempts: 1 });
    const put = () => eb.send(new PutEventsCommand({ Entries: [{ Source: 'S', DetailType: 'D', Detail: '{}' }] }));
    const added = await fetch(faultsUrl(), { method: 'POST', body: JSON.stringify({ service: 'events', operations: ['PutEvents'], error: 'ThrottlingException', count: 2 }) });
    expect(added.status).toBe(201);
    const rule = (await added.json()) as { id: string };
    const before = state.events.length;
    await expect(put()).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    await expect(cloud.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(state.events.length).toBe(before);
    expect(await (await fetch(faultsUrl())).json()).toEqual([expect.objectContaining({ id: rule.id, injected: 2, active: false })]);
    expect((await put()).FailedEntryCount).toBe(0);
    expect(cloud.activity.recent(10, (r) => r.source === 'faults')).toHaveLength(2);

    expect((await fetch(`${faultsUrl()}/${rule.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await (await fetch(faultsUrl())).json()).toEqual([]);
  });

  it('refuses a bad rule with 400 and clears every rule with DELETE', async () => {
    const bad = await fetch(faultsUrl(), { method: 'POST', body: JSON.stringify({ service: 'events', error: 'ThrottlingException', count: -1 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/count must be a positive integer/);
    expect((await fetch(faultsUrl(), { method: 'POST', body: '{not json' })).status).toBe(400);
    await fetch(faultsUrl(), { method: 'POST', body: JSON.stringify({ service: 'events', error: 'ThrottlingException' }) });
    expect((await fetch(faultsUrl(), { method: 'DELETE' })).status).toBe(200);
    expect(await (await fetch(faultsUrl())).json()).toEqual([]);
    expect((await fetch(`${faultsUrl()}/fault-999`, { method: 'DELETE' })).status).toBe(404);
  });
});
