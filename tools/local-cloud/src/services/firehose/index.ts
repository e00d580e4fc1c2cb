/**
 * Kinesis Data Firehose (awsJson1.1, `Firehose_20150804.*`): DirectPut
 * streams to S3 from the templates, PutRecord / PutRecordBatch into a durable
 * buffer, Lambda processors with the full record protocol, dynamic
 * partitioning, custom and error prefixes, GZIP, objects named as Firehose
 * names them. Buffering intervals and retry delays scale with the cloud's
 * `delayScale`; `flush()` writes everything at once (shutdown always does).
 */
import type {
  DeleteDeliveryStreamInput,
  DescribeDeliveryStreamInput,
  DescribeDeliveryStreamOutput,
  ListDeliveryStreamsInput,
  ListDeliveryStreamsOutput,
  PutRecordBatchInput,
  PutRecordBatchOutput,
  PutRecordInput,
  PutRecordOutput,
  CreateDeliveryStreamInput,
  CreateDeliveryStreamOutput,
} from '@aws-sdk/client-firehose';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Cloud } from '../../core/cloud';
import { Journal, readJsonFile, writeJsonAtomic } from '../../core/persistence';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { streamConfig } from './config';
import { InvalidArgumentException, ResourceInUseException, ResourceNotFoundException } from './errors';
import { DeliveryStream, type JournalRecord, type StreamDeps } from './stream';

export * from './errors';

const MAX_RECORD_BYTES = 1_024_000;
const MAX_BATCH_RECORDS = 500;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export interface FirehoseInstance extends ServiceInstance<'AWS::KinesisFirehose::DeliveryStream'> {
  /** Writes every buffered record now, ignoring the buffering hints. */
  flush(): Promise<void>;
}

interface SavedStream {
  readonly name: string;
  readonly definition: Record<string, unknown>;
  readonly createdAt: number;
}

const NAME = /^[a-zA-Z0-9_.-]{1,64}$/;

export const firehoseService = defineService({
  name: 'firehose',
  signingName: 'firehose',
  protocol: 'awsJson1_1',
  targetPrefix: 'Firehose_20150804',
  sdk: () => require('@aws-sdk/client-firehose') as SdkModule,
  resourceTypes: ['AWS::KinesisFirehose::DeliveryStream'],
  create: async (cloud: Cloud): Promise<FirehoseInstance> => {
    const root = cloud.dataDir('firehose');
    const log = cloud.log.child('firehose');
    const streams = new Map<string, DeliveryStream>();
    const arnOf = (name: string) => `arn:aws:firehose:${cloud.config.region}:${cloud.config.accountId}:deliverystream/${name}`;
    const deps: StreamDeps = {
      region: cloud.config.region,
      scale: cloud.config.delayScale,
      log,
      async invoke(functionArn, event) {
        const out = (await cloud.call('lambda', 'Invoke', {
          FunctionName: functionArn,
          InvocationType: 'RequestResponse',
          Payload: new Uint8Array(Buffer.from(JSON.stringify(event))),
        })) as { FunctionError?: string; Payload?: Uint8Array };
        const text = Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8');
        if (out.FunctionError) {
          let message = text;
          try {
            message = (JSON.parse(text) as { errorMessage?: string }).errorMessage ?? text;
          } catch {
            // the raw text is the message
          }
          throw new Error(`The Lambda function failed (${out.FunctionError}): ${message}`);
        }
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new Error(`The Lambda function returned a response that is not JSON: ${text.slice(0, 200)}`);
        }
      },
      async putObject(bucket, key, body) {
        await cloud.call('s3', 'PutObject', { Bucket: bucket, Key: key, Body: new Uint8Array(body) });
      },
    };

    const open = async (saved: SavedStream): Promise<DeliveryStream> => {
      const config = streamConfig(saved.definition, saved.name, arnOf(saved.name), saved.createdAt);
      const dir = join(root, saved.name);
      writeJsonAtomic(join(dir, 'stream.json'), saved);
      const { journal, records } = await Journal.open<JournalRecord>(join(dir, 'records.ndjson'));
      const stream = new DeliveryStream(config, journal, deps, records);
      if (stream.pendingCount > 0) log.info(`${saved.name}: resuming ${stream.pendingCount} records accepted before the restart`);
      return stream;
    };

    // Streams created by the API survive restarts; template streams are (re)created by provisioning.
    const saved = existsSync(root) ? readdirSync(root).map((d) => readJsonFile<SavedStream | undefined>(join(root, d, 'stream.json'), undefined)).filter((s): s is SavedStream => s !== undefined) : [];

    const stream = (name: string | undefined): DeliveryStream => {
      const s = name === undefined ? undefined : streams.get(name);
      if (!s) throw new ResourceNotFoundException(String(name));
      return s;
    };

    const describe = (s: DeliveryStream): DescribeDeliveryStreamOutput => ({
      DeliveryStreamDescription: {
        DeliveryStreamName: s.config.name,
        DeliveryStreamARN: s.config.arn,
        DeliveryStreamStatus: 'ACTIVE',
        DeliveryStreamType: 'DirectPut',
        VersionId: '1',
        CreateTimestamp: new Date(s.config.createdAt),
        ...(s.config.encryption ? { DeliveryStreamEncryptionConfiguration: { KeyType: s.config.encryption['KeyType'] as 'AWS_OWNED_CMK', Status: 'ENABLED' } } : {}),
        Destinations: [{ DestinationId: 'destinationId-000000000001', ExtendedS3DestinationDescription: s.config.destination as never }],
        HasMoreDestinations: false,
      },
    });

    const create = async (name: string, definition: Record<string, unknown>, createdAt = Date.now()) => {
      if (!NAME.test(name)) throw new InvalidArgumentException(`DeliveryStreamName "${name}" must be 1-64 characters of [a-zA-Z0-9_.-]`);
      const existing = streams.get(name);
      if (existing) await existing.stop();
      const s = await open({ name, definition, createdAt: existing?.config.createdAt ?? createdAt });
      streams.set(name, s);
      return s;
    };

    return {
      async flush() {
        for (const s of streams.values()) await s.flush();
      },
      operations: {
        PutRecord: async (input: PutRecordInput): Promise<PutRecordOutput> => {
          const s = stream(input.DeliveryStreamName);
          const data = Buffer.from(input.Record?.Data ?? new Uint8Array());
          if (data.length > MAX_RECORD_BYTES) throw new InvalidArgumentException(`Record size ${data.length} exceeds the limit of ${MAX_RECORD_BYTES} bytes`);
          const [id] = await s.accept([data]);
          return { RecordId: id!, Encrypted: s.config.encryption !== undefined };
        },
        PutRecordBatch: async (input: PutRecordBatchInput): Promise<PutRecordBatchOutput> => {
          const s = stream(input.DeliveryStreamName);
          const records = (input.Records ?? []).map((r) => Buffer.from(r.Data ?? new Uint8Array()));
          if (records.length === 0 || records.length > MAX_BATCH_RECORDS) {
            throw new InvalidArgumentException(`1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BATCH_RECORDS} and greater than or equal to 1`);
          }
          const total = records.reduce((n, r) => n + r.length, 0);
          if (total > MAX_BATCH_BYTES) throw new InvalidArgumentException(`The batch is ${total} bytes; PutRecordBatch takes at most ${MAX_BATCH_BYTES}`);
          const big = records.findIndex((r) => r.length > MAX_RECORD_BYTES);
          if (big !== -1) throw new InvalidArgumentException(`Record ${big} is ${records[big]!.length} bytes, over the limit of ${MAX_RECORD_BYTES}`);
          const ids = await s.accept(records);
          return { FailedPutCount: 0, Encrypted: s.config.encryption !== undefined, RequestResponses: ids.map((RecordId) => ({ RecordId })) };
        },
        DescribeDeliveryStream: (input: DescribeDeliveryStreamInput) => describe(stream(input.DeliveryStreamName)),
        ListDeliveryStreams: (input: ListDeliveryStreamsInput): ListDeliveryStreamsOutput => {
          const names = [...streams.keys()].sort().filter((n) => !input.ExclusiveStartDeliveryStreamName || n > input.ExclusiveStartDeliveryStreamName);
          const limit = input.Limit ?? 10;
          return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
        },
        CreateDeliveryStream: async (input: CreateDeliveryStreamInput): Promise<CreateDeliveryStreamOutput> => {
          const name = input.DeliveryStreamName ?? '';
          if (streams.has(name)) throw new ResourceInUseException(`Firehose ${name} under account ${cloud.config.accountId} already exists.`);
          const s = await create(name, input as unknown as Record<string, unknown>);
          return { DeliveryStreamARN: s.config.arn };
        },
        DeleteDeliveryStream: async (input: DeleteDeliveryStreamInput) => {
          const s = stream(input.DeliveryStreamName);
          await s.stop();
          streams.delete(s.config.name);
          rmSync(join(root, s.config.name), { recursive: true, force: true });
          return {};
        },
      },
      resources: {
        'AWS::KinesisFirehose::DeliveryStream': async (resource: ResolvedResource) => {
          const p = resource.properties as Record<string, unknown> & { DeliveryStreamName?: string };
          const name = p.DeliveryStreamName ?? resource.physicalName({ maxLength: 64 });
          const s = await create(name, p);
          return { ref: name, arn: s.config.arn, attributes: { Arn: s.config.arn } };
        },
      },
      async start() {
        for (const s of saved) {
          if (streams.has(s.name)) continue;
          try {
            streams.set(s.name, await open(s));
          } catch (error) {
            log.error(`stream ${s.name} could not be reopened`, { error: error as Error });
          }
        }
      },
      async stop() {
        for (const s of streams.values()) await s.stop();
      },
    };
  },
});
