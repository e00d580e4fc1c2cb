/**
 * Routing of REST protocols (restJson1, restXml): each operation's `http` trait
 * (`POST /2015-03-31/functions/{FunctionName}/invocations`) becomes a matcher.
 * Labels match one segment, greedy labels (`{Key+}`) the rest of the path; literal
 * query parts (`?uploads`, `?list-type=2`) must be present. When several operations
 * match, the most specific wins (required query literals, then literal characters).
 */
import type { HttpRequest } from '../http/types';
import type { OperationInfo } from './sdk-api';

interface Route {
  readonly op: string;
  readonly method: string;
  readonly regex: RegExp;
  readonly labels: readonly string[];
  /** Query literals that must be present (value `undefined`: name only). */
  readonly requiredQuery: ReadonlyArray<readonly [string, string | undefined]>;
  /** `x-id=<Operation>` literals: the SDK sends them, the AWS CLI does not, so they only break ties. */
  readonly optionalQuery: ReadonlyArray<readonly [string, string]>;
  readonly specificity: number;
}

export interface RouteMatch {
  readonly op: string;
  /** Label values, percent-decoded. */
  readonly labels: Readonly<Record<string, string>>;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(op: OperationInfo): Route | undefined {
  if (!op.http) return undefined;
  const [method, uri] = op.http;
  const q = uri.indexOf('?');
  const pathPart = q === -1 ? uri : uri.slice(0, q);
  const queryPart = q === -1 ? '' : uri.slice(q + 1);
  const labels: string[] = [];
  let literalChars = 0;
  let pattern = '';
  // Split on labels, keep literal text escaped.
  const re = /\{([^}]+)\}/g;
  let last = 0;
  for (let m = re.exec(pathPart); m; m = re.exec(pathPart)) {
    const literal = pathPart.slice(last, m.index);
    pattern += escapeRegex(literal);
    literalChars += literal.length;
    const name = m[1]!;
    if (name.endsWith('+')) {
      labels.push(name.slice(0, -1));
      pattern += '(.+)';
    } else {
      labels.push(name);
      pattern += '([^/]+)';
    }
    last = m.index + m[0].length;
  }
  const tail = pathPart.slice(last);
  pattern += escapeRegex(tail);
  literalChars += tail.length;
  const requiredQuery: Array<[string, string | undefined]> = [];
  const optionalQuery: Array<[string, string]> = [];
  for (const part of queryPart.split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? undefined : part.slice(eq + 1);
    if (name === 'x-id' && value !== undefined) optionalQuery.push([name, value]);
    else requiredQuery.push([name, value]);
  }
  // A trailing slash is tolerated where the pattern has none (the CLI and the SDK differ here).
  const regex = new RegExp(`^${pattern.endsWith('/') ? pattern : `${pattern}/?`}$`);
  return {
    op: op.name,
    method,
    regex,
    labels,
    requiredQuery,
    optionalQuery,
    specificity: requiredQuery.length * 10_000 + literalChars * 10 - labels.length,
  };
}

/** A router over every operation of an API that has an `http` trait. */
export class RestRouter {
  private readonly routes: Route[];

  constructor(ops: Iterable<OperationInfo>) {
    this.routes = [...ops].map(compile).filter((r): r is Route => r !== undefined);
    this.routes.sort((a, b) => b.specificity - a.specificity);
  }

  match(req: Pick<HttpRequest, 'method' | 'path' | 'query' | 'operation'>): RouteMatch | undefined {
    const method = req.method.toUpperCase();
    if (req.operation !== undefined) {
      const named = this.routes.find((r) => r.op === req.operation);
      const m = named && named.method === method ? named.regex.exec(req.path) : null;
      if (named && m && named.requiredQuery.every(([name, value]) => req.query.some(([k, v]) => k === name && (value === undefined || v === value)))) {
        const labels: Record<string, string> = {};
        named.labels.forEach((name, i) => {
          labels[name] = decodeLabel(m[i + 1]!);
        });
        return { op: named.op, labels };
      }
    }
    let best: { route: Route; labels: Record<string, string>; bonus: number } | undefined;
    for (const route of this.routes) {
      if (route.method !== method) continue;
      if (best && route.specificity < best.route.specificity) break;
      const m = route.regex.exec(req.path);
      if (!m) continue;
      const ok = route.requiredQuery.every(([name, value]) =>
        req.query.some(([k, v]) => k === name && (value === undefined || v === value)),
      );
      if (!ok) continue;
      const bonus = route.optionalQuery.filter(([name, value]) => req.query.some(([k, v]) => k === name && v === value)).length;
      if (best && bonus <= best.bonus) continue;
      const labels: Record<string, string> = {};
      route.labels.forEach((name, i) => {
        labels[name] = decodeLabel(m[i + 1]!);
      });
      best = { route, labels, bonus };
    }
    return best ? { op: best.route.op, labels: best.labels } : undefined;
  }
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
