/**
 * awsJson1_0 / awsJson1_1: `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and a
 * JSON body. Timestamps are epoch seconds, blobs base64, no `jsonName` renaming.
 * Errors: `{"__type": "<Code>", "message": "..."}` plus `x-amzn-ErrorType`.
 */
import { JsonCodec } from '@aws-sdk/core/protocols';
import { SerializationError, type AwsError } from '../errors';
import type { HttpRequest, HttpResponse } from '../http/types';
import { errorStatus, messageMember, requestIdHeaders, withoutMetadata, type CodecOptions, type ProtocolCodec } from './codec';
import type { OperationInfo } from './sdk-api';

const EPOCH_SECONDS = 7;

export function createAwsJsonCodec(version: '1.0' | '1.1', options: CodecOptions): ProtocolCodec {
  const { api, targetPrefix } = options;
  if (!targetPrefix) throw new TypeError(`${options.service}: awsJson needs a targetPrefix`);
  const codec = new JsonCodec({ timestampFormat: { useTrait: true, default: EPOCH_SECONDS }, jsonName: false });
  const contentType = `application/x-amz-json-${version}`;

  return {
    protocol: version === '1.0' ? 'awsJson1_0' : 'awsJson1_1',

    match(req: HttpRequest) {
      const target = req.headers['x-amz-target'];
      if (!target || req.method !== 'POST') return undefined;
      const dot = target.lastIndexOf('.');
      if (dot === -1 || target.slice(0, dot) !== targetPrefix) return undefined;
      return target.slice(dot + 1);
    },

    async decode(op: OperationInfo, req: HttpRequest) {
      const text = req.body.toString('utf8').trim();
      if (text === '') return {};
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (cause) {
        throw new SerializationError(`${op.name}: the request body is not valid JSON`, { cause });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new SerializationError(`${op.name}: the request body must be a JSON object`);
      }
      return codec.createDeserializer().readObject(op.input, parsed as never) as Record<string, unknown>;
    },

    async encode(op: OperationInfo, output: Record<string, unknown>, requestId: string): Promise<HttpResponse> {
      const serializer = codec.createSerializer();
      serializer.write(op.output, withoutMetadata(output));
      const body = serializer.flush();
      return {
        statusCode: 200,
        headers: { 'content-type': contentType, ...requestIdHeaders(requestId) },
        // An operation whose output is Smithy's `Unit` (CreateLogStream...) answers `{}`.
        body: typeof body === 'string' ? body : (body as unknown) instanceof Uint8Array ? Buffer.from(body as Uint8Array) : '{}',
      };
    },

    encodeError(error: AwsError, _op: OperationInfo | undefined, requestId: string): HttpResponse {
      const status = errorStatus(error, api);
      const headers: Record<string, string> = {
        'content-type': contentType,
        'x-amzn-errortype': error.name,
        ...requestIdHeaders(requestId),
        ...error.headers,
      };
      if (options.awsQueryCompatible && error.queryErrorCode) {
        headers['x-amzn-query-error'] = `${error.queryErrorCode};${error.fault === 'server' ? 'Receiver' : 'Sender'}`;
      }
      const body = { __type: error.name, [messageMember(api, error.name)]: error.message, ...error.fields };
      return { statusCode: status, headers, body: JSON.stringify(body) };
    },
  };
}
