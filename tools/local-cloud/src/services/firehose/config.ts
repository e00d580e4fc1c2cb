/**
 * A delivery stream's configuration, read from CreateDeliveryStream input or
 * an `AWS::KinesisFirehose::DeliveryStream` (both spell it the same way), with
 * Firehose's defaults and range checks. What the local cloud cannot run
 * (other destinations, format conversion, Snappy/ZIP, JQ extraction) is refused
 * by name rather than ignored.
 */
import { InvalidArgumentException, UnsupportedFeatureError } from './errors';
import { checkPrefixes, compilePrefix, type CompiledPrefix } from './prefix';

export type Processor =
  | { readonly type: 'Lambda'; readonly arn: string; readonly retries: number; readonly bufferBytes: number; readonly bufferIntervalMs: number }
  | { readonly type: 'AppendDelimiterToRecord'; readonly delimiter: string }
  | { readonly type: 'RecordDeAggregation'; readonly subType: 'JSON' | 'DELIMITED'; readonly delimiter: string };

export interface StreamConfig {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly bucket: string;
  readonly bucketArn: string;
  readonly prefix?: CompiledPrefix;
  readonly errorPrefix?: CompiledPrefix;
  readonly intervalMs: number;
  readonly sizeBytes: number;
  readonly compression: 'UNCOMPRESSED' | 'GZIP';
  readonly extension: string;
  readonly dynamicPartitioning: boolean;
  readonly processors: readonly Processor[];
  readonly timeZone: string;
  /** The destination as given, for DescribeDeliveryStream. */
  readonly destination: Readonly<Record<string, unknown>>;
  readonly encryption?: Readonly<Record<string, unknown>>;
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const yes = (v: unknown) => v === true || v === 'true';
const MB = 1024 * 1024;

function inRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) throw new InvalidArgumentException(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function parameters(p: Loose): Record<string, string> {
  const list = Array.isArray(p['Parameters']) ? (p['Parameters'] as Loose[]) : [];
  return Object.fromEntries(list.map((x) => [String(x['ParameterName']), String(x['ParameterValue'])]));
}

function processorsOf(stream: string, destination: Loose): Processor[] {
  const processing = obj(destination['ProcessingConfiguration']);
  if (!yes(processing['Enabled'])) return [];
  const list = Array.isArray(processing['Processors']) ? (processing['Processors'] as Loose[]) : [];
  return list.map((p): Processor => {
    const params = parameters(p);
    switch (p['Type']) {
      case 'Lambda': {
        if (!params['LambdaArn']) throw new InvalidArgumentException(`Firehose stream ${stream}: a Lambda processor needs the LambdaArn parameter`);
        return {
          type: 'Lambda',
          arn: params['LambdaArn'],
          retries: inRange('NumberOfRetries', Number(params['NumberOfRetries'] ?? 3), 0, 300),
          bufferBytes: inRange('BufferSizeInMBs', Number(params['BufferSizeInMBs'] ?? 1), 0.2, 3) * MB,
          bufferIntervalMs: inRange('BufferIntervalInSeconds', Number(params['BufferIntervalInSeconds'] ?? 60), 0, 900) * 1000,
        };
      }
      case 'AppendDelimiterToRecord':
        return { type: 'AppendDelimiterToRecord', delimiter: unescape(params['Delimiter'] ?? '\\n') };
      case 'RecordDeAggregation': {
        const subType = params['SubRecordType'] === 'DELIMITED' ? 'DELIMITED' : 'JSON';
        return { type: 'RecordDeAggregation', subType, delimiter: unescape(params['Delimiter'] ?? '\\n') };
      }
      case 'MetadataExtraction':
        throw new UnsupportedFeatureError(stream, 'the MetadataExtraction (JQ) processor');
      default:
        throw new UnsupportedFeatureError(stream, `the ${String(p['Type'])} processor`);
    }
  });
}

function unescape(text: string): string {
  return text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\r/g, '\r');
}

const UNSUPPORTED_DESTINATIONS = [
  'RedshiftDestinationConfiguration',
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'HttpEndpointDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
];

/** Reads and checks a stream definition. */
export function streamConfig(props: Loose, name: string, arn: string, createdAt = Date.now()): StreamConfig {
  if (props['DeliveryStreamType'] !== undefined && props['DeliveryStreamType'] !== 'DirectPut') {
    throw new UnsupportedFeatureError(name, `DeliveryStreamType ${String(props['DeliveryStreamType'])} (only DirectPut)`);
  }
  for (const key of UNSUPPORTED_DESTINATIONS) if (props[key] !== undefined) throw new UnsupportedFeatureError(name, `the ${key.replace('Configuration', '')}`);
  const destination = obj(props['ExtendedS3DestinationConfiguration'] ?? props['S3DestinationConfiguration']);
  if (Object.keys(destination).length === 0) throw new InvalidArgumentException(`Firehose stream ${name}: an ExtendedS3DestinationConfiguration is required`);
  const bucketArn = String(destination['BucketARN'] ?? '');
  if (!bucketArn.startsWith('arn:aws:s3:::')) throw new InvalidArgumentException(`Firehose stream ${name}: BucketARN "${bucketArn}" is not an S3 bucket ARN`);
  if (yes(obj(destination['DataFormatConversionConfiguration'])['Enabled'])) throw new UnsupportedFeatureError(name, 'record format conversion (Parquet/ORC)');
  if (destination['S3BackupMode'] === 'Enabled') throw new UnsupportedFeatureError(name, 'S3 backup of source records');
  const compression = String(destination['CompressionFormat'] ?? 'UNCOMPRESSED');
  if (compression !== 'UNCOMPRESSED' && compression !== 'GZIP') throw new UnsupportedFeatureError(name, `${compression} compression`);
  const dynamicPartitioning = yes(obj(destination['DynamicPartitioningConfiguration'])['Enabled']);
  const hints = obj(destination['BufferingHints']);
  const sizeMb = inRange('BufferingHints.SizeInMBs', Number(hints['SizeInMBs'] ?? (dynamicPartitioning ? 64 : 5)), dynamicPartitioning ? 64 : 1, 128);
  const intervalS = inRange('BufferingHints.IntervalInSeconds', Number(hints['IntervalInSeconds'] ?? 300), 0, 900);
  const prefix = destination['Prefix'] ? compilePrefix(String(destination['Prefix']), 'Prefix') : undefined;
  const errorPrefix = destination['ErrorOutputPrefix'] ? compilePrefix(String(destination['ErrorOutputPrefix']), 'ErrorOutputPrefix') : undefined;
  checkPrefixes(prefix ?? compilePrefix('', 'Prefix'), errorPrefix, dynamicPartitioning);
  const timeZone = destination['CustomTimeZone'] ? String(destination['CustomTimeZone']) : 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new InvalidArgumentException(`CustomTimeZone "${timeZone}" is not a time zone`);
  }
  const extension = destination['FileExtension'] !== undefined ? String(destination['FileExtension']) : compression === 'GZIP' ? '.gz' : '';
  if (extension !== '' && !/^\.[0-9a-z!\-_.*'()]{1,127}$/.test(extension)) {
    throw new InvalidArgumentException(`FileExtension "${extension}" must start with a dot and hold only 0-9, a-z and !-_.*'()`);
  }
  return {
    name,
    arn,
    createdAt,
    bucket: bucketArn.slice('arn:aws:s3:::'.length),
    bucketArn,
    ...(prefix ? { prefix } : {}),
    ...(errorPrefix ? { errorPrefix } : {}),
    intervalMs: intervalS * 1000,
    sizeBytes: sizeMb * MB,
    compression,
    extension,
    dynamicPartitioning,
    processors: processorsOf(name, destination),
    timeZone,
    destination,
    ...(props['DeliveryStreamEncryptionConfigurationInput'] ? { encryption: obj(props['DeliveryStreamEncryptionConfigurationInput']) } : {}),
  };
}
