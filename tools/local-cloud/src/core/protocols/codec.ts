/**
 * The contract every wire protocol implements. A codec turns an HTTP request into
 * an operation name plus SDK-shaped input (Dates for timestamps, Uint8Arrays for
 * blobs), and SDK-shaped output or an AWS error back into the exact HTTP answer the
 * SDK and the AWS CLI expect from the real service.
 */
import type { AwsError } from '../errors';
import type { HttpRequest, HttpResponse } from '../http/types';
import type { OperationInfo, SdkApi } from './sdk-api';

/** The protocols AWS services speak (Smithy's protocol traits). */
export const PROTOCOLS = ['awsJson1_0', 'awsJson1_1', 'restJson1', 'restXml', 'awsQuery'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface CodecOptions {
  /** The service's name, for error messages. */
  readonly service: string;
  readonly api: SdkApi;
  /** awsJson: the `X-Amz-Target` prefix, e.g. `AWSEvents` for `AWSEvents.PutEvents`. */
  readonly targetPrefix?: string;
  /** awsQuery / restXml: the XML namespace of responses. */
  readonly xmlNamespace?: string;
  /** awsJson services that are also awsQuery-compatible (SQS) send `x-amzn-query-error`. */
  readonly awsQueryCompatible?: boolean;
}

export interface ProtocolCodec {
  readonly protocol: Protocol;
  /**
   * The operation name this request asks for, or `undefined` when the request is
   * not in this protocol (so the router can try another service or protocol). The
   * name may be one the API does not have; the caller then answers UnknownOperation.
   */
  match(req: HttpRequest): string | undefined;
  /** Decodes the request into the operation's input shape. Throws `SerializationError` on malformed input. */
  decode(op: OperationInfo, req: HttpRequest): Promise<Record<string, unknown>>;
  /** Encodes the operation's output (SDK shape; `$metadata` ignored). */
  encode(op: OperationInfo, output: Record<string, unknown>, requestId: string): Promise<HttpResponse>;
  /** Encodes an error answer. `op` is undefined when the operation could not be determined. */
  encodeError(error: AwsError, op: OperationInfo | undefined, requestId: string, req: HttpRequest): HttpResponse;
}

/** The HTTP status of an error answer: explicit status, else the shape's `httpError`, else by fault. */
export function errorStatus(error: AwsError, api: SdkApi, queryStatus?: number): number {
  if (error.statusCode !== undefined) return error.statusCode;
  const traits = api.errorSchema(error.name)?.getMergedTraits() as { httpError?: number; error?: string } | undefined;
  if (queryStatus !== undefined) return queryStatus;
  if (typeof traits?.httpError === 'number') return traits.httpError;
  return error.fault === 'server' || traits?.error === 'server' ? 500 : 400;
}

/** The name of the message member in an error shape (`message` or `Message`), `message` if unmodelled. */
export function messageMember(api: SdkApi, code: string): string {
  const schema = api.errorSchema(code);
  if (schema) for (const [name] of schema.structIterator()) if (name.toLowerCase() === 'message') return name;
  return 'message';
}

/** Removes the SDK's response metadata before serializing an output. */
export function withoutMetadata(output: Record<string, unknown>): Record<string, unknown> {
  if (!('$metadata' in output)) return output;
  const { $metadata: _m, ...rest } = output;
  return rest;
}

/** Standard response headers every AWS answer carries. */
export function requestIdHeaders(requestId: string): Record<string, string> {
  return { 'x-amzn-requestid': requestId, 'x-amz-request-id': requestId, date: new Date().toUTCString() };
}
