/**
 * API Gateway REST APIs from the templates, served at
 * `<endpoint>/_api/<restApiId>/<stage>/<path>`: routing over the resource tree,
 * request validators (required parameters, JSON Schema models), Lambda proxy and MOCK
 * integrations, API Gateway's own error answers, access logs to the stage's log group.
 */
import type { GetResourcesRequest, GetRestApiRequest, GetRestApisRequest, GetStagesRequest, Resources, RestApi as SdkRestApi, RestApis, Stages } from '@aws-sdk/client-api-gateway';
import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { randomUUID } from 'node:crypto';
import type { Cloud } from '../../core/cloud';
import { AwsError, TemplateError } from '../../core/errors';
import { jsonResponse, type HttpRequest, type HttpResponse } from '../../core/http/types';
import { stableHash } from '../../core/ids';
import { defineService, type ResolvedResource } from '../../core/service';
import { unsupportedKeywords, validate } from './json-schema';
import { route, type Integration, type Method, type RestApi, type RouteMatch } from './model';
import { proxyEvent, proxyResponse, requestTime } from './proxy-event';

/** Where the APIs are served on the endpoint. */
export const API_PREFIX = '/_api/';

/** The API Gateway service's `api`. */
export interface ApiGatewayApi {
  readonly apis: ReadonlyMap<string, RestApi>;
  /** The invoke URL of every stage of every API. */
  urls(): Array<{ readonly apiId: string; readonly name: string; readonly stage: string; readonly url: string }>;
}

const id10 = (...parts: string[]) => {
  const h = stableHash(parts, 20);
  return BigInt(`0x${h}`).toString(36).padStart(10, '0').slice(-10);
};

const gatewayError = (statusCode: number, type: string, message: string, requestId: string): HttpResponse =>
  jsonResponse(statusCode, { message }, { 'x-amzn-errortype': type, 'x-amzn-requestid': requestId, 'x-amz-apigw-id': requestId.slice(0, 16) });

/** A MOCK template must be a static JSON document with `statusCode` (VTL is not run locally). */
function mockStatus(template: string | undefined): number {
  if (template === undefined) return 200;
  const parsed = JSON.parse(template) as { statusCode?: unknown };
  return typeof parsed.statusCode === 'number' ? parsed.statusCode : 200;
}

const isStatic = (template: string) => !/[$#]/.test(template);

export const apigatewayService = defineService({
  name: 'apigateway',
  signingName: 'apigateway',
  protocol: 'restJson1',
  sdk: () => require('@aws-sdk/client-api-gateway'),
  resourceTypes: [
    'AWS::ApiGateway::RestApi',
    'AWS::ApiGateway::Resource',
    'AWS::ApiGateway::Method',
    'AWS::ApiGateway::RequestValidator',
    'AWS::ApiGateway::Model',
    'AWS::ApiGateway::Deployment',
    'AWS::ApiGateway::Stage',
  ],
  create: (cloud: Cloud) => {
    const apis = new Map<string, RestApi>();
    const log = cloud.log.child('apigateway');

    const apiOf = (r: ResolvedResource): RestApi => {
      const api = apis.get(String(r.properties['RestApiId'] ?? ''));
      if (!api) throw new TemplateError(r.stack, r.logicalId, `RestApiId ${String(r.properties['RestApiId'])} is not a REST API of a loaded stack`);
      return api;
    };

    const integrationOf = (r: ResolvedResource, raw: Record<string, unknown>): Integration => {
      const type = raw['Type'];
      const timeoutMs = Number(raw['TimeoutInMillis'] ?? 29_000);
      if (type === 'AWS_PROXY') {
        const uri = String(raw['Uri'] ?? '');
        const m = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/.exec(uri);
        if (!m) throw new TemplateError(r.stack, r.logicalId, `AWS_PROXY integration URI ${uri} is not a Lambda function (the local cloud proxies to Lambda only)`);
        return { type, functionArn: m[1]!, timeoutMs };
      }
      if (type === 'MOCK') {
        const requestTemplates = (raw['RequestTemplates'] ?? {}) as Record<string, string>;
        const integrationResponses = ((raw['IntegrationResponses'] ?? []) as Array<Record<string, unknown>>).map((ir) => ({
          statusCode: String(ir['StatusCode']),
          ...(ir['SelectionPattern'] !== undefined ? { selectionPattern: String(ir['SelectionPattern']) } : {}),
          responseParameters: (ir['ResponseParameters'] ?? {}) as Record<string, string>,
          responseTemplates: (ir['ResponseTemplates'] ?? {}) as Record<string, string>,
        }));
        for (const t of [...Object.values(requestTemplates), ...integrationResponses.flatMap((ir) => Object.values(ir.responseTemplates))]) {
          if (!isStatic(t)) throw new TemplateError(r.stack, r.logicalId, `MOCK template ${JSON.stringify(t)} uses VTL, which the local cloud does not run (static templates only)`);
        }
        for (const ir of integrationResponses) {
          for (const [k, v] of Object.entries(ir.responseParameters)) {
            if (!/^'.*'$/.test(v)) throw new TemplateError(r.stack, r.logicalId, `response parameter ${k} maps ${v}; only static values ('…') are supported locally`);
          }
        }
        return { type, requestTemplates, integrationResponses, timeoutMs };
      }
      throw new TemplateError(r.stack, r.logicalId, `integration type ${String(type)} is not supported locally (AWS_PROXY to Lambda and MOCK are)`);
    };

    const provision: Record<string, (r: ResolvedResource) => { ref: string; attributes?: Record<string, unknown>; arn?: string }> = {
      'AWS::ApiGateway::RestApi': (r) => {
        const p = r.properties;
        if (p['Body'] !== undefined || p['BodyS3Location'] !== undefined) throw new TemplateError(r.stack, r.logicalId, 'OpenAPI bodies are not supported locally; define resources and methods');
        const id = id10(r.stack, r.logicalId);
        const rootResourceId = id10(r.stack, r.logicalId, 'root');
        apis.set(id, {
          id,
          name: String(p['Name'] ?? r.logicalId),
          description: p['Description'] as string | undefined,
          rootResourceId,
          binaryMediaTypes: ((p['BinaryMediaTypes'] ?? []) as string[]).map((t) => t.replace('~1', '/')),
          resources: new Map([[rootResourceId, { id: rootResourceId, parentId: undefined, pathPart: '', path: '/', methods: new Map() }]]),
          validators: new Map(),
          models: new Map(),
          deployments: new Map(),
          stages: new Map(),
          createdAt: Date.now(),
        });
        const arn = `arn:${cloud.config.partition}:apigateway:${cloud.config.region}::/restapis/${id}`;
        return { ref: id, attributes: { RootResourceId: rootResourceId, RestApiId: id }, arn };
      },
      'AWS::ApiGateway::Resource': (r) => {
        const api = apiOf(r);
        const parent = api.resources.get(String(r.properties['ParentId']));
        if (!parent) throw new TemplateError(r.stack, r.logicalId, `ParentId ${String(r.properties['ParentId'])} is not a resource of API ${api.id}`);
        const pathPart = String(r.properties['PathPart']);
        const id = id10(r.stack, r.logicalId);
        api.resources.set(id, { id, parentId: parent.id, pathPart, path: `${parent.path === '/' ? '' : parent.path}/${pathPart}`, methods: new Map() });
        return { ref: id, attributes: { ResourceId: id } };
      },
      'AWS::ApiGateway::Method': (r) => {
        const api = apiOf(r);
        const p = r.properties;
        const resource = api.resources.get(String(p['ResourceId']));
        if (!resource) throw new TemplateError(r.stack, r.logicalId, `ResourceId ${String(p['ResourceId'])} is not a resource of API ${api.id}`);
        const authorizationType = String(p['AuthorizationType'] ?? 'NONE');
        if (authorizationType !== 'NONE') throw new TemplateError(r.stack, r.logicalId, `AuthorizationType ${authorizationType} is not supported locally`);
        const id = id10(r.stack, r.logicalId);
        const method: Method = {
          id,
          httpMethod: String(p['HttpMethod']).toUpperCase(),
          integration: integrationOf(r, (p['Integration'] ?? {}) as Record<string, unknown>),
          requestParameters: (p['RequestParameters'] ?? {}) as Record<string, boolean>,
          requestModels: (p['RequestModels'] ?? {}) as Record<string, string>,
          validatorId: p['RequestValidatorId'] as string | undefined,
          apiKeyRequired: p['ApiKeyRequired'] === true,
          authorizationType,
        };
        resource.methods.set(method.httpMethod, method);
        return { ref: id };
      },
      'AWS::ApiGateway::RequestValidator': (r) => {
        const api = apiOf(r);
        const id = id10(r.stack, r.logicalId);
        api.validators.set(id, { name: String(r.properties['Name'] ?? id), body: r.properties['ValidateRequestBody'] === true, parameters: r.properties['ValidateRequestParameters'] === true });
        return { ref: id, attributes: { RequestValidatorId: id } };
      },
      'AWS::ApiGateway::Model': (r) => {
        const api = apiOf(r);
        const name = String(r.properties['Name'] ?? r.physicalName({ maxLength: 64, separator: '' }).replace(/[^A-Za-z0-9]/g, ''));
        const raw = r.properties['Schema'];
        const schema = (typeof raw === 'string' ? JSON.parse(raw) : (raw ?? {})) as Record<string, unknown>;
        const unknown = unsupportedKeywords(schema);
        if (unknown.length > 0) throw new TemplateError(r.stack, r.logicalId, `model ${name} uses JSON Schema keywords the local validator does not check: ${unknown.join(', ')}`);
        api.models.set(name, { contentType: String(r.properties['ContentType'] ?? 'application/json'), schema });
        return { ref: name };
      },
      'AWS::ApiGateway::Deployment': (r) => {
        const api = apiOf(r);
        const id = id10(r.stack, r.logicalId);
        api.deployments.set(id, { description: r.properties['Description'] as string | undefined });
        if (typeof r.properties['StageName'] === 'string') api.stages.set(r.properties['StageName'], { deploymentId: id, variables: {} });
        return { ref: id, attributes: { DeploymentId: id } };
      },
      'AWS::ApiGateway::Stage': (r) => {
        const api = apiOf(r);
        const p = r.properties;
        const name = String(p['StageName']);
        const access = p['AccessLogSetting'] as { DestinationArn?: string; Format?: string } | undefined;
        api.stages.set(name, {
          deploymentId: String(p['DeploymentId'] ?? ''),
          variables: (p['Variables'] ?? {}) as Record<string, string>,
          ...(access?.DestinationArn && access.Format ? { accessLog: { destinationArn: access.DestinationArn, format: access.Format } } : {}),
        });
        return { ref: name };
      },
    };

    const accessLog = async (api: RestApi, stage: string, vars: Record<string, string>) => {
      const setting = api.stages.get(stage)?.accessLog;
      if (!setting) return;
      const group = setting.destinationArn.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');
      const line = setting.format.replace(/\$context\.([A-Za-z0-9_.]+)/g, (_, name: string) => vars[name] ?? '-');
      const stream = `${api.id}/${stage}`;
      try {
        await cloud.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: Date.now(), message: line }] }));
      } catch (err) {
        if ((err as Error).name !== 'ResourceNotFoundException') return;
        await cloud.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream })).catch(() => undefined);
        await cloud.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ timestamp: Date.now(), message: line }] })).catch(() => undefined);
      }
    };

    /** The request validator's verdict, or undefined when the request passes. */
    const validateRequest = (api: RestApi, method: Method, req: HttpRequest): { message: string; detail: string } | undefined => {
      const validator = method.validatorId ? api.validators.get(method.validatorId) : undefined;
      if (!validator) return undefined;
      if (validator.parameters) {
        const missing: string[] = [];
        for (const [param, required] of Object.entries(method.requestParameters)) {
          if (!required) continue;
          const m = /^method\.request\.(querystring|header|path)\.(.+)$/.exec(param);
          if (!m) continue;
          const [, where, name] = m;
          const present =
            where === 'querystring' ? req.query.some(([k]) => k === name) : where === 'header' ? req.headers[name!.toLowerCase()] !== undefined : true;
          if (!present) missing.push(name!);
        }
        if (missing.length > 0) return { message: `Missing required request parameters: [${missing.join(', ')}]`, detail: `Missing required request parameters: [${missing.join(', ')}]` };
      }
      if (validator.body) {
        const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
        const modelName = method.requestModels[contentType] ?? method.requestModels['$default'];
        const model = modelName ? api.models.get(modelName) : undefined;
        if (model) {
          let body: unknown;
          try {
            body = req.body.length === 0 ? null : JSON.parse(req.body.toString('utf8'));
          } catch {
            return { message: 'Invalid request body', detail: 'Invalid request body: not JSON' };
          }
          const problems = validate(model.schema, body);
          if (problems.length > 0) return { message: 'Invalid request body', detail: `[${problems.join(', ')}]` };
        }
      }
      return undefined;
    };

    const mock = (integration: Integration, req: HttpRequest, requestId: string): HttpResponse => {
      const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
      const templates = integration.requestTemplates ?? {};
      const status = String(mockStatus(templates[contentType] ?? templates['application/json']));
      const responses = integration.integrationResponses ?? [];
      const chosen =
        responses.find((ir) => ir.selectionPattern !== undefined && new RegExp(`^${ir.selectionPattern}$`).test(status)) ??
        responses.find((ir) => ir.selectionPattern === undefined || ir.selectionPattern === '');
      if (!chosen) return gatewayError(500, 'InternalServerErrorException', 'Internal server error', requestId);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
      for (const [k, v] of Object.entries(chosen.responseParameters ?? {})) {
        const h = /^method\.response\.header\.(.+)$/.exec(k);
        if (h) headers[h[1]!.toLowerCase()] = v.slice(1, -1);
      }
      const body = chosen.responseTemplates?.['application/json'] ?? '';
      return { statusCode: Number(chosen.statusCode), headers, body };
    };

    const proxy = async (api: RestApi, stage: string, match: RouteMatch, integration: Integration, req: HttpRequest, path: string, requestId: string) => {
      const now = new Date();
      const event = proxyEvent(req, {
        api,
        stage,
        match,
        path,
        requestId,
        extendedRequestId: `${requestId.slice(0, 8)}=`,
        accountId: cloud.config.accountId,
        region: cloud.config.region,
        now,
        sourceIp: req.remoteAddress ?? '127.0.0.1',
      });
      const invocation = cloud.send(new InvokeCommand({ FunctionName: integration.functionArn, Payload: Buffer.from(JSON.stringify(event)) }));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), integration.timeoutMs);
      });
      try {
        const out = await Promise.race([invocation, timeout]);
        if (out === 'timeout') return { response: gatewayError(504, 'InternalServerErrorException', 'Endpoint request timed out', requestId), error: 'Endpoint request timed out' };
        if (out.FunctionError) return { response: gatewayError(502, 'InternalServerErrorException', 'Internal server error', requestId), error: `Lambda function error: ${Buffer.from(out.Payload ?? []).toString().slice(0, 300)}` };
        let payload: unknown;
        try {
          payload = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8'));
        } catch {
          payload = undefined;
        }
        const response = proxyResponse(payload);
        if (!response) return { response: gatewayError(502, 'InternalServerErrorException', 'Internal server error', requestId), error: 'Malformed Lambda proxy response' };
        return { response: { ...response, headers: { ...response.headers, 'x-amzn-requestid': requestId, 'x-amz-apigw-id': requestId.slice(0, 16) } } };
      } catch (err) {
        const throttled = (err as Error).name === 'TooManyRequestsException';
        return {
          response: throttled ? gatewayError(429, 'TooManyRequestsException', 'Too Many Requests', requestId) : gatewayError(500, 'InternalServerErrorException', 'Internal server error', requestId),
          error: (err as Error).message,
        };
      } finally {
        clearTimeout(timer);
      }
    };

    const serve = async (req: HttpRequest): Promise<HttpResponse> => {
      const started = performance.now();
      const requestId = randomUUID();
      const [apiId, stage, ...rest] = req.path.slice(API_PREFIX.length).split('/');
      const api = apis.get(apiId ?? '');
      if (!api) return gatewayError(404, 'NotFoundException', `No REST API ${apiId} in the local cloud`, requestId);
      if (!stage || !api.stages.has(stage)) return gatewayError(403, 'ForbiddenException', 'Forbidden', requestId);
      const segments = rest.filter((s) => s !== '');
      const path = `/${segments.join('/')}`;
      const match = route(api, segments, req.method);
      let response: HttpResponse;
      let error: string | undefined;
      let validationError = '';
      if (!match?.method) {
        response = gatewayError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token', requestId);
      } else {
        const invalid = validateRequest(api, match.method, req);
        if (invalid) {
          validationError = invalid.detail;
          response = gatewayError(400, 'BadRequestException', invalid.message, requestId);
        } else if (match.method.integration.type === 'MOCK') {
          response = mock(match.method.integration, req, requestId);
        } else {
          ({ response, error } = await proxy(api, stage, match, match.method.integration, req, path, requestId));
        }
      }
      const ms = performance.now() - started;
      const length = response.body === undefined ? 0 : Buffer.byteLength(response.body as string | Buffer);
      cloud.activity.record('apigateway', 'request', `${api.name} ${req.method} /${stage}${path} → ${response.statusCode}`, {
        apiId: api.id,
        stage,
        method: req.method,
        path,
        resource: match?.resource.path,
        status: response.statusCode,
        ms: Math.round(ms * 100) / 100,
        ...(error ? { error } : {}),
      });
      if (error) log.warn(`${req.method} /${stage}${path}: ${error}`);
      void accessLog(api, stage, {
        requestId,
        extendedRequestId: `${requestId.slice(0, 8)}=`,
        'identity.sourceIp': req.remoteAddress ?? '127.0.0.1',
        requestTime: requestTime(new Date()),
        requestTimeEpoch: String(Date.now()),
        httpMethod: req.method,
        resourcePath: match?.resource.path ?? '-',
        path: `/${stage}${path}`,
        stage,
        apiId: api.id,
        protocol: 'HTTP/1.1',
        status: String(response.statusCode),
        responseLength: String(length),
        integrationLatency: String(Math.round(ms)),
        'error.message': error ?? (response.statusCode >= 400 ? String(JSON.parse(String(response.body ?? '{}')).message ?? '-') : '-'),
        'error.validationErrorString': validationError || '-',
      });
      return response;
    };

    const urls = () =>
      [...apis.values()].flatMap((api) =>
        [...api.stages.keys()].map((stage) => ({ apiId: api.id, name: api.name, stage, url: `${cloud.endpoint}${API_PREFIX}${api.id}/${stage}/` })),
      );

    const restApiView = (api: RestApi): SdkRestApi => ({
      id: api.id,
      name: api.name,
      ...(api.description ? { description: api.description } : {}),
      createdDate: new Date(api.createdAt),
      rootResourceId: api.rootResourceId,
      binaryMediaTypes: [...api.binaryMediaTypes],
      endpointConfiguration: { types: ['REGIONAL'] },
    });

    const requireApi = (id: string | undefined) => {
      const api = apis.get(id ?? '');
      if (!api) throw new AwsError('NotFoundException', `Invalid API identifier specified ${cloud.config.accountId}:${id}`, { statusCode: 404 });
      return api;
    };

    const api: ApiGatewayApi = { apis, urls };

    return {
      api,
      resources: provision as never,
      routes: { [API_PREFIX.slice(0, -1)]: serve },
      async start() {
        for (const a of apis.values()) {
          if (a.stages.size === 0) log.warn(`REST API ${a.name} (${a.id}) has no stage: it is not served`);
          for (const resource of a.resources.values()) {
            for (const method of resource.methods.values()) {
              if (method.integration.functionArn && !cloud.resources.byArn(method.integration.functionArn)) {
                log.warn(`${a.name} ${method.httpMethod} ${resource.path}: ${method.integration.functionArn} is not a function of any loaded stack`);
              }
            }
          }
        }
      },
      operations: {
        GetRestApis: (_input: GetRestApisRequest): RestApis => ({ items: [...apis.values()].map(restApiView) }),
        GetRestApi: (input: GetRestApiRequest): SdkRestApi => restApiView(requireApi(input.restApiId)),
        GetResources: (input: GetResourcesRequest): Resources => ({
          items: [...requireApi(input.restApiId).resources.values()].map((r) => ({
            id: r.id,
            ...(r.parentId ? { parentId: r.parentId } : {}),
            ...(r.pathPart ? { pathPart: r.pathPart } : {}),
            path: r.path,
            resourceMethods: Object.fromEntries([...r.methods.values()].map((m) => [m.httpMethod, { httpMethod: m.httpMethod, authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired }])),
          })),
        }),
        GetStages: (input: GetStagesRequest): Stages => ({
          item: [...requireApi(input.restApiId).stages].map(([name, s]) => ({ stageName: name, deploymentId: s.deploymentId, variables: { ...s.variables } })),
        }),
      },
    };
  },
});
