import type { FirehoseTransformationEvent, FirehoseTransformationResult } from 'aws-lambda';
import invocation from '../__fixtures__/firehose-transformation-event.json';
import { transformRecords } from '../lake/transform-records';

interface Emf {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> };
  [key: string]: unknown;
}

/** Loads the handler with metrics switched on, capturing the EMF documents it prints. */
function loadHandler(): { handler: (e: FirehoseTransformationEvent) => Promise<FirehoseTransformationResult>; emf: () => Emf[] } {
  const written: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_METRICS_NAMESPACE = 'ServerlessMessageAnalyser';
  process.env.POWERTOOLS_SERVICE_NAME = 'analytics';
  let handler!: (e: FirehoseTransformationEvent) => Promise<FirehoseTransformationResult>;
  jest.isolateModules(() => {
    ({ handler } = require('./transform') as { handler: typeof handler });
  });
  const emf = () =>
    written
      .flatMap((w) => w.split('\n'))
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l) as Emf);
  return { handler, emf };
}

afterEach(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

describe('transform handler', () => {
  it('answers Firehose with one result per record, exactly what the transform decides', async () => {
    const { handler } = loadHandler();
    const event = invocation as FirehoseTransformationEvent;
    await expect(handler(event)).resolves.toEqual({ records: transformRecords(event.records).records });
  });

  it('publishes the batch’s counts as metrics, zeros included, and failures by reason', async () => {
    const { handler, emf } = loadHandler();
    await handler(invocation as FirehoseTransformationEvent);
    const docs = emf();
    const totals = docs.find((d) => d['LakeRecordsOk'] !== undefined)!;
    expect(totals).toMatchObject({
      service: 'analytics',
      LakeRecordsOk: 7,
      LakeRecordsDropped: 1,
      LakeRecordsFailed: 1,
      PiiSpansRedacted: 3,
      PiiRepeatsRedacted: 2,
      PiiTextWithheld: 0,
      UnknownDetailTypes: 0,
      ContractViolations: 0,
    });
    expect(totals._aws.CloudWatchMetrics[0]!.Namespace).toBe('ServerlessMessageAnalyser');
    expect(docs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Reason: 'NotJson', LakeRecordsFailedByReason: 1 }),
        expect.objectContaining({ Reason: 'DuplicateInBatch', LakeRecordsDroppedByReason: 1 }),
      ]),
    );
  });
});
