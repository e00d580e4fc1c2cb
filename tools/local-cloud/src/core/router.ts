/**
 * Routes an endpoint request: local routes (`/_…`) by path prefix, AWS requests by
 * the SigV4 credential scope's service name and then by each candidate service's
 * protocol (`X-Amz-Target`, REST path, `Action=`).
 */
import type { ActivityLog } from './activity';
import { UnroutableRequestError, type AwsError } from './errors';
import type { ServiceHost } from './host';
import { credentialScope } from './http/sigv4';
import { jsonResponse, type HttpRequest, type HttpResponse } from './http/types';
import { requestId as newRequestId } from './ids';
import type { Logger } from './logger';

export type LocalRoute = (req: HttpRequest) => Promise<HttpResponse>;

export interface RouterDeps {
  readonly hosts: () => Iterable<ServiceHost>;
  readonly localRoutes: () => ReadonlyMap<string, LocalRoute>;
  readonly region: string;
  readonly log: Logger;
  readonly activity: ActivityLog;
}

export function createRouter(deps: RouterDeps): (req: HttpRequest) => Promise<HttpResponse> {
  return async (req) => {
    if (req.path.startsWith('/_')) return localRoute(deps, req);
    const started = performance.now();
    const requestId = newRequestId();
    const scope = credentialScope(req);
    const all = [...deps.hosts()];
    const candidates = scope ? all.filter((h) => h.definition.signingName === scope.service) : all;
    for (const host of candidates) {
      const rewritten = host.definition.rewrite ? host.definition.rewrite(req) : req;
      const routed = host.route(rewritten);
      if (!routed) continue;
      const { response, error } = await host.handleHttp(rewritten, routed, { requestId, region: scope?.region ?? deps.region });
      record(deps, host.name, routed.operation, response.statusCode, performance.now() - started, requestId, error);
      return response;
    }
    const host = candidates.length === 1 ? candidates[0] : undefined;
    const reason = !scope
      ? 'the request carries no SigV4 credential scope and matches no service'
      : candidates.length === 0
        ? `no emulated service signs as "${scope.service}"`
        : `${req.method} ${req.path} matches no operation of ${candidates.map((c) => c.name).join(', ')}`;
    const error = new UnroutableRequestError(`Local cloud: ${reason}`);
    deps.log.warn('unroutable request', { method: req.method, path: req.path, reason });
    if (host) return host.codecs[0]!.encodeError(error, undefined, requestId, req);
    return jsonResponse(400, { __type: error.name, message: error.message }, { 'x-amzn-errortype': error.name, 'x-amzn-requestid': requestId });
  };
}

async function localRoute(deps: RouterDeps, req: HttpRequest): Promise<HttpResponse> {
  let best: [string, LocalRoute] | undefined;
  for (const entry of deps.localRoutes()) {
    const [prefix] = entry;
    if ((req.path === prefix || req.path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) && (!best || prefix.length > best[0].length)) best = entry;
  }
  if (!best) return jsonResponse(404, { message: `No local route for ${req.path}` });
  try {
    return await best[1](req);
  } catch (err) {
    deps.log.error(`local route ${best[0]} failed`, { error: err as Error });
    return jsonResponse(500, { message: (err as Error).message });
  }
}

function record(deps: RouterDeps, service: string, operation: string, status: number, ms: number, requestId: string, error?: AwsError) {
  deps.activity.record(service, 'api-call', `${operation} → ${status}${error ? ` ${error.name}` : ''}`, {
    operation,
    status,
    ms: Math.round(ms * 100) / 100,
    requestId,
    ...(error ? { error: error.name, message: error.message } : {}),
  });
  if (error && status >= 500) deps.log.error(`${service}.${operation} failed`, { error: error.name, message: error.message, cause: String((error.cause as Error | undefined)?.stack ?? '') });
  else deps.log.debug(`${service}.${operation} ${status}`, { ms: Math.round(ms) });
}
