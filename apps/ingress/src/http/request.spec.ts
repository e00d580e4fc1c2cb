import { apiEvent } from '../__testing__/deliveries';
import { PayloadTooLargeError } from '../errors';
import { MAX_BODY_BYTES, lowerCaseHeaders, toIngressRequest } from './request';

describe('toIngressRequest', () => {
  it('lower-cases header names, taking multi-value headers when the single-value map lacks them', () => {
    expect(
      lowerCaseHeaders({
        headers: { 'X-Slack-Signature': 'v0=a', 'x-slack-signature': 'v0=b' },
        multiValueHeaders: { 'X-Slack-Request-Timestamp': ['1', '2'], 'X-SLACK-SIGNATURE': ['v0=c'] },
      }),
    ).toEqual({ 'x-slack-signature': 'v0=a', 'x-slack-request-timestamp': '1' });
  });

  it('decodes a base64 body to the exact bytes sent, including non-UTF-8 ones', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x00, 0x7d]);
    const request = toIngressRequest(apiEvent({ method: 'POST', resource: '/slack', body: bytes, base64: true }));
    expect(request.rawBody.equals(bytes)).toBe(true);
  });

  it('keeps a text body as its UTF-8 bytes', () => {
    const request = toIngressRequest(apiEvent({ method: 'post', resource: '/slack', body: '{"t":"é"}' }));
    expect(request.rawBody.toString('hex')).toBe(Buffer.from('{"t":"é"}', 'utf8').toString('hex'));
    expect(request.method).toBe('POST');
  });

  it('takes API Gateway’s receipt time, or the clock when absent', () => {
    const event = apiEvent({ method: 'GET', resource: '/twitter', requestTimeEpoch: 123 });
    expect(toIngressRequest(event).receivedAtMs).toBe(123);
    const { requestContext: _omitted, ...withoutContext } = event;
    expect(toIngressRequest(withoutContext as typeof event, () => 456).receivedAtMs).toBe(456);
  });

  it('treats a missing body as empty and keeps only defined query and path values', () => {
    const request = toIngressRequest(apiEvent({ method: 'GET', resource: '/twitter', query: { crc_token: 'abc' } }));
    expect(request.rawBody.length).toBe(0);
    expect(request.query).toEqual({ crc_token: 'abc' });
    expect(request.pathParameters).toEqual({});
  });

  it('refuses a body over 1 MiB with PayloadTooLargeError, and accepts exactly 1 MiB', () => {
    const at = (size: number) => apiEvent({ method: 'POST', resource: '/slack', body: 'x'.repeat(size) });
    expect(toIngressRequest(at(MAX_BODY_BYTES)).rawBody.length).toBe(MAX_BODY_BYTES);
    expect(() => toIngressRequest(at(MAX_BODY_BYTES + 1))).toThrow(PayloadTooLargeError);
  });
});
