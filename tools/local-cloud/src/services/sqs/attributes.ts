/**
 * Queue attributes: defaults, validation (the ranges SQS enforces) and the
 * two spellings they arrive in (the API's string map; a template's typed
 * properties). Pure.
 */
import { InvalidAttributeName, InvalidAttributeValue } from './errors';

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

export interface QueueSettings {
  readonly VisibilityTimeout: number;
  readonly MessageRetentionPeriod: number;
  readonly MaximumMessageSize: number;
  readonly DelaySeconds: number;
  readonly ReceiveMessageWaitTimeSeconds: number;
  readonly RedrivePolicy?: RedrivePolicy;
  /** Kept as the JSON text the caller gave (`{"redrivePermission":"allowAll"}`...). */
  readonly RedriveAllowPolicy?: string;
  readonly FifoQueue: boolean;
  readonly ContentBasedDeduplication: boolean;
  readonly DeduplicationScope?: string;
  readonly FifoThroughputLimit?: string;
  readonly KmsMasterKeyId?: string;
  readonly KmsDataKeyReusePeriodSeconds?: number;
  readonly SqsManagedSseEnabled: boolean;
  readonly Policy?: string;
}

export const DEFAULT_SETTINGS: QueueSettings = {
  VisibilityTimeout: 30,
  MessageRetentionPeriod: 345_600,
  MaximumMessageSize: 1_048_576,
  DelaySeconds: 0,
  ReceiveMessageWaitTimeSeconds: 0,
  FifoQueue: false,
  ContentBasedDeduplication: false,
  SqsManagedSseEnabled: true,
};

const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  VisibilityTimeout: [0, 43_200],
  MessageRetentionPeriod: [60, 1_209_600],
  MaximumMessageSize: [1_024, 1_048_576],
  DelaySeconds: [0, 900],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

/** The attributes CreateQueue and SetQueueAttributes take. */
export const SETTABLE_ATTRIBUTES = [
  ...Object.keys(RANGES),
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'KmsMasterKeyId',
  'SqsManagedSseEnabled',
  'Policy',
];

function integer(name: string, value: string): number {
  const n = Number(value);
  const [min, max] = RANGES[name]!;
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new InvalidAttributeValue(`Invalid value for the parameter ${name}. Reason: must be an integer from ${min} to ${max}.`);
  }
  return n;
}

function bool(name: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw new InvalidAttributeValue(`Invalid value for the parameter ${name}. Reason: must be true or false.`);
  return value === 'true';
}

export function parseRedrivePolicy(value: string | RedrivePolicy): RedrivePolicy {
  let parsed: Record<string, unknown>;
  try {
    parsed = typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : { ...value };
  } catch {
    throw new InvalidAttributeValue('Value for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map.');
  }
  const arn = parsed['deadLetterTargetArn'];
  const max = Number(parsed['maxReceiveCount']);
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) {
    throw new InvalidAttributeValue('Value for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new InvalidAttributeValue('Value for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: must be an integer from 1 to 1000.');
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: max };
}

/** Applies `Attributes` of CreateQueue / SetQueueAttributes to settings. */
export function applyAttributes(base: QueueSettings, attributes: Readonly<Record<string, string>>, options: { creating: boolean }): QueueSettings {
  let settings: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(attributes)) {
    if (!SETTABLE_ATTRIBUTES.includes(name)) throw new InvalidAttributeName(name);
    if (name in RANGES) settings[name] = integer(name, value);
    else if (name === 'FifoQueue') {
      if (!options.creating) throw new InvalidAttributeName(name);
      settings[name] = bool(name, value);
    } else if (name === 'ContentBasedDeduplication' || name === 'SqsManagedSseEnabled') settings[name] = bool(name, value);
    else if (name === 'RedrivePolicy') {
      if (value === '') {
        const { RedrivePolicy: _removed, ...rest } = settings;
        settings = rest;
      } else settings[name] = parseRedrivePolicy(value);
    } else settings[name] = value;
  }
  return settings as unknown as QueueSettings;
}

/** The typed properties of `AWS::SQS::Queue` as API attributes (RedrivePolicy may be an object or JSON text). */
export function attributesFromTemplate(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (name === 'QueueName' || name === 'Tags' || value === undefined) continue;
    out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

/** Settings as GetQueueAttributes strings. */
export function settingsAsAttributes(settings: QueueSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    if (name === 'FifoQueue' && value === false) continue;
    if (name === 'ContentBasedDeduplication' && !settings.FifoQueue) continue;
    out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
