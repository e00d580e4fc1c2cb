/**
 * Bucket lifecycle rules, normalised from both spellings (the CloudFormation
 * `LifecycleConfiguration` of a template and the S3 API's
 * `PutBucketLifecycleConfiguration`), and their evaluation: which objects expire
 * or move to another storage class at a given time, and which multipart uploads
 * are aborted. Pure: the sweeper applies the decisions.
 */
import { InvalidArgument, MalformedXML } from './errors';

export interface LifecycleFilter {
  readonly prefix?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly sizeGreaterThan?: number;
  readonly sizeLessThan?: number;
}

export interface Transition {
  readonly days?: number;
  readonly date?: string;
  readonly storageClass: string;
}

export interface LifecycleRule {
  readonly id?: string;
  readonly enabled: boolean;
  readonly filter: LifecycleFilter;
  readonly expiration?: { readonly days?: number; readonly date?: string; readonly expiredObjectDeleteMarker?: boolean };
  readonly transitions: readonly Transition[];
  readonly abortIncompleteMultipartUploadDays?: number;
}

/** What S3 does not transition by default since September 2024: objects under 128 KB. */
export const DEFAULT_TRANSITION_MINIMUM_BYTES = 128 * 1024;

const DAY_MS = 24 * 3600 * 1000;

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined);
const num = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : Number(v));
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : v instanceof Date ? v.toISOString() : String(v));

function tagMap(list: unknown): Record<string, string> | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return Object.fromEntries(list.map((t) => [String(obj(t)?.['Key']), String(obj(t)?.['Value'])]));
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function checkRule(rule: LifecycleRule): LifecycleRule {
  if (!rule.expiration && rule.transitions.length === 0 && rule.abortIncompleteMultipartUploadDays === undefined) {
    throw new InvalidArgument('At least one action needs to be specified in a rule', { ArgumentName: 'Action' });
  }
  for (const days of [rule.expiration?.days, rule.abortIncompleteMultipartUploadDays, ...rule.transitions.map((t) => t.days)]) {
    if (days !== undefined && (!Number.isInteger(days) || days < 0)) {
      throw new InvalidArgument(`'Days' for a lifecycle action must be a non-negative integer, got ${days}`);
    }
  }
  return rule;
}

/** Rules from a template's `LifecycleConfiguration.Rules` (CloudFormation spelling). */
export function rulesFromTemplate(rules: unknown): LifecycleRule[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((raw) => {
    const r = obj(raw) ?? {};
    const transitions = [
      ...(Array.isArray(r['Transitions']) ? r['Transitions'] : []),
      ...(obj(r['Transition']) ? [r['Transition']] : []),
    ].map((t) => compact({ days: num(obj(t)?.['TransitionInDays']), date: str(obj(t)?.['TransitionDate']), storageClass: String(obj(t)?.['StorageClass']) }));
    const expirationDays = num(r['ExpirationInDays']);
    const expirationDate = str(r['ExpirationDate']);
    const abort = num(obj(r['AbortIncompleteMultipartUpload'])?.['DaysAfterInitiation']);
    return checkRule(
      compact({
        id: str(r['Id']),
        enabled: r['Status'] !== 'Disabled',
        filter: compact({
          prefix: str(r['Prefix']),
          tags: tagMap(r['TagFilters']),
          sizeGreaterThan: num(r['ObjectSizeGreaterThan']),
          sizeLessThan: num(r['ObjectSizeLessThan']),
        }),
        expiration:
          expirationDays !== undefined || expirationDate !== undefined || r['ExpiredObjectDeleteMarker'] !== undefined
            ? compact({ days: expirationDays, date: expirationDate, expiredObjectDeleteMarker: r['ExpiredObjectDeleteMarker'] === true || r['ExpiredObjectDeleteMarker'] === 'true' || undefined })
            : undefined,
        transitions,
        abortIncompleteMultipartUploadDays: abort,
      }),
    );
  });
}

/** Rules from `PutBucketLifecycleConfiguration` (API spelling, SDK shape). */
export function rulesFromApi(rules: unknown): LifecycleRule[] {
  if (!Array.isArray(rules) || rules.length === 0) throw new MalformedXML('a lifecycle configuration needs at least one Rule');
  return rules.map((raw) => {
    const r = obj(raw) ?? {};
    const filter = obj(r['Filter']) ?? {};
    const and = obj(filter['And']) ?? {};
    const tag = obj(filter['Tag']);
    const expiration = obj(r['Expiration']);
    const status = r['Status'];
    if (status !== 'Enabled' && status !== 'Disabled') throw new MalformedXML(`rule Status must be Enabled or Disabled, got ${String(status)}`);
    return checkRule(
      compact({
        id: str(r['ID']),
        enabled: status === 'Enabled',
        filter: compact({
          prefix: str(filter['Prefix'] ?? and['Prefix'] ?? r['Prefix']),
          tags: tag ? { [String(tag['Key'])]: String(tag['Value']) } : tagMap(and['Tags']),
          sizeGreaterThan: num(filter['ObjectSizeGreaterThan'] ?? and['ObjectSizeGreaterThan']),
          sizeLessThan: num(filter['ObjectSizeLessThan'] ?? and['ObjectSizeLessThan']),
        }),
        expiration: expiration
          ? compact({ days: num(expiration['Days']), date: str(expiration['Date']), expiredObjectDeleteMarker: expiration['ExpiredObjectDeleteMarker'] === true || undefined })
          : undefined,
        transitions: (Array.isArray(r['Transitions']) ? r['Transitions'] : []).map((t) =>
          compact({ days: num(obj(t)?.['Days']), date: str(obj(t)?.['Date']), storageClass: String(obj(t)?.['StorageClass']) }),
        ),
        abortIncompleteMultipartUploadDays: num(obj(r['AbortIncompleteMultipartUpload'])?.['DaysAfterInitiation']),
      }),
    );
  });
}

/** Rules back in the API spelling, for GetBucketLifecycleConfiguration. */
export function rulesToApi(rules: readonly LifecycleRule[]): Record<string, unknown>[] {
  return rules.map((r) => {
    const { prefix, tags, sizeGreaterThan, sizeLessThan } = r.filter;
    const tagList = Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    const conditions = [prefix !== undefined, tagList.length > 0, sizeGreaterThan !== undefined, sizeLessThan !== undefined].filter(Boolean).length;
    const parts = compact({ Prefix: prefix, ObjectSizeGreaterThan: sizeGreaterThan, ObjectSizeLessThan: sizeLessThan });
    const Filter =
      conditions > 1 || tagList.length > 1 ? { And: { ...parts, ...(tagList.length ? { Tags: tagList } : {}) } } : tagList.length === 1 ? { Tag: tagList[0] } : parts;
    return compact({
      ID: r.id,
      Status: r.enabled ? 'Enabled' : 'Disabled',
      Filter,
      Expiration: r.expiration
        ? compact({ Days: r.expiration.days, Date: r.expiration.date ? new Date(r.expiration.date) : undefined, ExpiredObjectDeleteMarker: r.expiration.expiredObjectDeleteMarker })
        : undefined,
      Transitions: r.transitions.length
        ? r.transitions.map((t) => compact({ Days: t.days, Date: t.date ? new Date(t.date) : undefined, StorageClass: t.storageClass }))
        : undefined,
      AbortIncompleteMultipartUpload: r.abortIncompleteMultipartUploadDays !== undefined ? { DaysAfterInitiation: r.abortIncompleteMultipartUploadDays } : undefined,
    });
  });
}

/** The object facts lifecycle rules look at. */
export interface LifecycleSubject {
  readonly key: string;
  readonly size: number;
  /** Epoch milliseconds. */
  readonly lastModified: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly storageClass: string;
}

export function matchesFilter(filter: LifecycleFilter, subject: Pick<LifecycleSubject, 'key' | 'size' | 'tags'>): boolean {
  if (filter.prefix !== undefined && !subject.key.startsWith(filter.prefix)) return false;
  if (filter.sizeGreaterThan !== undefined && !(subject.size > filter.sizeGreaterThan)) return false;
  if (filter.sizeLessThan !== undefined && !(subject.size < filter.sizeLessThan)) return false;
  return Object.entries(filter.tags ?? {}).every(([k, v]) => subject.tags[k] === v);
}

/**
 * When a rule's `Days` action is due: S3 adds the days to the object's
 * creation time and rounds up to the next midnight UTC.
 */
export function dueAt(start: number, days: number): number {
  const at = start + days * DAY_MS;
  return Math.ceil(at / DAY_MS) * DAY_MS;
}

function actionTime(start: number, action: { days?: number; date?: string }): number | undefined {
  if (action.days !== undefined) return dueAt(start, action.days);
  if (action.date !== undefined) return Date.parse(action.date);
  return undefined;
}

/** The storage classes in the order objects move through them. */
const CLASS_ORDER = ['STANDARD', 'INTELLIGENT_TIERING', 'STANDARD_IA', 'ONEZONE_IA', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'];

export type LifecycleDecision = { readonly action: 'expire' } | { readonly action: 'transition'; readonly storageClass: string } | undefined;

/** What the enabled rules do to an object at `now`: expire it, move it, or nothing. */
export function decide(
  rules: readonly LifecycleRule[],
  subject: LifecycleSubject,
  now: number,
  transitionMinimumBytes = DEFAULT_TRANSITION_MINIMUM_BYTES,
): LifecycleDecision {
  let target: string | undefined;
  for (const rule of rules) {
    if (!rule.enabled || !matchesFilter(rule.filter, subject)) continue;
    const expires = rule.expiration && actionTime(subject.lastModified, rule.expiration);
    if (expires !== undefined && now >= expires) return { action: 'expire' };
    if (subject.size < transitionMinimumBytes) continue;
    for (const t of rule.transitions) {
      const at = actionTime(subject.lastModified, t);
      if (at === undefined || now < at) continue;
      if (!target || CLASS_ORDER.indexOf(t.storageClass) > CLASS_ORDER.indexOf(target)) target = t.storageClass;
    }
  }
  if (target && CLASS_ORDER.indexOf(target) > CLASS_ORDER.indexOf(subject.storageClass)) return { action: 'transition', storageClass: target };
  return undefined;
}

/** True when a multipart upload started at `initiated` is to be aborted at `now`. */
export function abortsUpload(rules: readonly LifecycleRule[], key: string, initiated: number, now: number): boolean {
  return rules.some(
    (r) =>
      r.enabled &&
      r.abortIncompleteMultipartUploadDays !== undefined &&
      (r.filter.prefix === undefined || key.startsWith(r.filter.prefix)) &&
      now >= dueAt(initiated, r.abortIncompleteMultipartUploadDays),
  );
}
