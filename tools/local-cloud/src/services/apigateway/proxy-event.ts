/**
 * The Lambda proxy integration's event (REST API, payload format 1.0) exactly as API
 * Gateway builds it, and the function's answer turned back into an HTTP response.
 * Pure.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { HttpRequest, HttpResponse } from '../../core/http/types';
import type { RestApi, RouteMatch } from './model';

export interface ProxyContext {
  readonly api: RestApi;
  readonly stage: string;
  readonly match: RouteMatch;
  /** The path after the stage, decoded, starting with `/`. */
  readonly path: string;
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly accountId: string;
  readonly region: string;
  readonly now: Date;
  readonly sourceIp: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `09/Apr/2015:12:34:56 +0000`, API Gateway's `requestTime`. */
export function requestTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Does the content type match one of the API's binary media types (`image/*`, `*\/*`)? */
export function isBinary(contentType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return binaryMediaTypes.some((b) => {
    const [major, minor] = b.toLowerCase().split('/');
    const [tMajor, tMinor] = type.split('/');
    return (major === '*' || major === tMajor) && (minor === '*' || minor === tMinor);
  });
}

/** Headers as the client sent them (case kept), each repeat a value of `multiValueHeaders`. */
function headerMaps(req: HttpRequest) {
  const headers: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const raw = req.rawHeaders ?? Object.entries(req.headers).flat();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    (multi[name] ??= []).push(raw[i + 1]!);
    headers[name] = raw[i + 1]!;
  }
  return { headers, multi };
}

export function proxyEvent(req: HttpRequest, ctx: ProxyContext): APIGatewayProxyEvent {
  const { headers, multi } = headerMaps(req);
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of req.query) {
    (multiQuery[k] ??= []).push(v);
    query[k] = v;
  }
  const binary = isBinary(req.headers['content-type'], ctx.api.binaryMediaTypes);
  const hasBody = req.body.length > 0;
  const stageVariables = ctx.api.stages.get(ctx.stage)?.variables ?? {};
  return {
    resource: ctx.match.resource.path,
    path: ctx.path,
    httpMethod: req.method,
    headers,
    multiValueHeaders: multi,
    queryStringParameters: req.query.length > 0 ? query : null,
    multiValueQueryStringParameters: req.query.length > 0 ? multiQuery : null,
    pathParameters: Object.keys(ctx.match.pathParameters).length > 0 ? { ...ctx.match.pathParameters } : null,
    stageVariables: Object.keys(stageVariables).length > 0 ? { ...stageVariables } : null,
    requestContext: {
      resourceId: ctx.match.resource.id,
      resourcePath: ctx.match.resource.path,
      httpMethod: req.method,
      extendedRequestId: ctx.extendedRequestId,
      requestTime: requestTime(ctx.now),
      path: `/${ctx.stage}${ctx.path}`,
      accountId: ctx.accountId,
      protocol: 'HTTP/1.1',
      stage: ctx.stage,
      domainPrefix: ctx.api.id,
      requestTimeEpoch: ctx.now.getTime(),
      requestId: ctx.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: ctx.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: req.headers['user-agent'] ?? null,
        user: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      domainName: `${ctx.api.id}.execute-api.${ctx.region}.amazonaws.com`,
      apiId: ctx.api.id,
      authorizer: null as never,
      ...{ deploymentId: ctx.api.stages.get(ctx.stage)?.deploymentId ?? '' },
    },
    body: hasBody ? (binary ? req.body.toString('base64') : req.body.toString('utf8')) : null,
    isBase64Encoded: hasBody && binary,
  };
}

/** The proxy integration's answer, or `undefined` when it is malformed (API Gateway answers 502). */
export function proxyResponse(payload: unknown): Omit<HttpResponse, 'body'> & { body: Buffer } | undefined {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const p = payload as { statusCode?: unknown; headers?: unknown; multiValueHeaders?: unknown; body?: unknown; isBase64Encoded?: unknown };
  const statusCode = typeof p.statusCode === 'string' ? Number(p.statusCode) : p.statusCode;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return undefined;
  if (p.body !== undefined && p.body !== null && typeof p.body !== 'string') return undefined;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((p.multiValueHeaders ?? {}) as Record<string, unknown>)) {
    if (!Array.isArray(v)) return undefined;
    headers[k.toLowerCase()] = v.map(String).join(', ');
  }
  for (const [k, v] of Object.entries((p.headers ?? {}) as Record<string, unknown>)) {
    if (v === null || typeof v === 'object') return undefined;
    headers[k.toLowerCase()] = String(v);
  }
  const text = (p.body as string | undefined) ?? '';
  const body = p.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  headers['content-type'] ??= 'application/json';
  return { statusCode, headers, body };
}
