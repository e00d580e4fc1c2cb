import type { ApiGatewayApi } from '../../services/apigateway';
import { checkCompose, routeUrlOf } from './compose';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');

describe('compose', () => {
  it('accepts a mention with an optional PNG or JPEG', () => {
    expect(checkCompose({ text: 'hello' })).toEqual({ text: 'hello', author: 'local_tester' });
    expect(checkCompose({ text: 'hi', author: 'harry11', image: { name: 'p.png', contentType: 'image/png', base64: png } }).image?.bytes.length).toBe(4);
  });

  it('refuses what X or Rekognition would refuse', () => {
    expect(() => checkCompose({ text: '  ' })).toThrow(/text is required/);
    expect(() => checkCompose({ text: 'x'.repeat(281) })).toThrow(/280/);
    expect(() => checkCompose({ text: 'hi', author: 'not a handle' })).toThrow(/handle/);
    expect(() => checkCompose({ text: 'hi', image: { name: 'a.gif', contentType: 'image/gif', base64: png } })).toThrow(/PNG or JPEG/);
    expect(() => checkCompose({ text: 'hi', image: { name: 'a.png', contentType: 'image/png', base64: '' } })).toThrow(/empty/);
    expect(() => checkCompose({ text: 'hi', image: { name: 'a.png', contentType: 'image/png', base64: Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64') } })).toThrow(/5 MB/);
  });

  it('finds the stage URL of the API that serves /twitter', () => {
    const apigw = {
      apis: new Map([
        ['a', { resources: new Map([['1', { path: '/other' }]]) }],
        ['b', { resources: new Map([['2', { path: '/' }], ['3', { path: '/twitter' }]]) }],
      ]),
      urls: () => [
        { apiId: 'a', name: 'A', stage: 'v1', url: 'http://x/_api/a/v1/' },
        { apiId: 'b', name: 'B', stage: 'v1', url: 'http://x/_api/b/v1/' },
      ],
    } as unknown as ApiGatewayApi;
    expect(routeUrlOf(apigw, '/twitter')).toBe('http://x/_api/b/v1/twitter');
    expect(() => routeUrlOf(apigw, '/slack')).toThrow(/ingress stack/);
    expect(() => routeUrlOf(undefined, '/twitter')).toThrow(/no REST API/);
  });
});
