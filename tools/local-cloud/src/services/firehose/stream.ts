/**
 * One delivery stream at work. Records accepted by PutRecord(Batch) are in the
 * stream's fsynced journal before the call answers. They wait in the
 * processor buffer (the Lambda processor's size and interval), go through the
 * processors, then wait in a destination buffer per partition (BufferingHints)
 * and are written as one S3 object per buffer, gzipped if configured, under
 * the evaluated prefix; what failed goes to the error prefix as JSON lines. A
 * record leaves the journal only once its object is written, so a restart
 * re-runs whatever was not delivered (at least once, as Firehose).
 */
import { gzipSync } from 'node:zlib';
import type { Journal } from '../../core/persistence';
import type { Logger } from '../../core/logger';
import type { Processor, StreamConfig } from './config';
import { objectName, objectPrefix } from './prefix';
import { errorRecord, InvocationFailure, readTransformationResult, transformationEvent, type BufferedRecord, type RecordOutcome } from './processor';
import { randomUUID } from 'node:crypto';

export type JournalRecord = { readonly k: 'in'; readonly id: string; readonly t: number; readonly d: string } | { readonly k: 'out'; readonly ids: readonly string[] };

export interface StreamDeps {
  /** Invokes a processor Lambda synchronously; resolves with its parsed answer, throws when the function failed. */
  invoke(functionArn: string, event: unknown): Promise<unknown>;
  putObject(bucket: string, key: string, body: Buffer): Promise<void>;
  readonly region: string;
  /** Multiplies buffering intervals and retry delays (the cloud's `delayScale`). */
  readonly scale: number;
  readonly log: Logger;
}

interface Delivered {
  readonly parent: string;
  readonly arrival: number;
  readonly data: Buffer;
}

interface Buffer_ {
  readonly items: Delivered[];
  bytes: number;
  oldest: number;
  timer?: NodeJS.Timeout;
  readonly partitionKeys?: Readonly<Record<string, string>>;
  /** For the error buffer: the error output type. */
  readonly errorType?: string;
}

const MAX_S3_RETRY_MS = 60_000;
/** Lambda invocation payloads are at most 6 MB; batches stay under it. */
const MAX_INVOKE_BYTES = 6 * 1024 * 1024 * 0.7;

export class DeliveryStream {
  private readonly pending = new Map<string, BufferedRecord>();
  /** Sub-records (after de-aggregation) not yet delivered, by parent record id. */
  private readonly remaining = new Map<string, number>();
  private processorBuffer: BufferedRecord[] = [];
  private processorBytes = 0;
  private processorTimer: NodeJS.Timeout | undefined;
  private readonly partitions = new Map<string, Buffer_>();
  private work: Promise<void> = Promise.resolve();
  private journalLines = 0;
  private counter = 0;
  private stopped = false;

  constructor(
    readonly config: StreamConfig,
    private readonly journal: Journal<JournalRecord>,
    private readonly deps: StreamDeps,
    replay: readonly JournalRecord[] = [],
  ) {
    for (const r of replay) {
      if (r.k === 'in') this.pending.set(r.id, { id: r.id, arrival: r.t, data: Buffer.from(r.d, 'base64') });
      else for (const id of r.ids) this.pending.delete(id);
    }
    this.journalLines = replay.length;
    for (const record of this.pending.values()) this.enqueue(record);
  }

  get lambda(): Extract<Processor, { type: 'Lambda' }> | undefined {
    return this.config.processors.find((p): p is Extract<Processor, { type: 'Lambda' }> => p.type === 'Lambda');
  }

  /** A record id as Firehose makes them: long, numeric, increasing. */
  private nextId(now: number): string {
    this.counter++;
    return `${String(now).padStart(16, '0')}${String(this.counter).padStart(12, '0')}${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}${'0'.repeat(16)}`;
  }

  /** Accepts records; resolves once they are durable, with their ids. */
  async accept(data: readonly Buffer[], now = Date.now()): Promise<string[]> {
    const records = data.map((d) => ({ id: this.nextId(now), arrival: now, data: d }));
    for (const r of records) this.pending.set(r.id, r);
    this.journalLines += records.length;
    await this.journal.appendMany(records.map((r) => ({ k: 'in', id: r.id, t: r.arrival, d: r.data.toString('base64') })));
    for (const r of records) this.enqueue(r);
    return records.map((r) => r.id);
  }

  private enqueue(record: BufferedRecord): void {
    this.processorBuffer.push(record);
    this.processorBytes += record.data.length;
    const lambda = this.lambda;
    if (!lambda || this.processorBytes >= lambda.bufferBytes) {
      this.schedule(() => this.processBuffered());
    } else {
      this.processorTimer ??= setTimeout(() => this.schedule(() => this.processBuffered()), lambda.bufferIntervalMs * this.deps.scale);
    }
  }

  private schedule(task: () => Promise<void>): Promise<void> {
    this.work = this.work.then(task).catch((error: unknown) => this.deps.log.error(`Firehose ${this.config.name} failed`, { error: error as Error }));
    return this.work;
  }

  private async processBuffered(): Promise<void> {
    if (this.processorTimer) clearTimeout(this.processorTimer);
    this.processorTimer = undefined;
    const batch = this.processorBuffer;
    this.processorBuffer = [];
    this.processorBytes = 0;
    if (batch.length === 0) return;
    let records = batch;
    const outcomes: RecordOutcome[] = [];
    for (const processor of this.config.processors) {
      if (processor.type === 'RecordDeAggregation') records = records.flatMap((r) => deaggregate(r, processor));
    }
    for (const r of batch) this.remaining.set(r.id, records.filter((x) => parentOf(x.id) === r.id).length);
    const lambda = this.lambda;
    if (lambda) {
      for (const chunk of chunks(records)) outcomes.push(...(await this.invokeWithRetries(lambda, chunk)));
    } else {
      outcomes.push(...records.map((record): RecordOutcome => ({ result: 'Ok', record, data: record.data })));
    }
    const delimiter = this.config.processors.find((p): p is Extract<Processor, { type: 'AppendDelimiterToRecord' }> => p.type === 'AppendDelimiterToRecord');
    const finishedNow: string[] = [];
    for (const outcome of outcomes) {
      const parent = parentOf(outcome.record.id);
      if (outcome.result === 'Dropped') {
        if (this.done(parent)) finishedNow.push(parent);
      } else if (outcome.result === 'ProcessingFailed') {
        this.toError(outcome.record, outcome.errorCode, outcome.errorMessage, 1);
      } else {
        const data = delimiter ? Buffer.concat([outcome.data, Buffer.from(delimiter.delimiter)]) : outcome.data;
        this.toPartition({ parent, arrival: outcome.record.arrival, data }, outcome.partitionKeys, outcome.record);
      }
    }
    if (finishedNow.length > 0) await this.finish(finishedNow);
  }

  private async invokeWithRetries(lambda: Extract<Processor, { type: 'Lambda' }>, records: BufferedRecord[]): Promise<RecordOutcome[]> {
    let failure = new InvocationFailure('Lambda.FunctionError', 'not invoked');
    for (let attempt = 1; attempt <= lambda.retries + 1; attempt++) {
      try {
        const event = transformationEvent(randomUUID(), this.config.arn, this.deps.region, records);
        return readTransformationResult(await this.deps.invoke(lambda.arn, event), records);
      } catch (error) {
        failure = error instanceof InvocationFailure ? error : new InvocationFailure('Lambda.FunctionError', (error as Error).message);
        this.deps.log.warn(`Firehose ${this.config.name}: processor invocation failed (attempt ${attempt} of ${lambda.retries + 1})`, { error: failure.message });
        if (this.stopped) break;
      }
    }
    return records.map((record) => ({ result: 'ProcessingFailed', record, errorCode: failure.errorCode, errorMessage: failure.message }));
  }

  private done(parent: string): boolean {
    const left = (this.remaining.get(parent) ?? 1) - 1;
    if (left > 0) {
      this.remaining.set(parent, left);
      return false;
    }
    this.remaining.delete(parent);
    return true;
  }

  private toPartition(item: Delivered, keys: Readonly<Record<string, string>> | undefined, record: BufferedRecord): void {
    if (this.config.dynamicPartitioning) {
      const missing = this.config.prefix!.partitionKeys.find((k) => keys?.[k] === undefined);
      if (missing) {
        this.toError(record, 'DynamicPartitioning.MetadataExtractionFailed', `Partition key "${missing}" is missing from the processor's metadata.partitionKeys`, 1, 'partitioning-failed');
        return;
      }
    }
    const partition = this.config.dynamicPartitioning ? JSON.stringify(this.config.prefix!.partitionKeys.map((k) => keys![k])) : '';
    this.add(`data:${partition}`, item, this.config.dynamicPartitioning ? keys : undefined);
  }

  private toError(record: BufferedRecord, errorCode: string, message: string, attempts: number, errorType = 'processing-failed'): void {
    const line = Buffer.from(errorRecord(record, errorCode, message, attempts, this.lambda?.arn));
    this.add(`error:${errorType}`, { parent: parentOf(record.id), arrival: record.arrival, data: line }, undefined, errorType);
  }

  private add(key: string, item: Delivered, partitionKeys?: Readonly<Record<string, string>>, errorType?: string): void {
    let buffer = this.partitions.get(key);
    if (!buffer) {
      buffer = { items: [], bytes: 0, oldest: item.arrival, ...(partitionKeys ? { partitionKeys } : {}), ...(errorType ? { errorType } : {}) };
      this.partitions.set(key, buffer);
    }
    buffer.items.push(item);
    buffer.bytes += item.data.length;
    buffer.oldest = Math.min(buffer.oldest, item.arrival);
    if (buffer.bytes >= this.config.sizeBytes) {
      void this.schedule(() => this.flushBuffer(key));
    } else {
      buffer.timer ??= setTimeout(() => void this.schedule(() => this.flushBuffer(key)), this.config.intervalMs * this.deps.scale);
    }
  }

  private async flushBuffer(key: string): Promise<void> {
    const buffer = this.partitions.get(key);
    if (!buffer || buffer.items.length === 0) return;
    this.partitions.delete(key);
    if (buffer.timer) clearTimeout(buffer.timer);
    const isError = buffer.errorType !== undefined;
    const values = {
      oldestArrival: buffer.oldest,
      zone: this.config.timeZone,
      ...(buffer.partitionKeys ? { partitionKeys: buffer.partitionKeys } : {}),
      ...(buffer.errorType ? { errorType: buffer.errorType } : {}),
    };
    const prefix = objectPrefix(isError ? this.config.errorPrefix : this.config.prefix, values, isError);
    const content = Buffer.concat(buffer.items.map((i) => i.data));
    const gzip = this.config.compression === 'GZIP';
    const body = gzip ? gzipSync(content) : content;
    const objectKey = `${prefix}${objectName(this.config.name, '1', buffer.oldest, gzip || !isError ? this.config.extension : '', this.config.timeZone)}`;
    await this.writeWithRetries(objectKey, body);
    const finished = buffer.items.map((i) => i.parent).filter((parent) => this.done(parent));
    await this.finish(finished);
  }

  private async writeWithRetries(key: string, body: Buffer): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deps.putObject(this.config.bucket, key, body);
        return;
      } catch (error) {
        if (this.stopped && attempt > 3) throw error;
        const delay = Math.min(MAX_S3_RETRY_MS, 1000 * 2 ** (attempt - 1)) * this.deps.scale;
        this.deps.log.warn(`Firehose ${this.config.name}: writing s3://${this.config.bucket}/${key} failed, retrying in ${Math.round(delay)} ms`, { error: (error as Error).message });
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async finish(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) this.pending.delete(id);
    this.journalLines++;
    await this.journal.append({ k: 'out', ids });
    if (this.journalLines > 2000 && this.journalLines > 3 * this.pending.size) {
      await this.journal.rewrite(() => {
        const live: JournalRecord[] = [...this.pending.values()].map((r) => ({ k: 'in', id: r.id, t: r.arrival, d: r.data.toString('base64') }));
        this.journalLines = live.length;
        return live;
      });
    }
  }

  /** Processes and writes everything buffered now (shutdown, tests), ignoring the buffering hints. */
  async flush(): Promise<void> {
    await this.schedule(() => this.processBuffered());
    for (const key of [...this.partitions.keys()]) await this.schedule(() => this.flushBuffer(key));
    await this.work;
  }

  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    if (this.processorTimer) clearTimeout(this.processorTimer);
    for (const b of this.partitions.values()) if (b.timer) clearTimeout(b.timer);
    await this.journal.close();
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}

/** Sub-records made by de-aggregation carry their parent's id before a `#`. */
function parentOf(id: string): string {
  const hash = id.indexOf('#');
  return hash === -1 ? id : id.slice(0, hash);
}

/** Splits concatenated JSON objects (or delimited records) into sub-records. */
function deaggregate(record: BufferedRecord, p: Extract<Processor, { type: 'RecordDeAggregation' }>): BufferedRecord[] {
  const text = record.data.toString('utf8');
  const pieces: string[] = [];
  if (p.subType === 'DELIMITED') {
    pieces.push(...text.split(p.delimiter).filter((s) => s.length > 0));
  } else {
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{') {
        if (depth === 0) start = i;
        depth++;
      } else if (c === '}') {
        depth--;
        if (depth === 0 && start !== -1) pieces.push(text.slice(start, i + 1));
      }
    }
  }
  if (pieces.length <= 1) return [record];
  return pieces.map((piece, i) => ({ id: `${record.id}#${i}`, arrival: record.arrival, data: Buffer.from(piece) }));
}

function chunks(records: BufferedRecord[]): BufferedRecord[][] {
  const out: BufferedRecord[][] = [];
  let current: BufferedRecord[] = [];
  let size = 0;
  for (const r of records) {
    const encoded = Math.ceil(r.data.length / 3) * 4 + 200;
    if (current.length > 0 && size + encoded > MAX_INVOKE_BYTES) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(r);
    size += encoded;
  }
  if (current.length > 0) out.push(current);
  return out;
}
