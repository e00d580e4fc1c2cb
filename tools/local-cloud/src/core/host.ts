/**
 * `ServiceHost`: one running service with its API schemas and codecs. It answers
 * HTTP requests (decode → handler → encode, errors in the protocol's shape) and
 * in-process calls (handler only, no serialization).
 */
import { Readable } from 'node:stream';
import type { Cloud } from './cloud';
import { NotImplementedError, UnknownOperationError, toAwsError, type AwsError } from './errors';
import type { FaultInjector } from './faults';
import type { HttpRequest, HttpResponse } from './http/types';
import { SdkApi, createCodec, type OperationInfo, type ProtocolCodec } from './protocols';
import type { OperationContext, ServiceDefinition, ServiceInstance } from './service';

export class ServiceHost {
  private apiCache: SdkApi | undefined;
  private codecCache: ProtocolCodec[] | undefined;

  constructor(
    readonly definition: ServiceDefinition,
    readonly instance: ServiceInstance,
    private readonly cloud: Cloud,
    /** Injected faults (tests, benches): checked before every call's handler runs. */
    private readonly faults?: FaultInjector,
  ) {}

  get name() {
    return this.definition.name;
  }

  /** The API, loaded from the SDK package on first use. */
  get api(): SdkApi {
    this.apiCache ??= new SdkApi(this.definition.sdk());
    return this.apiCache;
  }

  /** The primary protocol's codec first, then the alternates. */
  get codecs(): ProtocolCodec[] {
    if (!this.codecCache) {
      const d = this.definition;
      const options = {
        service: d.name,
        api: this.api,
        ...(d.targetPrefix ? { targetPrefix: d.targetPrefix } : {}),
        ...(d.xmlNamespace ? { xmlNamespace: d.xmlNamespace } : {}),
        ...(d.awsQueryCompatible ? { awsQueryCompatible: true } : {}),
      };
      this.codecCache = [d.protocol, ...(d.alternateProtocols ?? [])].map((p) => createCodec(p, options));
    }
    return this.codecCache;
  }

  /** The codec and operation name a request asks for, if it is for this service. */
  route(req: HttpRequest): { codec: ProtocolCodec; operation: string } | undefined {
    for (const codec of this.codecs) {
      const operation = codec.match(req);
      if (operation) return { codec, operation };
    }
    return undefined;
  }

  /** Runs an operation handler (shared by HTTP and in-process calls). */
  async invoke(operation: string, input: object, ctx: OperationContext): Promise<Record<string, unknown>> {
    const handler = this.instance.operations[operation];
    if (!handler) {
      if (!this.api.operation(operation)) throw new UnknownOperationError(this.name, operation);
      throw new NotImplementedError(this.name, operation, Object.keys(this.instance.operations));
    }
    const fault = this.faults?.armed ? this.faults.check(this.name, operation, input) : undefined;
    if (fault) {
      this.cloud.activity.record('faults', 'injected', `${this.name}.${operation} → ${fault.name}`, { service: this.name, operation, error: fault.name });
      throw fault;
    }
    const output = (await handler(input, ctx)) as Record<string, unknown> | undefined;
    return output ?? {};
  }

  /** Serves one HTTP request already routed to this service. */
  async handleHttp(
    req: HttpRequest,
    routed: { codec: ProtocolCodec; operation: string },
    ctx: Omit<OperationContext, 'operation' | 'service' | 'cloud' | 'http'>,
  ): Promise<{ response: HttpResponse; error?: AwsError }> {
    const { codec, operation } = routed;
    const op: OperationInfo | undefined = this.api.operation(operation);
    try {
      if (!op) throw new UnknownOperationError(this.name, operation);
      if (!this.instance.operations[operation]) throw new NotImplementedError(this.name, operation, Object.keys(this.instance.operations));
      const input = await codec.decode(op, req);
      const output = await this.invoke(operation, input, { ...ctx, service: this.name, operation, cloud: this.cloud, http: req });
      return { response: await codec.encode(op, output, ctx.requestId) };
    } catch (err) {
      const error = toAwsError(err);
      return { response: codec.encodeError(error, op, ctx.requestId, req), error };
    }
  }
}

/**
 * Gives in-process callers the SDK's output shape for streaming blobs: a Readable
 * with `transformToByteArray()` / `transformToString()`, as the SDK's `Body` has.
 */
export function sdkStreamingBody(value: unknown): unknown {
  if (!(typeof value === 'string' || value instanceof Uint8Array)) return value;
  const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const stream = Readable.from([bytes]);
  return Object.assign(stream, {
    transformToByteArray: async () => new Uint8Array(bytes),
    transformToString: async (encoding: BufferEncoding = 'utf8') => bytes.toString(encoding),
    transformToWebStream: () => Readable.toWeb(Readable.from([bytes])),
  });
}

/** Reads an in-process streaming blob input (string, bytes or Readable) into bytes. */
export async function streamingInputBytes(value: unknown): Promise<Uint8Array | unknown> {
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value));
  if (value instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of value) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    return new Uint8Array(Buffer.concat(chunks));
  }
  return value;
}
