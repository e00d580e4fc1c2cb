import type {
  CreateLogGroupRequest,
  CreateLogStreamRequest,
  DeleteLogGroupRequest,
  DeleteLogStreamRequest,
  DeleteRetentionPolicyRequest,
  DescribeLogGroupsRequest,
  DescribeLogGroupsResponse,
  DescribeLogStreamsRequest,
  DescribeLogStreamsResponse,
  FilterLogEventsRequest,
  FilterLogEventsResponse,
  GetLogEventsRequest,
  GetLogEventsResponse,
  PutLogEventsRequest,
  PutLogEventsResponse,
  PutRetentionPolicyRequest,
} from '@aws-sdk/client-cloudwatch-logs';
import { InvalidParameterException, ResourceNotFoundException } from './errors';
import { compileFilterPattern } from './filter-pattern';
import { compareEvents, type LogGroup, type LogStore, type StoredEvent } from './store';

/** Where ARNs point. */
export interface Place {
  readonly region: string;
  readonly account: string;
}

const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;
const MAX_BATCH_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;
const MAX_EVENT_BYTES = 262_144;
/** PutLogEvents counts 26 bytes of overhead per event. */
const EVENT_OVERHEAD = 26;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export function groupArn(place: Place, name: string): string {
  return `arn:aws:logs:${place.region}:${place.account}:log-group:${name}`;
}

export function checkGroupName(name: string | undefined): string {
  if (!name || !GROUP_NAME.test(name)) {
    throw new InvalidParameterException(`1 validation error detected: Value '${name ?? ''}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
  }
  return name;
}

function checkStreamName(name: string | undefined): string {
  if (!name || !STREAM_NAME.test(name)) {
    throw new InvalidParameterException(`1 validation error detected: Value '${name ?? ''}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`);
  }
  return name;
}

export function checkRetention(days: number | undefined): number | undefined {
  if (days === undefined) return undefined;
  if (!RETENTION_DAYS.includes(days)) {
    throw new InvalidParameterException(`1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
  }
  return days;
}

/** The group a request names by `logGroupName` or `logGroupIdentifier` (name or ARN). */
function groupOf(store: LogStore, input: { logGroupName?: string | undefined; logGroupIdentifier?: string | undefined }): LogGroup {
  const id = input.logGroupIdentifier;
  const name = input.logGroupName ?? (id?.startsWith('arn:') ? id.split(':log-group:')[1]?.replace(/:\*$/, '') : id);
  return store.group(name);
}

export async function createLogGroup(store: LogStore, input: CreateLogGroupRequest): Promise<Record<string, never>> {
  await store.createGroup({
    name: checkGroupName(input.logGroupName),
    createdAt: Date.now(),
    logGroupClass: input.logGroupClass ?? 'STANDARD',
    ...(input.kmsKeyId ? { kmsKeyId: input.kmsKeyId } : {}),
    ...(input.tags ? { tags: input.tags } : {}),
  });
  return {};
}

export async function deleteLogGroup(store: LogStore, input: DeleteLogGroupRequest): Promise<Record<string, never>> {
  await store.deleteGroup(input.logGroupName);
  return {};
}

export async function createLogStream(store: LogStore, input: CreateLogStreamRequest): Promise<Record<string, never>> {
  await store.createStream(input.logGroupName, checkStreamName(input.logStreamName));
  return {};
}

export async function deleteLogStream(store: LogStore, input: DeleteLogStreamRequest): Promise<Record<string, never>> {
  await store.deleteStream(input.logGroupName, checkStreamName(input.logStreamName));
  return {};
}

export async function putRetentionPolicy(store: LogStore, input: PutRetentionPolicyRequest): Promise<Record<string, never>> {
  const group = store.group(input.logGroupName);
  const days = checkRetention(input.retentionInDays);
  group.settings = { ...group.settings, ...(days ? { retentionInDays: days } : {}) };
  group.saveSettings();
  return {};
}

export async function deleteRetentionPolicy(store: LogStore, input: DeleteRetentionPolicyRequest): Promise<Record<string, never>> {
  const group = store.group(input.logGroupName);
  const { retentionInDays: _removed, ...rest } = group.settings;
  group.settings = rest;
  group.saveSettings();
  return {};
}

export async function putLogEvents(store: LogStore, input: PutLogEventsRequest, now = Date.now()): Promise<PutLogEventsResponse> {
  const group = store.group(input.logGroupName);
  const streamName = checkStreamName(input.logStreamName);
  if (!group.streams.has(streamName)) throw new ResourceNotFoundException('The specified log stream does not exist.');
  const events = input.logEvents ?? [];
  if (events.length === 0 || events.length > MAX_BATCH_EVENTS) {
    throw new InvalidParameterException(`1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BATCH_EVENTS} and greater than or equal to 1`);
  }
  let bytes = 0;
  for (const [i, e] of events.entries()) {
    if (typeof e.timestamp !== 'number' || typeof e.message !== 'string' || e.message.length === 0) {
      throw new InvalidParameterException(`Log event ${i} needs a timestamp and a non-empty message`);
    }
    const size = Buffer.byteLength(e.message) + EVENT_OVERHEAD;
    if (size - EVENT_OVERHEAD > MAX_EVENT_BYTES) throw new InvalidParameterException(`Log event too large: ${size - EVENT_OVERHEAD} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    bytes += size;
    if (i > 0 && e.timestamp < events[i - 1]!.timestamp!) {
      throw new InvalidParameterException('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  if (bytes > MAX_BATCH_BYTES) throw new InvalidParameterException(`Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  if (events[events.length - 1]!.timestamp! - events[0]!.timestamp! > DAY) {
    throw new InvalidParameterException('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }
  const retention = group.settings.retentionInDays;
  const tooOld = now - 14 * DAY;
  const expired = retention ? now - retention * DAY : -Infinity;
  const tooNew = now + 2 * HOUR;
  const info: NonNullable<PutLogEventsResponse['rejectedLogEventsInfo']> = {};
  const accepted: Array<{ timestamp: number; message: string }> = [];
  events.forEach((e, i) => {
    const t = e.timestamp!;
    if (t < expired) info.expiredLogEventEndIndex = i;
    else if (t < tooOld) info.tooOldLogEventEndIndex = i;
    else if (t > tooNew) info.tooNewLogEventStartIndex ??= i;
    else accepted.push({ timestamp: t, message: e.message! });
  });
  if (accepted.length > 0) await store.appendEvents(group.settings.name, streamName, accepted, now);
  return {
    nextSequenceToken: String(now).padStart(56, '0'),
    ...(Object.keys(info).length > 0 ? { rejectedLogEventsInfo: info } : {}),
  };
}

// ---- reading ------------------------------------------------------------------

/** GetLogEvents tokens: `f/` (after) or `b/` (before) a position `<timestamp>-<seq>`. */
function parseToken(token: string): { direction: 'f' | 'b'; at: Pick<StoredEvent, 'timestamp' | 'seq'> } {
  const m = /^([fb])\/(-?\d+)-(\d+)$/.exec(token);
  if (!m) throw new InvalidParameterException('The specified nextToken is invalid.');
  return { direction: m[1] as 'f' | 'b', at: { timestamp: Number(m[2]), seq: Number(m[3]) } };
}

const token = (direction: 'f' | 'b', at: Pick<StoredEvent, 'timestamp' | 'seq'>) => `${direction}/${at.timestamp}-${at.seq}`;

export async function getLogEvents(store: LogStore, input: GetLogEventsRequest): Promise<GetLogEventsResponse> {
  const group = groupOf(store, input);
  const stream = group.streams.get(checkStreamName(input.logStreamName));
  if (!stream) throw new ResourceNotFoundException('The specified log stream does not exist.');
  const limit = Math.min(input.limit ?? 10_000, 10_000);
  const inRange = stream.events.filter((e) => (input.startTime === undefined || e.timestamp >= input.startTime) && (input.endTime === undefined || e.timestamp < input.endTime));
  let page: StoredEvent[];
  let start: Pick<StoredEvent, 'timestamp' | 'seq'>;
  if (input.nextToken) {
    const { direction, at } = parseToken(input.nextToken);
    if (direction === 'f') {
      page = inRange.filter((e) => compareEvents(e, at) > 0).slice(0, limit);
    } else {
      const before = inRange.filter((e) => compareEvents(e, at) < 0);
      page = before.slice(Math.max(0, before.length - limit));
    }
    start = at;
  } else {
    page = input.startFromHead ? inRange.slice(0, limit) : inRange.slice(Math.max(0, inRange.length - limit));
    start = page[0] ? { timestamp: page[0].timestamp, seq: page[0].seq - 1 } : { timestamp: input.startTime ?? 0, seq: 0 };
  }
  const first = page[0];
  const last = page[page.length - 1];
  return {
    events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: token('f', last ?? start),
    nextBackwardToken: token('b', first ?? start),
  };
}

export async function filterLogEvents(store: LogStore, input: FilterLogEventsRequest): Promise<FilterLogEventsResponse> {
  const group = groupOf(store, input);
  if (input.logStreamNames && input.logStreamNamePrefix) {
    throw new InvalidParameterException('logStreamNames and logStreamNamePrefix are mutually exclusive');
  }
  const matches = compileFilterPattern(input.filterPattern);
  const limit = Math.min(input.limit ?? 10_000, 10_000);
  const after = input.nextToken ? parseToken(Buffer.from(input.nextToken, 'base64').toString('utf8')).at : undefined;
  const streams = [...group.streams.values()].filter(
    (s) => (!input.logStreamNames || input.logStreamNames.includes(s.name)) && (!input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix)),
  );
  const found: Array<StoredEvent & { stream: string }> = [];
  for (const stream of streams) {
    for (const e of stream.events) {
      if (input.startTime !== undefined && e.timestamp < input.startTime) continue;
      if (input.endTime !== undefined && e.timestamp > input.endTime) continue;
      if (after && compareEvents(e, after) <= 0) continue;
      if (matches(e.message)) found.push({ ...e, stream: stream.name });
    }
  }
  found.sort(compareEvents);
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map((e) => ({
      logStreamName: e.stream,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: `${String(e.timestamp).padStart(20, '0')}${String(e.seq).padStart(20, '0')}`,
    })),
    searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: found.length <= limit })),
    ...(found.length > limit && last ? { nextToken: Buffer.from(token('f', last)).toString('base64') } : {}),
  };
}

function paginate<T>(items: T[], nextToken: string | undefined, limit: number, key: (t: T) => string): { page: T[]; nextToken?: string } {
  const after = nextToken ? Buffer.from(nextToken, 'base64').toString('utf8') : undefined;
  const start = after === undefined ? 0 : items.findIndex((i) => key(i) === after) + 1;
  if (after !== undefined && start === 0) throw new InvalidParameterException('The specified nextToken is invalid.');
  const page = items.slice(start, start + limit);
  return start + limit < items.length ? { page, nextToken: Buffer.from(key(page[page.length - 1]!)).toString('base64') } : { page };
}

export async function describeLogGroups(store: LogStore, place: Place, input: DescribeLogGroupsRequest): Promise<DescribeLogGroupsResponse> {
  if (input.logGroupNamePrefix && input.logGroupNamePattern) {
    throw new InvalidParameterException('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const pattern = input.logGroupNamePattern?.toLowerCase();
  const groups = store
    .list()
    .filter((g) => !input.logGroupNamePrefix || g.settings.name.startsWith(input.logGroupNamePrefix))
    .filter((g) => !pattern || g.settings.name.toLowerCase().includes(pattern));
  const { page, nextToken } = paginate(groups, input.nextToken, Math.min(input.limit ?? 50, 50), (g) => g.settings.name);
  return {
    logGroups: page.map((g) => {
      let stored = 0;
      for (const s of g.streams.values()) for (const e of s.events) stored += Buffer.byteLength(e.message);
      return {
        logGroupName: g.settings.name,
        creationTime: g.settings.createdAt,
        ...(g.settings.retentionInDays ? { retentionInDays: g.settings.retentionInDays } : {}),
        metricFilterCount: 0,
        arn: `${groupArn(place, g.settings.name)}:*`,
        logGroupArn: groupArn(place, g.settings.name),
        storedBytes: stored,
        logGroupClass: g.settings.logGroupClass as 'STANDARD',
        ...(g.settings.kmsKeyId ? { kmsKeyId: g.settings.kmsKeyId } : {}),
      };
    }),
    ...(nextToken ? { nextToken } : {}),
  };
}

export async function describeLogStreams(store: LogStore, place: Place, input: DescribeLogStreamsRequest): Promise<DescribeLogStreamsResponse> {
  const group = groupOf(store, input);
  const orderBy = input.orderBy ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && input.logStreamNamePrefix) {
    throw new InvalidParameterException('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const lastEvent = (s: { events: StoredEvent[] }) => s.events[s.events.length - 1]?.timestamp ?? 0;
  const streams = [...group.streams.values()]
    .filter((s) => !input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix))
    .sort((a, b) => (orderBy === 'LastEventTime' ? lastEvent(a) - lastEvent(b) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (input.descending) streams.reverse();
  const { page, nextToken } = paginate(streams, input.nextToken, Math.min(input.limit ?? 50, 50), (s) => s.name);
  return {
    logStreams: page.map((s) => ({
      logStreamName: s.name,
      creationTime: s.createdAt,
      ...(s.events.length > 0 ? { firstEventTimestamp: s.events[0]!.timestamp, lastEventTimestamp: lastEvent(s) } : {}),
      ...(s.lastIngestionTime ? { lastIngestionTime: s.lastIngestionTime } : {}),
      arn: `${groupArn(place, group.settings.name)}:log-stream:${s.name}`,
      storedBytes: 0,
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}
