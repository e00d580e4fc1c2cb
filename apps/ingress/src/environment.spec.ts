import { DEFAULT_IDEMPOTENCY_TTL_SECONDS, DEFAULT_SECRETS_MAX_AGE_SECONDS, INGRESS_ENV, ingressEnvironment } from './environment';
import { IngressConfigurationError } from './errors';

describe('ingressEnvironment', () => {
  it('needs the table name and defaults the rest', () => {
    expect(ingressEnvironment({ [INGRESS_ENV.idempotencyTable]: 't' })).toEqual({
      idempotencyTable: 't',
      idempotencyTtlSeconds: DEFAULT_IDEMPOTENCY_TTL_SECONDS,
      secretsMaxAgeSeconds: DEFAULT_SECRETS_MAX_AGE_SECONDS,
    });
    expect(() => ingressEnvironment({})).toThrow(IngressConfigurationError);
  });

  it('refuses a setting that is not a positive integer', () => {
    expect(() => ingressEnvironment({ [INGRESS_ENV.idempotencyTable]: 't', [INGRESS_ENV.secretsMaxAgeSeconds]: '-1' })).toThrow(
      /SECRETS_MAX_AGE_SECONDS must be a positive integer/,
    );
    expect(ingressEnvironment({ [INGRESS_ENV.idempotencyTable]: 't', [INGRESS_ENV.idempotencyTtlSeconds]: '60' }).idempotencyTtlSeconds).toBe(60);
  });
});
