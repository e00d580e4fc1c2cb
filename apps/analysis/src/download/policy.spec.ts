import { AddressNotAllowedError, ConfigurationError, HostNotAllowedError, InvalidImageUrlError, NotHttpsError } from '../errors';
import { checkAddress, checkImageUrl, checkRedirect, DEFAULT_MAX_IMAGE_BYTES, policyFromEnvironment } from './policy';

describe('policyFromEnvironment', () => {
  it('defaults to the X media hosts on 443, 15 MB, four images, a 20 s deadline and no loopback', () => {
    const policy = policyFromEnvironment({});
    expect([...policy.allowedOrigins]).toEqual(['pbs.twimg.com:443', 'ton.twimg.com:443']);
    expect(policy.loopbackOrigins.size).toBe(0);
    expect(policy).toMatchObject({ maxBytes: DEFAULT_MAX_IMAGE_BYTES, maxImages: 4, maxRedirects: 3, timeoutMs: 20_000 });
  });

  it('reads hosts with optional ports, case-insensitively', () => {
    const policy = policyFromEnvironment({ IMAGE_HOSTS: ' Media.Example.com , cdn.example.com:8443,,' });
    expect([...policy.allowedOrigins]).toEqual(['media.example.com:443', 'cdn.example.com:8443']);
  });

  it.each(['https://pbs.twimg.com', 'pbs.twimg.com/media', '*.twimg.com', 'pbs.twimg.com:0', 'pbs.twimg.com:70000', 'bad_host.com'])(
    'refuses the malformed entry %s',
    (entry) => {
      expect(() => policyFromEnvironment({ IMAGE_HOSTS: entry })).toThrow(ConfigurationError);
    },
  );

  it('requires every loopback opt-in to name a port and an allow-listed origin', () => {
    expect(() => policyFromEnvironment({ IMAGE_HOSTS: 'media.test', ALLOW_LOOPBACK_HOSTS: 'media.test' })).toThrow(/explicit :port/);
    expect(() => policyFromEnvironment({ IMAGE_HOSTS: 'media.test:9443', ALLOW_LOOPBACK_HOSTS: 'other.test:9443' })).toThrow(
      /not on IMAGE_HOSTS/,
    );
  });

  it('refuses a non-numeric limit', () => {
    expect(() => policyFromEnvironment({ MAX_IMAGE_BYTES: '15MB' })).toThrow(/MAX_IMAGE_BYTES/);
  });
});

describe('checkImageUrl', () => {
  const policy = policyFromEnvironment({});

  it('accepts an https URL on an allowed host', () => {
    expect(checkImageUrl('https://pbs.twimg.com/media/FdJdXzWXkAEvKzM.jpg?name=large', policy).pathname).toBe('/media/FdJdXzWXkAEvKzM.jpg');
    expect(checkImageUrl('https://PBS.twimg.com:443/a.jpg', policy).hostname).toBe('pbs.twimg.com');
  });

  it.each([
    ['http://pbs.twimg.com/a.jpg', NotHttpsError],
    ['ftp://pbs.twimg.com/a.jpg', NotHttpsError],
    ['file:///etc/passwd', NotHttpsError],
    ['https://pbs.twimg.com.evil.com/a.jpg', HostNotAllowedError],
    ['https://evil.com/pbs.twimg.com/a.jpg', HostNotAllowedError],
    ['https://pbs.twimg.com:8443/a.jpg', HostNotAllowedError],
    ['https://169.254.169.254/latest/meta-data', HostNotAllowedError],
    ['https://user:secret@pbs.twimg.com/a.jpg', InvalidImageUrlError],
    ['not a url', InvalidImageUrlError],
  ])('refuses %s', (url, error) => {
    expect(() => checkImageUrl(url, policy)).toThrow(error);
  });
});

describe('checkRedirect', () => {
  const from = new URL('https://pbs.twimg.com/media/a.jpg');

  it('resolves a relative Location against the current URL', () => {
    expect(checkRedirect(from.href, from, '/media/b.jpg?x=1').href).toBe('https://pbs.twimg.com/media/b.jpg?x=1');
  });

  it.each(['https://ton.twimg.com/a.jpg', 'https://pbs.twimg.com:8443/a.jpg', 'http://pbs.twimg.com/a.jpg', '//evil.com/a.jpg'])(
    'refuses a redirect to %s',
    (location) => {
      expect(() => checkRedirect(from.href, from, location)).toThrow(/Refused the redirect/);
    },
  );
});

describe('the loopback opt-in', () => {
  const policy = policyFromEnvironment({
    IMAGE_HOSTS: 'media.test:9443,media.test:9444,other.test:9443',
    ALLOW_LOOPBACK_HOSTS: 'media.test:9443',
  });
  const check = (url: string, address: string) => () => checkAddress(url, new URL(url), address, policy);

  it('lets exactly the listed origin resolve to loopback', () => {
    expect(check('https://media.test:9443/a.jpg', '127.0.0.1')).not.toThrow();
    expect(check('https://media.test:9443/a.jpg', '127.8.9.10')).not.toThrow();
    expect(check('https://media.test:9443/a.jpg', '::1')).not.toThrow();
  });

  it('does not extend to the same host on another port, nor to another host', () => {
    expect(check('https://media.test:9444/a.jpg', '127.0.0.1')).toThrow(AddressNotAllowedError);
    expect(check('https://other.test:9443/a.jpg', '127.0.0.1')).toThrow(AddressNotAllowedError);
  });

  it('relaxes nothing but loopback, even for the listed origin', () => {
    for (const address of ['10.0.0.1', '192.168.0.1', '169.254.169.254', '100.64.0.1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(check('https://media.test:9443/a.jpg', address)).toThrow(AddressNotAllowedError);
    }
  });

  it('is off when the variable is unset, as in every deployed stack', () => {
    const deployed = policyFromEnvironment({ IMAGE_HOSTS: 'media.test:9443' });
    expect(() => checkAddress('https://media.test:9443/a', new URL('https://media.test:9443/a'), '127.0.0.1', deployed)).toThrow(
      AddressNotAllowedError,
    );
  });
});
