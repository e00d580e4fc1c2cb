/**
 * The console's request routing: `METHOD /path/:param/*rest` patterns under
 * `/_console`, JSON bodies in, JSON answers out, typed errors to statuses.
 */
import type { HttpRequest, HttpResponse } from '../../core/http/types';
import { jsonResponse } from '../../core/http/types';
import { BadRequestError, ConsoleError } from '../errors';

export interface RouteContext {
  readonly req: HttpRequest;
  readonly params: Readonly<Record<string, string>>;
  /** First value of a query parameter. */
  query(name: string): string | undefined;
  /** The body parsed as JSON (BadRequestError when it is not). */
  json<T>(): T;
}

/** A handler answers with a full response, or with a value sent as JSON 200. */
export type RouteHandler = (ctx: RouteContext) => Promise<HttpResponse | unknown> | HttpResponse | unknown;

interface CompiledRoute {
  readonly method: string;
  readonly parts: readonly string[];
  readonly handler: RouteHandler;
}

const isResponse = (v: unknown): v is HttpResponse =>
  v !== null && typeof v === 'object' && 'statusCode' in v && 'headers' in v && 'body' in v;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new BadRequestError(`malformed path segment "${s}"`);
  }
}

/** Matches a path (below the prefix) against a pattern's parts; returns its parameters. */
export function matchPath(parts: readonly string[], path: string): Record<string, string> | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith('*')) {
      if (i >= segments.length) return undefined;
      params[part.slice(1)] = segments.slice(i).map(decode).join('/');
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    if (part.startsWith(':')) params[part.slice(1)] = decode(segment);
    else if (part !== segment) return undefined;
  }
  return segments.length === parts.length ? params : undefined;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  constructor(private readonly prefix: string) {}

  add(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, parts: pattern.split('/').filter((s) => s !== ''), handler });
    return this;
  }

  /** Answers a request, or `undefined` when no route matches. */
  async handle(req: HttpRequest): Promise<HttpResponse | undefined> {
    const path = req.path.slice(this.prefix.length);
    let allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchPath(route.parts, path);
      if (!params) continue;
      if (route.method !== req.method && !(route.method === 'GET' && req.method === 'HEAD')) {
        allowed.push(route.method);
        continue;
      }
      try {
        const out = await route.handler(context(req, params));
        return isResponse(out) ? out : jsonResponse(200, out, { 'cache-control': 'no-store' });
      } catch (err) {
        return errorResponse(err);
      }
    }
    allowed = [...new Set(allowed)];
    if (allowed.length > 0) return jsonResponse(405, { error: 'MethodNotAllowed', message: `Use ${allowed.join(' or ')}` }, { allow: allowed.join(', ') });
    return undefined;
  }
}

function context(req: HttpRequest, params: Record<string, string>): RouteContext {
  return {
    req,
    params,
    query: (name) => {
      for (const [k, v] of req.query) if (k === name) return v;
      return undefined;
    },
    json: <T>() => {
      try {
        return JSON.parse(req.body.toString('utf8')) as T;
      } catch (err) {
        throw new BadRequestError('the body is not JSON', { cause: err });
      }
    },
  };
}

export function errorResponse(err: unknown): HttpResponse {
  if (err instanceof ConsoleError) return jsonResponse(err.statusCode, { error: err.name, message: err.message });
  return jsonResponse(500, { error: 'InternalError', message: (err as Error).message ?? String(err) });
}
