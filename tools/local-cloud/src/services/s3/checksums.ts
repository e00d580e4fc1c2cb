/**
 * The flexible checksums S3 verifies and returns (`x-amz-checksum-*`): CRC32,
 * CRC32C, CRC64NVME, SHA1, SHA256, and the Content-MD5 / ETag MD5. The CRC32C
 * and CRC64NVME implementations are the AWS SDK's own (`@aws-sdk/checksums`),
 * so what the SDK computes on upload is what is computed here.
 */
import { Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc';
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { BadDigest, InvalidArgument } from './errors';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** The SDK member that carries each algorithm's value (`ChecksumCRC32`...). */
export const CHECKSUM_MEMBERS: { readonly [A in ChecksumAlgorithm]: `Checksum${A}` } = {
  CRC32: 'ChecksumCRC32',
  CRC32C: 'ChecksumCRC32C',
  CRC64NVME: 'ChecksumCRC64NVME',
  SHA1: 'ChecksumSHA1',
  SHA256: 'ChecksumSHA256',
};

export function isChecksumAlgorithm(value: unknown): value is ChecksumAlgorithm {
  return typeof value === 'string' && (CHECKSUM_ALGORITHMS as readonly string[]).includes(value);
}

/** An incremental checksum over chunks. */
export interface Checksum {
  update(chunk: Uint8Array): void;
  /** The base64 value, as S3 reports it. */
  digest(): Promise<string>;
}

class Crc32Checksum implements Checksum {
  private value = 0;
  update(chunk: Uint8Array): void {
    this.value = crc32(chunk, this.value);
  }
  async digest(): Promise<string> {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(this.value >>> 0);
    return out.toString('base64');
  }
}

class HashChecksum implements Checksum {
  private readonly hash: Hash;
  constructor(algorithm: 'sha1' | 'sha256') {
    this.hash = createHash(algorithm);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  async digest(): Promise<string> {
    return this.hash.digest('base64');
  }
}

class SdkChecksum implements Checksum {
  constructor(private readonly impl: { update(data: Uint8Array): void; digest(): Promise<Uint8Array> }) {}
  update(chunk: Uint8Array): void {
    this.impl.update(chunk);
  }
  async digest(): Promise<string> {
    return Buffer.from(await this.impl.digest()).toString('base64');
  }
}

const FACTORIES: { readonly [A in ChecksumAlgorithm]: () => Checksum } = {
  CRC32: () => new Crc32Checksum(),
  CRC32C: () => new SdkChecksum(new Crc32c()),
  CRC64NVME: () => new SdkChecksum(new Crc64Nvme()),
  SHA1: () => new HashChecksum('sha1'),
  SHA256: () => new HashChecksum('sha256'),
};

export function checksum(algorithm: ChecksumAlgorithm): Checksum {
  return FACTORIES[algorithm]();
}

export async function computeChecksum(algorithm: ChecksumAlgorithm, data: Uint8Array): Promise<string> {
  const c = checksum(algorithm);
  c.update(data);
  return c.digest();
}

/** A checksum the client sent with its upload. */
export interface ProvidedChecksum {
  readonly algorithm: ChecksumAlgorithm;
  readonly value: string;
}

/**
 * The checksum an upload carries: the `Checksum*` members (from headers or
 * aws-chunked trailers), with `ChecksumAlgorithm` naming which one. Two at
 * once is an error, as in S3.
 */
export function providedChecksum(input: Readonly<Record<string, unknown>>): ProvidedChecksum | undefined {
  const given = CHECKSUM_ALGORITHMS.filter((a) => typeof input[CHECKSUM_MEMBERS[a]] === 'string');
  if (given.length > 1) throw new InvalidArgument('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  if (given.length === 1) return { algorithm: given[0]!, value: input[CHECKSUM_MEMBERS[given[0]!]] as string };
  return undefined;
}

/** Checks the body against the client's checksum; returns the value to store (computed when the client only named the algorithm). */
export async function verifyChecksum(
  body: Uint8Array,
  provided: ProvidedChecksum | undefined,
  requestedAlgorithm: unknown,
): Promise<ProvidedChecksum | undefined> {
  const algorithm = provided?.algorithm ?? (isChecksumAlgorithm(requestedAlgorithm) ? requestedAlgorithm : undefined);
  if (!algorithm) return undefined;
  const actual = await computeChecksum(algorithm, body);
  if (provided && provided.value !== actual) {
    throw new BadDigest(`The ${algorithm} you specified did not match the calculated checksum.`);
  }
  return { algorithm, value: actual };
}

export function md5(data: Uint8Array): Buffer {
  return createHash('md5').update(data).digest();
}

/** Checks `Content-MD5` (base64 of the body's MD5) when the client sent one. */
export function verifyContentMd5(body: Uint8Array, contentMd5: unknown): void {
  if (typeof contentMd5 !== 'string') return;
  if (md5(body).toString('base64') !== contentMd5) {
    throw new BadDigest('The Content-MD5 you specified did not match what we received.');
  }
}
