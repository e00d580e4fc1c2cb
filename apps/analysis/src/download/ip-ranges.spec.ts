import fc from 'fast-check';
import { classifyAddress } from './ip-ranges';

describe('classifyAddress', () => {
  it.each([
    '93.184.216.34',
    '151.101.0.0',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '2a03:2880:f10c:83:face:b00c:0:25de',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toEqual({ public: true });
  });

  it.each([
    ['0.1.2.3', '"this network"'],
    ['10.255.255.255', 'private'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'IETF protocol assignment'],
    ['192.0.2.1', 'documentation'],
    ['192.168.0.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped IPv6'],
    ['::ffff:a00:1', 'IPv4-mapped IPv6'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 (embeds an IPv4 address)'],
    ['fc00::1', 'IPv6 unique-local'],
    ['fdff:ffff::1', 'IPv6 unique-local'],
    ['fe80::1%eth0', 'IPv6 link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'IETF protocol assignment (Teredo, benchmarking)'],
    ['2002:a9fe:a9fe::1', '6to4 (embeds an IPv4 address)'],
    ['100::1', 'reserved IPv6'],
    ['not-an-ip', 'invalid'],
  ])('%s is not public (%s)', (address, range) => {
    expect(classifyAddress(address)).toMatchObject({ public: false, range });
  });

  it('marks loopback (and only loopback) as such', () => {
    expect(classifyAddress('127.1.2.3')).toMatchObject({ loopback: true });
    expect(classifyAddress('::1')).toMatchObject({ loopback: true });
    expect(classifyAddress('::ffff:127.0.0.1')).toMatchObject({ loopback: false });
    expect(classifyAddress('10.0.0.1')).toMatchObject({ loopback: false });
  });

  it('treats every private IPv4 address the same in its IPv4-mapped IPv6 form: refused', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        expect(classifyAddress(`::ffff:${v4}`).public).toBe(false);
      }),
    );
  });

  it('never calls an address in 10/8, 172.16/12 or 192.168/16 public', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 0xffffff }), (block, rest) => {
        const base = [0x0a000000, 0xac100000, 0xc0a80000][block]!;
        const mask = [0xffffff, 0xfffff, 0xffff][block]!;
        const n = (base | (rest & mask)) >>> 0;
        const address = [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
        expect(classifyAddress(address)).toMatchObject({ public: false, range: 'private' });
      }),
    );
  });
});
