import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogOf } from '../../core/catalog';
import { LocalCloud } from '../../core/runtime';
import { readAssembly, stackLoader } from '../../loader';
import { lambdaService } from '../lambda';
import { apigatewayService, type ApiGatewayApi } from './index';

let cloud: LocalCloud;
let base: string;

beforeAll(async () => {
  cloud = await LocalCloud.start(
    { workspaceRoot: mkdtempSync(join(tmpdir(), 'lc-apigw-')), port: 0, quiet: true },
    { catalog: catalogOf({ apigateway: apigatewayService, lambda: lambdaService }), loader: stackLoader(readAssembly(join(__dirname, '__fixtures__', 'api.out'))) },
  );
  const urls = (cloud.instance('apigateway')!.api as ApiGatewayApi).urls();
  expect(urls).toHaveLength(1);
  base = urls[0]!.url;
});
afterAll(() => cloud.stop());

/** A raw request (node:http, so repeated headers and header case go over the wire as written). */
function send(method: string, path: string, options: { headers?: Array<[string, string]>; body?: Buffer | string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const url = new URL(path, base);
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    // Raw header pairs keep repeats and case; with them Node adds neither Host nor framing.
    const headers = [['Host', url.host] as [string, string], ...(options.headers ?? []), ...(body ? [['Content-Length', String(body.length)] as [string, string]] : [])].flat();
    const req = request(url, { method, headers: headers as unknown as Record<string, string> }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Lambda proxy integration', () => {
  it('sends the exact proxy event: raw body, multi-value headers and query, path parameters, request context', async () => {
    const raw = '{"for_user_id":"42",  "tweet_create_events":[]}';
    const res = await send('POST', 'webhook/shop-reviews?a=1&a=2&b=x%20y', {
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Custom', 'one'],
        ['X-Custom', 'two'],
      ],
      body: raw,
    });
    expect(res.status).toBe(201);
    expect(res.headers['x-from']).toBe('lambda');
    const event = JSON.parse(res.body) as APIGatewayProxyEvent;
    expect(event).toMatchObject({
      resource: '/webhook/{source}',
      path: '/webhook/shop-reviews',
      httpMethod: 'POST',
      body: raw,
      isBase64Encoded: false,
      pathParameters: { source: 'shop-reviews' },
      queryStringParameters: { a: '2', b: 'x y' },
      multiValueQueryStringParameters: { a: ['1', '2'], b: ['x y'] },
      stageVariables: null,
      requestContext: { resourcePath: '/webhook/{source}', httpMethod: 'POST', path: '/v1/webhook/shop-reviews', stage: 'v1', accountId: '000000000000', protocol: 'HTTP/1.1' },
    });
    expect(event.headers['X-Custom']).toBe('two');
    expect(event.multiValueHeaders['X-Custom']).toEqual(['one', 'two']);
    expect(event.requestContext.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.identity.sourceIp).toBe('127.0.0.1');
  });

  it('base64-encodes bodies of the API’s binary media types', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0x00, 0x01, 0x80]);
    const res = await send('POST', 'upload', { headers: [['Content-Type', 'image/jpeg']], body: bytes });
    const event = JSON.parse(res.body) as APIGatewayProxyEvent;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(bytes);
  });

  it('answers 502 for a function error or a malformed answer, as API Gateway does', async () => {
    const thrown = await send('POST', 'upload', { headers: [['x-break', 'throw']], body: '{}' });
    expect(thrown.status).toBe(502);
    expect(JSON.parse(thrown.body)).toEqual({ message: 'Internal server error' });
    const malformed = await send('POST', 'upload', { headers: [['x-break', 'malformed']], body: '{}' });
    expect(malformed.status).toBe(502);
  });
});

describe('routing and validation per the API definition', () => {
  it('serves the MOCK 405 and 404 methods and answers Missing Authentication Token where nothing is defined', async () => {
    const put = await send('PUT', 'twitter');
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('GET, POST');
    expect(JSON.parse(put.body)).toEqual({ message: 'Method Not Allowed' });
    const nowhere = await send('GET', 'no/such/path');
    expect(nowhere.status).toBe(404);
    expect(JSON.parse(nowhere.body)).toEqual({ message: 'Not Found' });
    const rootGet = await send('GET', '');
    expect(rootGet.status).toBe(403);
    expect(rootGet.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });

  it('enforces required parameters and the body model before the function runs', async () => {
    const noToken = await send('GET', 'twitter');
    expect(noToken.status).toBe(400);
    expect(JSON.parse(noToken.body)).toEqual({ message: 'Missing required request parameters: [crc_token]' });
    const withToken = await send('GET', 'twitter?crc_token=abc');
    expect(withToken.status).toBe(201);
    for (const body of ['not json', '[1,2]', '"text"']) {
      const bad = await send('POST', 'twitter', { headers: [['Content-Type', 'application/json']], body });
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body)).toEqual({ message: 'Invalid request body' });
    }
    const good = await send('POST', 'twitter', { headers: [['Content-Type', 'application/json']], body: '{"ok":true}' });
    expect(good.status).toBe(201);
  });

  it('lists the API through the management API', async () => {
    const client = new APIGatewayClient({ region: 'eu-west-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const out = await client.send(new GetRestApisCommand({}));
    expect(out.items?.map((a) => a.name)).toEqual(['demo']);
  });
});
