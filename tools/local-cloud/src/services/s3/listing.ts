/**
 * ListObjectsV2 / ListObjects over a bucket's sorted keys: prefix, delimiter
 * (common prefixes roll up and count towards MaxKeys once each), start-after /
 * marker / continuation, truncation. Pure: it sees keys only.
 */
export interface ListRequest {
  readonly prefix: string;
  readonly delimiter: string | undefined;
  /** List keys strictly after this one (StartAfter, Marker, or the decoded continuation token). */
  readonly after: string | undefined;
  readonly maxKeys: number;
}

export interface ListPage {
  readonly keys: string[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  readonly last: string | undefined;
}

/** Byte-wise UTF-8 order, as S3 lists keys (not JavaScript's UTF-16 order). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function listKeys(sortedKeys: readonly string[], request: ListRequest): ListPage {
  const { prefix, delimiter, after, maxKeys } = request;
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let count = 0;
  let isTruncated = false;
  for (const key of sortedKeys) {
    if (!key.startsWith(prefix)) continue;
    if (after !== undefined && compareKeys(key, after) <= 0) continue;
    let entry = key;
    let isPrefix = false;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at !== -1) {
        entry = key.slice(0, at + delimiter.length);
        isPrefix = true;
        if (entry === last) continue;
        // A common prefix the previous page already returned.
        if (after !== undefined && compareKeys(entry, after) <= 0) continue;
      }
    }
    if (count >= maxKeys) {
      isTruncated = true;
      break;
    }
    if (isPrefix) commonPrefixes.push(entry);
    else keys.push(entry);
    last = entry;
    count++;
  }
  return { keys, commonPrefixes, isTruncated, last };
}

/** Continuation tokens are opaque to clients; locally they are the base64 of the last key returned. */
export function continuationToken(last: string): string {
  return Buffer.from(last, 'utf8').toString('base64');
}

export function decodeContinuationToken(token: string): string {
  return Buffer.from(token, 'base64').toString('utf8');
}
