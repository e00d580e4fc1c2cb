/**
 * restJson1 and restXml: the operation comes from method + path, members are bound
 * to labels, query parameters, headers, a payload or the body document, exactly as
 * the operation's Smithy HTTP binding traits say.
 */
import { FromStringShapeDeserializer, ToStringShapeSerializer } from '@smithy/core/protocols';
import type { NormalizedSchema } from '@smithy/core/schema';
import { Readable } from 'node:stream';
import { SerializationError, type AwsError } from '../errors';
import type { HttpRequest, HttpResponse } from '../http/types';
import { errorStatus, messageMember, requestIdHeaders, withoutMetadata, type CodecOptions, type Protocol, type ProtocolCodec } from './codec';
import { RestRouter } from './rest-routes';
import type { OperationInfo } from './sdk-api';

/** How a REST protocol reads and writes documents (JSON or XML). */
export interface DocumentFormat {
  readonly protocol: Extract<Protocol, 'restJson1' | 'restXml'>;
  readonly contentType: string;
  /** Reads a structure (or other shape) from the body bytes. */
  read(schema: NormalizedSchema, body: Buffer): Record<string, unknown> | unknown;
  /** Writes a value of the shape as a document. */
  write(schema: NormalizedSchema, value: unknown): string | Buffer;
  /** The error body for an error answer. */
  errorBody(code: string, messageKey: string, message: string, fields: Readonly<Record<string, unknown>>, requestId: string): string;
}

type Traits = {
  httpLabel?: unknown;
  httpQuery?: string;
  httpQueryParams?: unknown;
  httpHeader?: string;
  httpPrefixHeaders?: string;
  httpPayload?: unknown;
  httpResponseCode?: unknown;
  mediaType?: string;
};

const BINDING_SETTINGS = { timestampFormat: { useTrait: true, default: 7 as const }, httpBindings: true };

const isBound = (t: Traits) =>
  Boolean(t.httpLabel) ||
  typeof t.httpQuery === 'string' ||
  Boolean(t.httpQueryParams) ||
  typeof t.httpHeader === 'string' ||
  typeof t.httpPrefixHeaders === 'string' ||
  Boolean(t.httpResponseCode);

/** A symbol under which an operation's output may carry extra raw response headers. */
export const RESPONSE_HEADERS = Symbol.for('sma.local-cloud.responseHeaders');

/** Attaches extra raw headers to an output (e.g. `Content-Type` of a payload). */
export function withResponseHeaders<T extends object>(output: T, headers: Record<string, string>): T {
  Object.defineProperty(output, RESPONSE_HEADERS, { value: headers, enumerable: false });
  return output;
}

/** A symbol under which an operation's output may carry its HTTP status (S3's 206 for a range). */
export const RESPONSE_STATUS = Symbol.for('sma.local-cloud.responseStatus');

/** Sets the HTTP status of a successful answer when the operation's model has no member for it (GetObject's 206). */
export function withResponseStatus<T extends object>(output: T, statusCode: number): T {
  Object.defineProperty(output, RESPONSE_STATUS, { value: statusCode, enumerable: false });
  return output;
}

export function createRestCodec(format: DocumentFormat, options: CodecOptions): ProtocolCodec {
  const { api } = options;
  const router = new RestRouter(api.operations());
  const fromString = new FromStringShapeDeserializer(BINDING_SETTINGS);

  return {
    protocol: format.protocol,

    match(req: HttpRequest) {
      return router.match(req)?.op;
    },

    async decode(op: OperationInfo, req: HttpRequest) {
      const route = router.match(req);
      const labels = { ...req.labels, ...(route?.op === op.name ? route.labels : {}) };
      const input: Record<string, unknown> = {};
      const bodyMembers: string[] = [];
      let payloadMember: [string, NormalizedSchema] | undefined;
      const boundQueryNames = new Set<string>();
      for (const [, ms] of op.input.structIterator()) {
        const t = ms.getMergedTraits() as Traits;
        if (typeof t.httpQuery === 'string') boundQueryNames.add(t.httpQuery);
      }
      for (const [name, ms] of op.input.structIterator()) {
        const t = ms.getMergedTraits() as Traits;
        try {
          if (t.httpLabel) {
            const value = labels[name];
            if (value === undefined) throw new SerializationError(`${op.name}: missing path label ${name}`);
            input[name] = fromString.read(ms, value);
          } else if (typeof t.httpQuery === 'string') {
            const values = req.query.filter(([k]) => k === t.httpQuery).map(([, v]) => v);
            if (values.length === 0) continue;
            input[name] = ms.isListSchema() ? values.map((v) => fromString.read(ms.getValueSchema(), v)) : fromString.read(ms, values[0]!);
          } else if (t.httpQueryParams) {
            const map: Record<string, unknown> = {};
            const listValued = ms.getValueSchema().isListSchema();
            for (const [k, v] of req.query) {
              if (boundQueryNames.has(k)) continue;
              if (listValued) ((map[k] ??= []) as string[]).push(v);
              else map[k] ??= v;
            }
            if (Object.keys(map).length > 0) input[name] = map;
          } else if (typeof t.httpHeader === 'string') {
            const value = req.headers[t.httpHeader.toLowerCase()];
            if (value === undefined) continue;
            input[name] = fromString.read(ms, value);
          } else if (typeof t.httpPrefixHeaders === 'string') {
            const prefix = t.httpPrefixHeaders.toLowerCase();
            const map: Record<string, string> = {};
            for (const [k, v] of Object.entries(req.headers)) if (k.startsWith(prefix)) map[k.slice(prefix.length)] = v;
            if (Object.keys(map).length > 0) input[name] = map;
          } else if (t.httpPayload) {
            payloadMember = [name, ms];
          } else {
            bodyMembers.push(name);
          }
        } catch (cause) {
          if (cause instanceof SerializationError) throw cause;
          throw new SerializationError(`${op.name}: cannot read ${name}: ${(cause as Error).message}`, { cause });
        }
      }
      if (payloadMember) {
        const [name, ms] = payloadMember;
        if (req.body.length > 0 || ms.isBlobSchema() || ms.isStreaming()) input[name] = readPayload(format, op, ms, req.body);
      } else if (bodyMembers.length > 0 && req.body.length > 0) {
        const doc = readDocument(format, op, op.input, req.body) as Record<string, unknown>;
        for (const name of bodyMembers) if (doc[name] !== undefined) input[name] = doc[name];
      }
      return input;
    },

    async encode(op: OperationInfo, rawOutput: Record<string, unknown>, requestId: string): Promise<HttpResponse> {
      const output = withoutMetadata(rawOutput);
      const headers: Record<string, string> = { ...requestIdHeaders(requestId) };
      let statusCode = op.http?.[2] ?? 200;
      let body: HttpResponse['body'];
      const bodyValue: Record<string, unknown> = {};
      let hasBodyMembers = false;
      for (const [name, ms] of op.output.structIterator()) {
        const t = ms.getMergedTraits() as Traits;
        const value = output[name];
        if (t.httpResponseCode) {
          if (typeof value === 'number') statusCode = value;
        } else if (typeof t.httpHeader === 'string') {
          if (value === undefined || value === null) continue;
          const s = new ToStringShapeSerializer(BINDING_SETTINGS);
          s.write(ms, value);
          headers[t.httpHeader.toLowerCase()] = s.flush();
        } else if (typeof t.httpPrefixHeaders === 'string') {
          for (const [k, v] of Object.entries((value ?? {}) as Record<string, string>)) headers[`${t.httpPrefixHeaders.toLowerCase()}${k}`] = String(v);
        } else if (t.httpPayload) {
          if (value === undefined || value === null) continue;
          if (ms.isBlobSchema() || ms.isStreaming()) {
            body = toBody(value);
            headers['content-type'] ??= t.mediaType ?? 'application/octet-stream';
          } else if (ms.isStringSchema()) {
            body = String(value);
            headers['content-type'] ??= t.mediaType ?? 'text/plain';
          } else {
            body = format.write(ms, value);
            headers['content-type'] = format.contentType;
          }
        } else if (!isBound(t)) {
          hasBodyMembers = true;
          if (value !== undefined) bodyValue[name] = value;
        }
      }
      if (body === undefined && hasBodyMembers) {
        body = format.write(op.output, bodyValue);
        headers['content-type'] = format.contentType;
      }
      const forcedStatus = (rawOutput as { [RESPONSE_STATUS]?: number })[RESPONSE_STATUS];
      if (forcedStatus !== undefined) statusCode = forcedStatus;
      const extra = (rawOutput as { [RESPONSE_HEADERS]?: Record<string, string> })[RESPONSE_HEADERS];
      if (extra) for (const [k, v] of Object.entries(extra)) headers[k.toLowerCase()] = v;
      return { statusCode, headers, body };
    },

    encodeError(error: AwsError, _op: OperationInfo | undefined, requestId: string, req: HttpRequest): HttpResponse {
      const statusCode = errorStatus(error, api);
      const headers: Record<string, string> = {
        'x-amzn-errortype': error.name,
        ...requestIdHeaders(requestId),
        ...error.headers,
      };
      if (req.method === 'HEAD') return { statusCode, headers, body: undefined };
      headers['content-type'] = format.contentType;
      return {
        statusCode,
        headers,
        body: format.errorBody(error.name, messageMember(api, error.name), error.message, error.fields, requestId),
      };
    },
  };
}

function readDocument(format: DocumentFormat, op: OperationInfo, schema: NormalizedSchema, body: Buffer): unknown {
  try {
    return format.read(schema, body);
  } catch (cause) {
    throw new SerializationError(`${op.name}: the request body is not a valid ${format.protocol === 'restJson1' ? 'JSON' : 'XML'} document`, { cause });
  }
}

function readPayload(format: DocumentFormat, op: OperationInfo, ms: NormalizedSchema, body: Buffer): unknown {
  if (ms.isBlobSchema() || ms.isStreaming()) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (ms.isStringSchema()) return body.toString('utf8');
  return readDocument(format, op, ms, body);
}

function toBody(value: unknown): HttpResponse['body'] {
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof Readable) return value;
  throw new TypeError(`A blob payload must be a string, Uint8Array or Readable, got ${typeof value}`);
}
