import type { APIGatewayProxyResult } from 'aws-lambda';
import { AuthenticationError, MalformedRequestError } from '@sma/anti-corruption';
import { ContractValidationError, EventTooLargeError } from '@sma/contracts';
import {
  IdempotencyKeyReusedError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  PublishFailedError,
  UnknownWebhookSourceError,
} from '../errors';

/** A JSON response; `no-store` because every answer is about one request. */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export interface ErrorAnswer {
  readonly status: number;
  /** Safe to show the caller. */
  readonly message: string;
  /** 4xx are the caller's problem (warn); 5xx are ours (error, alarmed). */
  readonly level: 'warn' | 'error';
  readonly headers?: Record<string, string>;
}

/** Another request holds this delivery's idempotency record: the platform should retry once it is done. */
const IN_PROGRESS = new Set(['IdempotencyAlreadyInProgressError', 'IdempotencyInconsistentStateError']);

/** A dependency failed (EventBridge, DynamoDB, Secrets Manager): nothing was acknowledged, a retry will do. */
const DEPENDENCY_FAILURES = new Set(['PutEventsFailedError', 'IdempotencyPersistenceLayerError', 'SecretUnavailableError']);

/** AWS SDK service exceptions carry `$fault` ('client' | 'server'). */
const isAwsServiceError = (error: Error): boolean => '$fault' in error;

/** The answer to a failed publication: the most serious failure decides, so that a retry happens when any unit needs one. */
function publishFailureAnswer(error: PublishFailedError): ErrorAnswer {
  const answers = error.failures.map((f) => errorAnswer(f.error));
  const serverSide = answers.find((a) => a.status >= 500);
  if (serverSide) return serverSide;
  return answers.find((a) => a.status === 409) ?? answers[0] ?? errorAnswer(undefined);
}

/**
 * Maps every error to its HTTP answer. Anything unknown is a 500 with a
 * generic message: the platform retries, and the details stay in the log.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof PayloadTooLargeError || error instanceof EventTooLargeError) {
    return { status: 413, message: error.message, level: 'warn' };
  }
  if (error instanceof UnknownWebhookSourceError || error instanceof AuthenticationError) {
    return { status: 401, message: error.message, level: 'warn' };
  }
  if (error instanceof MalformedRequestError) return { status: 400, message: error.message, level: 'warn' };
  if (error instanceof MethodNotAllowedError) {
    return { status: 405, message: error.message, level: 'warn', headers: { allow: error.allowed.join(', ') } };
  }
  if (error instanceof IdempotencyKeyReusedError) return { status: 422, message: error.message, level: 'warn' };
  if (error instanceof PublishFailedError) return publishFailureAnswer(error);
  if (error instanceof Error && IN_PROGRESS.has(error.name)) {
    return {
      status: 409,
      message: 'This delivery is being processed by another request; retry later',
      level: 'warn',
      headers: { 'retry-after': '5' },
    };
  }
  if (error instanceof ContractValidationError) {
    return { status: 500, message: 'Internal error; the delivery was not accepted', level: 'error' };
  }
  if (error instanceof Error && (DEPENDENCY_FAILURES.has(error.name) || isAwsServiceError(error))) {
    return { status: 503, message: 'A dependency is unavailable; the delivery was not accepted, retry later', level: 'error' };
  }
  return { status: 500, message: 'Internal error; the delivery was not accepted', level: 'error' };
}
