/**
 * awsQuery (SNS, and SQS for older clients): a form-encoded request
 * (`Action=Publish&TopicArn=...&MessageAttributes.entry.1.Name=...`) and an XML
 * answer `<PublishResponse><PublishResult>…</PublishResult><ResponseMetadata>…`.
 * Errors: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
 * with the code and status of the shape's `awsQueryError` trait.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { SerializationError, type AwsError } from '../errors';
import { parseForm, type HttpRequest, type HttpResponse } from '../http/types';
import { errorStatus, requestIdHeaders, withoutMetadata, type CodecOptions, type ProtocolCodec } from './codec';
import { errorTraits, type OperationInfo } from './sdk-api';
import { escapeXml, innerXml, writeXml, xmlCodec, xmlFields } from './xml';

/** The request's parameters: from the form body (POST) or the query string (GET). */
function params(req: HttpRequest): Map<string, string> {
  const pairs =
    req.method === 'POST' && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')
      ? parseForm(req.body.toString('utf8'))
      : req.query;
  return new Map(pairs);
}

const serializedName = (ms: NormalizedSchema, fallback: string): string => {
  const t = ms.getMergedTraits() as { xmlName?: string };
  return typeof t.xmlName === 'string' ? t.xmlName : fallback;
};

class QueryReader {
  private readonly keys: string[];
  constructor(private readonly p: Map<string, string>) {
    this.keys = [...p.keys()];
  }

  private has(prefix: string): boolean {
    return this.p.has(prefix) || this.keys.some((k) => k.startsWith(`${prefix}.`));
  }

  read(schema: NormalizedSchema, prefix: string): unknown {
    if (schema.isStructSchema()) {
      const out: Record<string, unknown> = {};
      for (const [name, ms] of schema.structIterator()) {
        const key = `${prefix}${prefix ? '.' : ''}${serializedName(ms, name)}`;
        if (!this.has(key)) continue;
        out[name] = this.read(ms, key);
      }
      return out;
    }
    if (schema.isListSchema()) {
      if (this.p.get(prefix) === '') return [];
      const flattened = Boolean((schema.getMergedTraits() as { xmlFlattened?: unknown }).xmlFlattened);
      const item = schema.getValueSchema();
      const base = flattened ? prefix : `${prefix}.${serializedName(item, 'member')}`;
      const list: unknown[] = [];
      for (let i = 1; this.has(`${base}.${i}`); i++) list.push(this.read(item, `${base}.${i}`));
      return list;
    }
    if (schema.isMapSchema()) {
      const flattened = Boolean((schema.getMergedTraits() as { xmlFlattened?: unknown }).xmlFlattened);
      const keyName = serializedName(schema.getKeySchema(), 'key');
      const valueSchema = schema.getValueSchema();
      const valueName = serializedName(valueSchema, 'value');
      const base = flattened ? prefix : `${prefix}.entry`;
      const map: Record<string, unknown> = {};
      for (let i = 1; this.has(`${base}.${i}`); i++) {
        const k = this.p.get(`${base}.${i}.${keyName}`);
        if (k === undefined) throw new SerializationError(`Missing ${base}.${i}.${keyName}`);
        map[k] = this.read(valueSchema, `${base}.${i}.${valueName}`);
      }
      return map;
    }
    const raw = this.p.get(prefix);
    if (raw === undefined) return undefined;
    if (schema.isBooleanSchema()) return raw === 'true';
    if (schema.isNumericSchema()) {
      const n = Number(raw);
      if (Number.isNaN(n)) throw new SerializationError(`${prefix} must be a number, got "${raw}"`);
      return n;
    }
    if (schema.isTimestampSchema()) {
      const d = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
      if (Number.isNaN(d.getTime())) throw new SerializationError(`${prefix} must be a timestamp, got "${raw}"`);
      return d;
    }
    if (schema.isBlobSchema()) return new Uint8Array(Buffer.from(raw, 'base64'));
    return raw;
  }
}

export function createAwsQueryCodec(options: CodecOptions): ProtocolCodec {
  const { api } = options;
  const xmlns = options.xmlNamespace;
  const codec = xmlCodec(xmlns, api.namespace);
  const nsAttr = xmlns ? ` xmlns="${xmlns}"` : '';

  return {
    protocol: 'awsQuery',

    match(req: HttpRequest) {
      if (req.method !== 'POST' && req.method !== 'GET') return undefined;
      return params(req).get('Action');
    },

    async decode(op: OperationInfo, req: HttpRequest) {
      const p = params(req);
      p.delete('Action');
      p.delete('Version');
      return new QueryReader(p).read(op.input, '') as Record<string, unknown>;
    },

    async encode(op: OperationInfo, output: Record<string, unknown>, requestId: string): Promise<HttpResponse> {
      const value = withoutMetadata(output);
      const hasMembers = [...op.output.structIterator()].length > 0;
      const result = hasMembers ? `<${op.name}Result>${innerXml(writeXml(codec, op.output, value))}</${op.name}Result>` : '';
      const body =
        `<?xml version="1.0"?>\n<${op.name}Response${nsAttr}>${result}` +
        `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${op.name}Response>`;
      return { statusCode: 200, headers: { 'content-type': 'text/xml', ...requestIdHeaders(requestId) }, body };
    },

    encodeError(error: AwsError, _op: OperationInfo | undefined, requestId: string): HttpResponse {
      const { awsQueryError } = errorTraits(api.errorSchema(error.name));
      const code = error.queryErrorCode ?? awsQueryError?.[0] ?? error.name;
      const statusCode = errorStatus(error, api, awsQueryError?.[1]);
      const body =
        `<?xml version="1.0"?>\n<ErrorResponse${nsAttr}><Error><Type>${error.fault === 'server' ? 'Receiver' : 'Sender'}</Type>` +
        `<Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message>${xmlFields(error.fields)}</Error>` +
        `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
      return { statusCode, headers: { 'content-type': 'text/xml', ...requestIdHeaders(requestId), ...error.headers }, body };
    },
  };
}
