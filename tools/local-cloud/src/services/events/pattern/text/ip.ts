/**
 * IP address literals as EventBridge reads them: dotted-quad IPv4 (decimal
 * octets, no leading zeros) and IPv6 in hex-and-colons form (no zone, no
 * embedded dotted quad). An IPv4-mapped IPv6 address (`::ffff:a00:1`) is the
 * IPv4 address it maps. Results are 4 or 16 bytes.
 */
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const OCTET = /^(0|[1-9][0-9]{0,2})$/;
const GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Does the text have the shape of an IP literal (what decides whether a pattern string is compared as an address)? */
export function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

/** The address bytes, or undefined when the text is not a valid literal. */
export function parseIp(text: string): Uint8Array | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) {
    const bytes = parseIpv6(text);
    if (bytes && isIpv4Mapped(bytes)) return bytes.slice(12);
    return bytes;
  }
  return undefined;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const out = new Uint8Array(4);
  const parts = text.split('.');
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!OCTET.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    out[i] = value;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const parts = half.split(':');
    if (!parts.every((p) => GROUP.test(p))) return undefined;
    return parts.map((p) => parseInt(p, 16));
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const compressed = halves.length === 2;
  const count = head.length + tail.length;
  if (compressed ? count > 7 : count !== 8) return undefined;
  const all = [...head, ...new Array<number>(8 - count).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((group, i) => {
    out[2 * i] = group >> 8;
    out[2 * i + 1] = group & 0xff;
  });
  return out;
}

function isIpv4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

export function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A CIDR block: the network address (host bits cleared) and its prefix length. */
export interface CidrBlock {
  readonly network: Uint8Array;
  readonly prefixLength: number;
}

/** The CIDR's reason for refusal, worded as EventBridge words it. */
export class CidrSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CidrSyntaxError';
  }
}

export function parseCidr(text: string): CidrBlock {
  // Java's split drops trailing empty strings: "10.0.0.0/" has one part.
  const parts = text.split('/');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) throw new CidrSyntaxError("Malformed CIDR, one '/' required");
  const [address, bits] = parts as [string, string];
  if (!/^[+-]?[0-9]+$/.test(bits)) throw new CidrSyntaxError('Malformed CIDR, mask bits must be an integer');
  const prefixLength = Number(bits);
  if (prefixLength < 0) throw new CidrSyntaxError('Malformed CIDR, mask bits must not be negative');
  if (!looksLikeIp(address)) throw new CidrSyntaxError(`Nonstandard IP address: ${address}`);
  const bytes = parseIp(address);
  if (!bytes) throw new CidrSyntaxError(`Invalid IP address: ${address}`);
  if (bytes.length === 4 && prefixLength > 31) throw new CidrSyntaxError('IPv4 mask bits must be < 32');
  if (bytes.length === 16 && prefixLength > 127) throw new CidrSyntaxError('IPv6 mask bits must be < 128');
  return { network: maskBytes(bytes, prefixLength), prefixLength };
}

function maskBytes(bytes: Uint8Array, prefixLength: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const bitsHere = Math.max(0, Math.min(8, prefixLength - 8 * i));
    out[i] = bytes[i]! & ((0xff << (8 - bitsHere)) & 0xff);
  }
  return out;
}

export function inCidr(block: CidrBlock, address: Uint8Array): boolean {
  return address.length === block.network.length && sameAddress(maskBytes(address, block.prefixLength), block.network);
}
