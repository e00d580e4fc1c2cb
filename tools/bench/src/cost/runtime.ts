import type { Context } from 'aws-lambda';
import { parseDetail, isDetailType } from '@sma/contracts';
import { exampleDetail } from '@sma/contracts/testing';
import { BenchError } from '../errors';
import type { JourneyRuntime } from './journey';
import { aiResponse, downloadedEveryImage, type Findings } from './stand-ins';
import type { FunctionNode } from './topology';

/** Workflow steps that are not run but answered: they reach the internet. */
export const STAND_IN_STEPS: Readonly<Record<string, (payload: unknown) => unknown>> = {
  'Analysis/download-images': downloadedEveryImage,
  'Original/download-images': downloadedEveryImage,
};

/** Quiet Powertools: the bundles run in this process, and their logs and metrics would interleave with the report. */
const QUIET = { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', POWERTOOLS_DEV: 'false' };

const loaded = new Map<string, (event: unknown, context: Context) => Promise<unknown>>();

/** The handler of a built bundle, loaded once with its function's environment (as synthesized). */
function handlerOf(fn: FunctionNode): (event: unknown, context: Context) => Promise<unknown> {
  if (!fn.bundle) throw new BenchError(`${fn.id}: no bundle in its code asset to run`);
  const cached = loaded.get(fn.bundle.path);
  if (cached) return cached;
  Object.assign(process.env, fn.bundle.environment, QUIET, { AWS_REGION: process.env['AWS_REGION'] ?? 'us-east-1' });
  const { handler } = require(fn.bundle.path) as { handler?: (event: unknown, context: Context) => Promise<unknown> };
  if (typeof handler !== 'function') throw new BenchError(`${fn.bundle.path} exports no handler`);
  loaded.set(fn.bundle.path, handler);
  return handler;
}

const context = (fn: FunctionNode): Context =>
  ({
    functionName: fn.id.replace('/', '-'),
    functionVersion: '$LATEST',
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId: '00000000-0000-4000-8000-000000000000',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${fn.id.replace('/', '-')}`,
    logGroupName: `/aws/lambda/${fn.id}`,
    logStreamName: 'bench',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 10_000,
  }) as unknown as Context;

/** Fields that tie an event to its message, carried from the trigger into what a function publishes. */
function carriedIds(trigger: unknown): Record<string, unknown> {
  const t = (trigger ?? {}) as Record<string, unknown>;
  return Object.fromEntries(['MessageId', 'Channel', 'CommandId', 'Twitter'].filter((k) => t[k] !== undefined).map((k) => [k, t[k]]));
}

/** What a function publishes: the contract's example, tied to the trigger's message, shaped for the responder, validated. */
export function detailFor(detailType: string, trigger: unknown, publisher: string): unknown {
  if (!isDetailType(detailType)) throw new BenchError(`${detailType} is not a contract detail-type`);
  const detail = { ...(exampleDetail(detailType) as Record<string, unknown>), ...carriedIds(trigger) };
  if (detailType === 'SEND_REPLY') {
    detail['CommandId'] = `REPLY-${String(detail['MessageId'])}`;
    if (!publisher.endsWith('/image-responder')) {
      delete detail['Image'];
      detail['Responder'] = 'TEXT';
      detail['Text'] = 'Here is a fact: octopuses have three hearts.';
    }
  }
  return parseDetail(detailType, detail);
}

/** The runtime of a journey (either design): stand-in AI answers, the real pure workflow steps, contract-shaped publications. */
export function journeyRuntime(findings: Findings): JourneyRuntime {
  return {
    aiResponse: (service, action) => aiResponse(service, action, findings),
    runStep: async (fn, payload) => {
      const standIn = STAND_IN_STEPS[fn.id];
      return standIn ? standIn(payload) : handlerOf(fn)(payload, context(fn));
    },
    detailFor,
  };
}
