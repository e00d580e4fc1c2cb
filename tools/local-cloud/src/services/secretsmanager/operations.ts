import type {
  BatchGetSecretValueRequest,
  BatchGetSecretValueResponse,
  CreateSecretRequest,
  CreateSecretResponse,
  DeleteSecretRequest,
  DeleteSecretResponse,
  DescribeSecretRequest,
  DescribeSecretResponse,
  GetSecretValueRequest,
  GetSecretValueResponse,
  ListSecretsRequest,
  ListSecretsResponse,
  PutSecretValueRequest,
  PutSecretValueResponse,
  RestoreSecretRequest,
  RestoreSecretResponse,
  UpdateSecretRequest,
  UpdateSecretResponse,
} from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import { InvalidParameterException, InvalidRequestException, ResourceExistsException, ResourceNotFoundException } from './errors';
import { fileValueOf, secretPayload, type FileValue, type SecretRecord, SecretStore } from './store';

export interface SecretsContext {
  readonly store: SecretStore;
  readonly region: string;
  readonly account: string;
}

const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const MAX_SECRET_BYTES = 65_536;

export function secretArn(ctx: Pick<SecretsContext, 'region' | 'account'>, name: string): string {
  return `arn:aws:secretsmanager:${ctx.region}:${ctx.account}:secret:${name}-${SecretStore.suffix(name)}`;
}

function find(ctx: SecretsContext, id: string | undefined, options: { allowScheduled?: boolean } = {}): SecretRecord {
  ctx.store.refresh();
  const record = ctx.store.find(id, (n) => secretArn(ctx, n));
  if (record.deleteAt !== undefined && !options.allowScheduled) {
    throw new InvalidRequestException("You can't perform this operation on the secret because it was marked for deletion.");
  }
  return record;
}

function checkValue(secretString: string | undefined, secretBinary: Uint8Array | undefined): void {
  if (secretString !== undefined && secretBinary !== undefined) {
    throw new InvalidParameterException('You must provide either SecretString or SecretBinary, but not both.');
  }
  const size = secretBinary?.length ?? Buffer.byteLength(secretString ?? '');
  if (size > MAX_SECRET_BYTES) throw new InvalidParameterException(`The secret value is ${size} bytes; the most is ${MAX_SECRET_BYTES}.`);
}

/** Writes a secret's current value into the user's file. */
function writeThrough(ctx: SecretsContext, name: string, value: FileValue | undefined): void {
  const values = ctx.store.fileValues();
  if (value === undefined) delete values[name];
  else values[name] = value;
  ctx.store.writeFile(values);
}

export async function getSecretValue(ctx: SecretsContext, input: GetSecretValueRequest): Promise<GetSecretValueResponse> {
  const record = find(ctx, input.SecretId);
  const version = input.VersionId
    ? record.versions.find((v) => v.id === input.VersionId)
    : record.versions.find((v) => v.stages.includes(input.VersionStage ?? 'AWSCURRENT'));
  if (!version) {
    throw new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for ${input.VersionId ? `VersionId: ${input.VersionId}` : `staging label: ${input.VersionStage}`}`);
  }
  if (input.VersionId && input.VersionStage && !version.stages.includes(input.VersionStage)) {
    throw new InvalidRequestException(`The version ${input.VersionId} does not carry the staging label ${input.VersionStage}.`);
  }
  record.lastAccessedAt = Date.now();
  return { ARN: secretArn(ctx, record.name), Name: record.name, VersionId: version.id, ...secretPayload(version.value), VersionStages: [...version.stages], CreatedDate: new Date(version.createdAt) };
}

export async function batchGetSecretValue(ctx: SecretsContext, input: BatchGetSecretValueRequest): Promise<BatchGetSecretValueResponse> {
  if (input.Filters?.length) throw new InvalidParameterException('Filters are not supported by the local cloud in BatchGetSecretValue: list SecretIdList instead.');
  const ids = input.SecretIdList ?? [];
  if (ids.length === 0 || ids.length > 20) throw new InvalidParameterException('SecretIdList must list 1 to 20 secrets.');
  const values: NonNullable<BatchGetSecretValueResponse['SecretValues']> = [];
  const errors: NonNullable<BatchGetSecretValueResponse['Errors']> = [];
  for (const id of ids) {
    try {
      values.push(await getSecretValue(ctx, { SecretId: id }));
    } catch (error) {
      errors.push({ SecretId: id, ErrorCode: (error as Error).name, Message: (error as Error).message });
    }
  }
  return { SecretValues: values, Errors: errors };
}

function describe(ctx: SecretsContext, record: SecretRecord) {
  return {
    ARN: secretArn(ctx, record.name),
    Name: record.name,
    ...(record.description !== undefined ? { Description: record.description } : {}),
    ...(record.kmsKeyId ? { KmsKeyId: record.kmsKeyId } : {}),
    LastChangedDate: new Date(record.lastChangedAt),
    ...(record.lastAccessedAt ? { LastAccessedDate: new Date(new Date(record.lastAccessedAt).setUTCHours(0, 0, 0, 0)) } : {}),
    ...(record.deleteAt !== undefined ? { DeletedDate: new Date(record.deleteAt) } : {}),
    Tags: Object.entries(record.tags).map(([Key, Value]) => ({ Key, Value })),
    VersionIdsToStages: Object.fromEntries(record.versions.filter((v) => v.stages.length > 0).map((v) => [v.id, [...v.stages]])),
    CreatedDate: new Date(record.createdAt),
  };
}

export async function describeSecret(ctx: SecretsContext, input: DescribeSecretRequest): Promise<DescribeSecretResponse> {
  return describe(ctx, find(ctx, input.SecretId, { allowScheduled: true }));
}

export async function listSecrets(ctx: SecretsContext, input: ListSecretsRequest): Promise<ListSecretsResponse> {
  ctx.store.refresh();
  const filters = input.Filters ?? [];
  const matches = (r: SecretRecord) =>
    filters.every((f) =>
      (f.Values ?? []).some((raw) => {
        const negate = raw.startsWith('!');
        const v = (negate ? raw.slice(1) : raw).toLowerCase();
        const hit =
          f.Key === 'name' ? r.name.toLowerCase().startsWith(v)
          : f.Key === 'description' ? (r.description ?? '').toLowerCase().startsWith(v)
          : f.Key === 'tag-key' ? Object.keys(r.tags).some((k) => k.toLowerCase().startsWith(v))
          : f.Key === 'tag-value' ? Object.values(r.tags).some((t) => t.toLowerCase().startsWith(v))
          : f.Key === 'all' ? [r.name, r.description ?? '', ...Object.keys(r.tags), ...Object.values(r.tags)].some((s) => s.toLowerCase().startsWith(v))
          : false;
        return negate ? !hit : hit;
      }),
    );
  let records = ctx.store.all().filter((r) => (input.IncludePlannedDeletion || r.deleteAt === undefined) && matches(r));
  records.sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1));
  if (input.SortOrder === 'desc') records = records.reverse();
  const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString('utf8')) : 0;
  const max = Math.min(input.MaxResults ?? 100, 100);
  const page = records.slice(start, start + max);
  return {
    SecretList: page.map((r) => describe(ctx, r)),
    ...(start + max < records.length ? { NextToken: Buffer.from(String(start + max)).toString('base64') } : {}),
  };
}

export async function createSecret(ctx: SecretsContext, input: CreateSecretRequest, now = Date.now()): Promise<CreateSecretResponse> {
  ctx.store.refresh();
  const name = input.Name ?? '';
  if (!NAME.test(name)) throw new InvalidParameterException('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  if (ctx.store.all().some((r) => r.name === name)) throw new ResourceExistsException(name);
  checkValue(input.SecretString, input.SecretBinary);
  const id = input.ClientRequestToken ?? randomUUID();
  const value = input.SecretString !== undefined || input.SecretBinary !== undefined ? fileValueOf(input.SecretString, input.SecretBinary) : undefined;
  const record: SecretRecord = {
    name,
    createdAt: now,
    lastChangedAt: now,
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    ...(input.KmsKeyId ? { kmsKeyId: input.KmsKeyId } : {}),
    tags: Object.fromEntries((input.Tags ?? []).map((t) => [t.Key!, t.Value!])),
    versions: value === undefined ? [] : [{ id, stages: ['AWSCURRENT'], createdAt: now, value }],
  };
  ctx.store.create(record);
  ctx.store.save();
  if (value !== undefined) writeThrough(ctx, name, value);
  return { ARN: secretArn(ctx, name), Name: name, ...(value !== undefined ? { VersionId: id } : {}) };
}

export async function putSecretValue(ctx: SecretsContext, input: PutSecretValueRequest, now = Date.now()): Promise<PutSecretValueResponse> {
  const record = find(ctx, input.SecretId);
  if (input.SecretString === undefined && input.SecretBinary === undefined) throw new InvalidRequestException('You must provide either SecretString or SecretBinary.');
  checkValue(input.SecretString, input.SecretBinary);
  const value = fileValueOf(input.SecretString, input.SecretBinary);
  const id = input.ClientRequestToken ?? randomUUID();
  const existing = record.versions.find((v) => v.id === id);
  if (existing) {
    if (JSON.stringify(existing.value) !== JSON.stringify(value)) {
      throw new ResourceExistsException(`${record.name} version ${id} (a version cannot be changed, only added)`);
    }
    return { ARN: secretArn(ctx, record.name), Name: record.name, VersionId: id, VersionStages: [...existing.stages] };
  }
  const stages = input.VersionStages?.length ? [...input.VersionStages] : ['AWSCURRENT'];
  const version = ctx.store.addVersion(record, id, value, now, stages);
  ctx.store.save();
  if (stages.includes('AWSCURRENT')) writeThrough(ctx, record.name, value);
  return { ARN: secretArn(ctx, record.name), Name: record.name, VersionId: version.id, VersionStages: [...version.stages] };
}

export async function updateSecret(ctx: SecretsContext, input: UpdateSecretRequest): Promise<UpdateSecretResponse> {
  const record = find(ctx, input.SecretId);
  if (input.Description !== undefined) record.description = input.Description;
  if (input.KmsKeyId !== undefined) record.kmsKeyId = input.KmsKeyId;
  ctx.store.save();
  if (input.SecretString !== undefined || input.SecretBinary !== undefined) {
    const out = await putSecretValue(ctx, { SecretId: record.name, SecretString: input.SecretString, SecretBinary: input.SecretBinary, ClientRequestToken: input.ClientRequestToken });
    return { ARN: out.ARN, Name: out.Name, VersionId: out.VersionId };
  }
  return { ARN: secretArn(ctx, record.name), Name: record.name };
}

export async function deleteSecret(ctx: SecretsContext, input: DeleteSecretRequest, now = Date.now()): Promise<DeleteSecretResponse> {
  const record = find(ctx, input.SecretId, { allowScheduled: true });
  if (input.ForceDeleteWithoutRecovery && input.RecoveryWindowInDays !== undefined) {
    throw new InvalidParameterException("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  const days = input.RecoveryWindowInDays ?? 30;
  if (!input.ForceDeleteWithoutRecovery && (days < 7 || days > 30)) {
    throw new InvalidParameterException('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  const at = input.ForceDeleteWithoutRecovery ? now : now + days * 24 * 3600 * 1000;
  if (input.ForceDeleteWithoutRecovery) record.deletedAt = now;
  else record.deleteAt = at;
  ctx.store.save();
  writeThrough(ctx, record.name, undefined);
  return { ARN: secretArn(ctx, record.name), Name: record.name, DeletionDate: new Date(at) };
}

export async function restoreSecret(ctx: SecretsContext, input: RestoreSecretRequest): Promise<RestoreSecretResponse> {
  const record = find(ctx, input.SecretId, { allowScheduled: true });
  if (record.deleteAt === undefined) return { ARN: secretArn(ctx, record.name), Name: record.name };
  delete record.deleteAt;
  ctx.store.save();
  const current = record.versions.find((v) => v.stages.includes('AWSCURRENT'));
  if (current) writeThrough(ctx, record.name, current.value);
  return { ARN: secretArn(ctx, record.name), Name: record.name };
}
