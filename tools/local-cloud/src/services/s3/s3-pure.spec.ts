import { bucketFromHost, s3Rewrite } from './addressing';
import { encodeSegment, keyLocation } from './keys';
import { abortsUpload, decide, dueAt, rulesFromApi, rulesFromTemplate, rulesToApi } from './lifecycle';
import { compareKeys, continuationToken, decodeContinuationToken, listKeys } from './listing';
import { parseRange } from './range';

describe('key layout on disk', () => {
  it('keeps readable keys readable and makes every key a safe, collision-free path', () => {
    expect(keyLocation('events/detail_type=MESSAGE_ANALYSED/dt=2024-05-01/a.json.gz')).toEqual({
      dirs: ['events', 'detail_type=MESSAGE_ANALYSED', 'dt=2024-05-01'],
      stem: 'a.json.gz@',
    });
    expect(keyLocation('../../etc/passwd').dirs).toEqual(['%2E.', '%2E.', 'etc']);
    expect(keyLocation('a//b').dirs).toEqual(['a', '%']);
    expect(encodeSegment('héllo wörld')).toBe('h%C3%A9llo%20w%C3%B6rld');
    expect(encodeSegment('@')).toBe('%40');
    // key "a" (files a@...) and key "a/b" (folder a) cannot collide
    expect(keyLocation('a').stem).not.toBe(keyLocation('a/b').dirs[0]);
    const long = encodeSegment('x'.repeat(500));
    expect(long.length).toBeLessThanOrEqual(180);
    expect(long).not.toBe(encodeSegment(`${'x'.repeat(499)}y`));
  });
});

describe('Range', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-1000', 100, { start: 0, end: 99 }],
    ['bytes=50-5000', 100, { start: 50, end: 99 }],
    ['bytes=5-1', 100, undefined],
    ['items=0-1', 100, undefined],
    ['bytes=0-1,5-6', 100, undefined],
    [undefined, 100, undefined],
  ])('%s of %d bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it('refuses a range that starts past the end with InvalidRange (416)', () => {
    expect(() => parseRange('bytes=100-', 100)).toThrow(expect.objectContaining({ name: 'InvalidRange', statusCode: 416 }));
  });
});

describe('listing', () => {
  const keys = ['a/1', 'a/2', 'a/b/3', 'b', 'c/1', 'c/2', 'd'].sort(compareKeys);

  it('rolls keys up into common prefixes under a delimiter', () => {
    expect(listKeys(keys, { prefix: '', delimiter: '/', after: undefined, maxKeys: 1000 })).toEqual({
      keys: ['b', 'd'],
      commonPrefixes: ['a/', 'c/'],
      isTruncated: false,
      last: 'd',
    });
    expect(listKeys(keys, { prefix: 'a/', delimiter: '/', after: undefined, maxKeys: 1000 })).toMatchObject({ keys: ['a/1', 'a/2'], commonPrefixes: ['a/b/'] });
  });

  it('pages: a common prefix counts once and is not repeated on the next page', () => {
    const first = listKeys(keys, { prefix: '', delimiter: '/', after: undefined, maxKeys: 2 });
    expect(first).toMatchObject({ keys: ['b'], commonPrefixes: ['a/'], isTruncated: true, last: 'b' });
    const second = listKeys(keys, { prefix: '', delimiter: '/', after: decodeContinuationToken(continuationToken(first.last!)), maxKeys: 2 });
    expect(second).toMatchObject({ keys: ['d'], commonPrefixes: ['c/'], isTruncated: false });
    const all: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = listKeys(keys, { prefix: '', delimiter: undefined, after, maxKeys: 3 });
      all.push(...page.keys);
      if (!page.isTruncated) break;
      after = page.last;
    }
    expect(all).toEqual(keys);
  });

  it('orders by UTF-8 bytes', () => {
    expect(['\uFF61', '😀', 'a'].sort(compareKeys)).toEqual(['a', '\uFF61', '😀']);
  });
});

describe('lifecycle rules', () => {
  const day = 24 * 3600 * 1000;
  const created = Date.UTC(2024, 4, 1, 13, 0, 0);

  it('reads the CloudFormation spelling CDK synthesizes', () => {
    const rules = rulesFromTemplate([
      { Id: 'abort-incomplete-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
      { Id: 'infrequent-access', Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] },
      { Id: 'expire-results', Status: 'Enabled', ExpirationInDays: 30, Prefix: 'results/' },
    ]);
    expect(rules).toEqual([
      { id: 'abort-incomplete-uploads', enabled: true, filter: {}, transitions: [], abortIncompleteMultipartUploadDays: 7 },
      { id: 'infrequent-access', enabled: true, filter: {}, transitions: [{ days: 30, storageClass: 'STANDARD_IA' }] },
      { id: 'expire-results', enabled: true, filter: { prefix: 'results/' }, expiration: { days: 30 }, transitions: [] },
    ]);
  });

  it('round-trips the API spelling', () => {
    const api = [
      { ID: 'r1', Status: 'Enabled', Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'k', Value: 'v' }] } }, Expiration: { Days: 3 } },
      { ID: 'r2', Status: 'Disabled', Filter: { Prefix: 'x/' }, Transitions: [{ Days: 10, StorageClass: 'GLACIER' }] },
    ];
    expect(rulesToApi(rulesFromApi(api))).toEqual(api);
    expect(() => rulesFromApi([{ ID: 'none', Status: 'Enabled', Filter: {} }])).toThrow('At least one action needs to be specified in a rule');
  });

  it('is due at the midnight UTC after creation + days', () => {
    expect(new Date(dueAt(created, 1)).toISOString()).toBe('2024-05-03T00:00:00.000Z');
  });

  it('expires, transitions (objects of 128 KB and more only) and aborts uploads when due', () => {
    const rules = rulesFromTemplate([
      { Status: 'Enabled', ExpirationInDays: 90, Prefix: 'logs/' },
      { Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }, { StorageClass: 'GLACIER', TransitionInDays: 60 }] },
      { Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
      { Status: 'Disabled', ExpirationInDays: 1 },
    ]);
    const big = { key: 'events/a', size: 200_000, lastModified: created, tags: {}, storageClass: 'STANDARD' };
    expect(decide(rules, big, created + 10 * day)).toBeUndefined();
    expect(decide(rules, big, created + 31 * day)).toEqual({ action: 'transition', storageClass: 'STANDARD_IA' });
    expect(decide(rules, big, created + 61 * day)).toEqual({ action: 'transition', storageClass: 'GLACIER' });
    expect(decide(rules, { ...big, storageClass: 'GLACIER' }, created + 61 * day)).toBeUndefined();
    expect(decide(rules, { ...big, size: 1000 }, created + 61 * day)).toBeUndefined();
    expect(decide(rules, { ...big, size: 1000 }, created + 61 * day, 0)).toEqual({ action: 'transition', storageClass: 'GLACIER' });
    expect(decide(rules, { ...big, key: 'logs/x' }, created + 91 * day)).toEqual({ action: 'expire' });
    expect(abortsUpload(rules, 'any', created, created + 6 * day)).toBe(false);
    expect(abortsUpload(rules, 'any', created, created + 8 * day)).toBe(true);
  });
});

describe('addressing', () => {
  const req = (host: string, path: string) => ({ method: 'GET', host, path, query: [], headers: {}, body: Buffer.alloc(0) });

  it('finds the bucket in a virtual-hosted-style host, else in the path', () => {
    expect(bucketFromHost('my-bucket.s3.eu-west-1.amazonaws.com')).toBe('my-bucket');
    expect(bucketFromHost('my.dotted.bucket.s3.amazonaws.com')).toBe('my.dotted.bucket');
    expect(bucketFromHost('lake.localhost:4566')).toBe('lake');
    expect(bucketFromHost('127.0.0.1:4566')).toBeUndefined();
    expect(bucketFromHost('localhost:4566')).toBeUndefined();
    expect(s3Rewrite(req('lake.localhost:4566', '/events/a.json'))).toMatchObject({ path: '/events/a.json', labels: { Bucket: 'lake' } });
    expect(s3Rewrite(req('127.0.0.1:4566', '/lake/events/a.json'))).toMatchObject({ path: '/events/a.json', labels: { Bucket: 'lake' } });
    expect(s3Rewrite(req('127.0.0.1:4566', '/lake'))).toMatchObject({ path: '/', labels: { Bucket: 'lake' } });
    expect(s3Rewrite(req('127.0.0.1:4566', '/'))).toEqual({ ...req('127.0.0.1:4566', '/'), operation: 'ListBuckets' });
  });

  it('names the operation where the AWS CLI (no x-id) leaves the route ambiguous, and only there', () => {
    const hint = (method: string, path: string, query: Array<[string, string]> = [], headers: Record<string, string> = {}) =>
      s3Rewrite({ ...req('127.0.0.1:4566', path), method, query, headers }).operation;
    expect(hint('PUT', '/b/k', [['partNumber', '1'], ['uploadId', 'u']])).toBe('UploadPart');
    expect(hint('PUT', '/b/k', [['partNumber', '1'], ['uploadId', 'u']], { 'x-amz-copy-source': 'b/src' })).toBe('UploadPartCopy');
    expect(hint('PUT', '/b/k', [], { 'x-amz-copy-source': 'b/src' })).toBe('CopyObject');
    expect(hint('PUT', '/b/k')).toBe('PutObject');
    expect(hint('DELETE', '/b/k', [['uploadId', 'u']])).toBe('AbortMultipartUpload');
    expect(hint('DELETE', '/b/k')).toBe('DeleteObject');
    expect(hint('GET', '/b/k', [['uploadId', 'u']])).toBe('ListParts');
    expect(hint('GET', '/b', [['prefix', 'x']])).toBe('ListObjects');
    expect(hint('GET', '/b', [['list-type', '2']])).toBeUndefined();
    expect(hint('PUT', '/b/k', [['tagging', '']])).toBeUndefined();
    expect(hint('GET', '/b', [['lifecycle', '']])).toBeUndefined();
    expect(hint('PUT', '/b/k', [['x-id', 'PutObject']])).toBeUndefined();
  });
});
