/**
 * REST APIs as the templates define them: resources (a tree of path parts), methods
 * with their integration, request validators, models and stages; and request routing
 * over the resource tree as API Gateway does it (literal parts before `{param}`, before
 * `{proxy+}`; `ANY` when the method has no definition of its own). Pure.
 */

export interface Integration {
  readonly type: 'AWS_PROXY' | 'MOCK';
  /** AWS_PROXY: the Lambda function ARN from the integration URI. */
  readonly functionArn?: string;
  /** MOCK: request templates by content type (JSON with `statusCode`). */
  readonly requestTemplates?: Readonly<Record<string, string>>;
  readonly integrationResponses?: ReadonlyArray<{
    readonly statusCode: string;
    readonly selectionPattern?: string;
    readonly responseParameters?: Readonly<Record<string, string>>;
    readonly responseTemplates?: Readonly<Record<string, string>>;
  }>;
  readonly timeoutMs: number;
}

export interface Method {
  readonly id: string;
  readonly httpMethod: string;
  readonly integration: Integration;
  /** `method.request.querystring.crc_token` → required? */
  readonly requestParameters: Readonly<Record<string, boolean>>;
  /** Content type → model name. */
  readonly requestModels: Readonly<Record<string, string>>;
  readonly validatorId: string | undefined;
  readonly apiKeyRequired: boolean;
  readonly authorizationType: string;
}

export interface Resource {
  readonly id: string;
  readonly parentId: string | undefined;
  readonly pathPart: string;
  /** The full resource path, e.g. `/webhook/{source}`. */
  readonly path: string;
  readonly methods: Map<string, Method>;
}

export interface RestApi {
  readonly id: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly rootResourceId: string;
  readonly binaryMediaTypes: readonly string[];
  readonly resources: Map<string, Resource>;
  readonly validators: Map<string, { readonly name: string; readonly body: boolean; readonly parameters: boolean }>;
  readonly models: Map<string, { readonly contentType: string; readonly schema: Readonly<Record<string, unknown>> }>;
  readonly deployments: Map<string, { readonly description: string | undefined }>;
  readonly stages: Map<string, { readonly deploymentId: string; readonly variables: Readonly<Record<string, string>>; readonly accessLog?: { readonly destinationArn: string; readonly format: string } }>;
  readonly createdAt: number;
}

export interface RouteMatch {
  readonly resource: Resource;
  readonly method: Method | undefined;
  readonly pathParameters: Readonly<Record<string, string>>;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Finds the resource for a path (segments after the stage) and its method. */
export function route(api: RestApi, segments: readonly string[], httpMethod: string): RouteMatch | undefined {
  const children = new Map<string, Resource[]>();
  for (const r of api.resources.values()) {
    if (r.parentId === undefined) continue;
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  const root = api.resources.get(api.rootResourceId);
  if (!root) return undefined;
  const walk = (node: Resource, i: number, params: Record<string, string>): { resource: Resource; params: Record<string, string> } | undefined => {
    if (i === segments.length) return { resource: node, params };
    const kids = children.get(node.id) ?? [];
    const segment = segments[i]!;
    const literal = kids.find((k) => k.pathPart === segment);
    if (literal) {
      const found = walk(literal, i + 1, params);
      if (found) return found;
    }
    const param = kids.find((k) => /^\{[^+}]+\}$/.test(k.pathPart));
    if (param) {
      const found = walk(param, i + 1, { ...params, [param.pathPart.slice(1, -1)]: decode(segment) });
      if (found) return found;
    }
    const greedy = kids.find((k) => /^\{.+\+\}$/.test(k.pathPart));
    if (greedy) return { resource: greedy, params: { ...params, [greedy.pathPart.slice(1, -2)]: segments.slice(i).map(decode).join('/') } };
    return undefined;
  };
  const found = walk(root, 0, {});
  if (!found) return undefined;
  const method = found.resource.methods.get(httpMethod) ?? found.resource.methods.get('ANY');
  return { resource: found.resource, method, pathParameters: found.params };
}
