/**
 * `aws-chunked` bodies: what SDK v3 and the CLI send for streaming uploads (S3
 * PutObject with a trailing checksum, or SigV4 streaming signatures):
 *
 * ```
 * <hex-size>[;chunk-signature=<sig>]\r\n<bytes>\r\n ... 0[;chunk-signature=..]\r\n[<trailer>: <value>\r\n]*\r\n
 * ```
 *
 * Decoded into the payload plus trailing headers (e.g. `x-amz-checksum-crc32`).
 */

export interface DecodedChunks {
  readonly body: Buffer;
  readonly trailers: Record<string, string>;
}

export class AwsChunkedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncompleteBody';
  }
}

/** True when the request body is `aws-chunked` encoded. */
export function isAwsChunked(headers: Readonly<Record<string, string>>): boolean {
  const encoding = headers['content-encoding'] ?? '';
  const sha = headers['x-amz-content-sha256'] ?? '';
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

export function decodeAwsChunked(raw: Buffer): DecodedChunks {
  const parts: Buffer[] = [];
  const trailers: Record<string, string> = {};
  let offset = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', offset);
    if (eol === -1) throw new AwsChunkedError('aws-chunked body ends inside a chunk header');
    const header = raw.subarray(offset, eol).toString('latin1');
    const size = parseInt(header.split(';')[0]!, 16);
    if (Number.isNaN(size)) throw new AwsChunkedError(`Bad aws-chunked chunk header "${header.slice(0, 40)}"`);
    offset = eol + 2;
    if (size === 0) break;
    if (offset + size > raw.length) throw new AwsChunkedError('aws-chunked body is shorter than its chunk sizes');
    parts.push(raw.subarray(offset, offset + size));
    offset += size + 2;
  }
  // Trailing headers until an empty line (or the end).
  while (offset < raw.length) {
    const eol = raw.indexOf('\r\n', offset);
    const line = raw.subarray(offset, eol === -1 ? raw.length : eol).toString('latin1');
    offset = eol === -1 ? raw.length : eol + 2;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(parts), trailers };
}
