import { isIPv4, isIPv6 } from 'node:net';

/** What an address is, for the downloader's decision to connect to it. */
export type AddressClass =
  | { readonly public: true }
  | { readonly public: false; readonly range: string; readonly loopback: boolean };

interface Range {
  readonly base: bigint;
  readonly prefix: number;
  readonly bits: 32 | 128;
  readonly label: string;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** Parses any valid IPv6 text form (compressed, zone id, embedded IPv4 tail) into its 128-bit value. */
function ipv6ToBigInt(address: string): bigint {
  let text = address.split('%')[0]!;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = ipv4ToBigInt(tail[1]!);
    text = `${text.slice(0, -tail[1]!.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? [] : new Array<string>(8 - headGroups.length - restGroups.length).fill('0');
  return [...headGroups, ...zeros, ...restGroups].reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function range(cidr: string, label: string): Range {
  const [base, prefix] = cidr.split('/') as [string, string];
  const bits = isIPv4(base) ? 32 : 128;
  return { base: bits === 32 ? ipv4ToBigInt(base) : ipv6ToBigInt(base), prefix: Number(prefix), bits, label };
}

function contains(r: Range, value: bigint): boolean {
  const shift = BigInt(r.bits - r.prefix);
  return value >> shift === r.base >> shift;
}

/** IPv4 ranges that are not publicly routable unicast (RFC 6890 and friends). */
const IPV4_NOT_PUBLIC: readonly Range[] = [
  range('0.0.0.0/8', '"this network"'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'carrier-grade NAT'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local (cloud metadata)'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'IETF protocol assignment'),
  range('192.0.2.0/24', 'documentation'),
  range('192.88.99.0/24', '6to4 relay'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'benchmarking'),
  range('198.51.100.0/24', 'documentation'),
  range('203.0.113.0/24', 'documentation'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
];

/** Only global unicast IPv6 is public; everything outside it is named for the refusal message. */
const IPV6_GLOBAL_UNICAST = range('2000::/3', 'global unicast');
/** Inside global unicast, blocks that tunnel to or stand for other (possibly private) addresses. */
const IPV6_GLOBAL_EXCEPTIONS: readonly Range[] = [
  range('2001::/23', 'IETF protocol assignment (Teredo, benchmarking)'),
  range('2001:db8::/32', 'documentation'),
  range('2002::/16', '6to4 (embeds an IPv4 address)'),
  range('3fff::/20', 'documentation'),
];
const IPV6_NAMED: readonly Range[] = [
  range('::1/128', 'loopback'),
  range('::/128', 'unspecified'),
  range('::ffff:0:0/96', 'IPv4-mapped IPv6'),
  range('64:ff9b::/96', 'NAT64 (embeds an IPv4 address)'),
  range('fc00::/7', 'IPv6 unique-local'),
  range('fe80::/10', 'IPv6 link-local'),
  range('ff00::/8', 'multicast'),
];

const LOOPBACK_LABEL = 'loopback';

/**
 * Classifies an IP address: public (routable unicast) or the named range that
 * makes it off-limits for a server-side fetch. Anything that is not a valid IP
 * address is not public.
 */
export function classifyAddress(address: string): AddressClass {
  if (isIPv4(address)) {
    const value = ipv4ToBigInt(address);
    const hit = IPV4_NOT_PUBLIC.find((r) => contains(r, value));
    return hit ? { public: false, range: hit.label, loopback: hit.label === LOOPBACK_LABEL } : { public: true };
  }
  if (isIPv6(address)) {
    const value = ipv6ToBigInt(address);
    if (contains(IPV6_GLOBAL_UNICAST, value)) {
      const hit = IPV6_GLOBAL_EXCEPTIONS.find((r) => contains(r, value));
      return hit ? { public: false, range: hit.label, loopback: false } : { public: true };
    }
    const hit = IPV6_NAMED.find((r) => contains(r, value));
    const label = hit?.label ?? 'reserved IPv6';
    return { public: false, range: label, loopback: label === LOOPBACK_LABEL };
  }
  return { public: false, range: 'invalid', loopback: false };
}
