/**
 * SSM Parameter Store: parameters with their versions (and labels) in
 * `<data>/ssm/parameters.json`, written atomically on every change; the rules
 * of names, values, allowed patterns, selectors (`name:3`, `name:label`) and
 * paths. SecureString values are kept in clear locally (no KMS) and returned
 * only with WithDecryption, as SSM does.
 */
import type {
  DeleteParameterRequest,
  DeleteParametersRequest,
  DeleteParametersResult,
  DescribeParametersRequest,
  DescribeParametersResult,
  GetParameterHistoryRequest,
  GetParameterHistoryResult,
  GetParameterRequest,
  GetParameterResult,
  GetParametersByPathRequest,
  GetParametersByPathResult,
  GetParametersRequest,
  GetParametersResult,
  Parameter,
  PutParameterRequest,
  PutParameterResult,
} from '@aws-sdk/client-ssm';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../../core/persistence';
import {
  HierarchyLevelLimitExceededException,
  InvalidNextToken,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterPatternMismatchException,
  ParameterVersionNotFound,
  ValidationException,
} from './errors';

interface Version {
  readonly version: number;
  readonly value: string;
  readonly lastModified: number;
  labels: string[];
  readonly description?: string;
}

interface StoredParameter {
  readonly name: string;
  type: 'String' | 'StringList' | 'SecureString';
  description?: string;
  allowedPattern?: string;
  tier: 'Standard' | 'Advanced' | 'Intelligent-Tiering';
  dataType: string;
  keyId?: string;
  tags: Record<string, string>;
  versions: Version[];
}

const NAME = /^[A-Za-z0-9_.\-/]+$/;
const MAX_VERSIONS = 100;

export class ParameterStore {
  private readonly parameters = new Map<string, StoredParameter>();
  private readonly file: string;

  constructor(
    dir: string,
    private readonly region: string,
    private readonly account: string,
  ) {
    this.file = join(dir, 'parameters.json');
    for (const p of readJsonFile<StoredParameter[]>(this.file, [])) this.parameters.set(p.name, p);
  }

  private save(): void {
    writeJsonAtomic(this.file, [...this.parameters.values()]);
  }

  arnOf(name: string): string {
    return `arn:aws:ssm:${this.region}:${this.account}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
  }

  private checkName(name: string | undefined): string {
    if (!name || name.length > 2048 || !NAME.test(name)) {
      throw new ValidationException(`Parameter name: can't be empty and must only contain letters, numbers, and the symbols _.-/ (got "${name ?? ''}")`);
    }
    if (/^\/?(aws|ssm)/i.test(name)) throw new ValidationException('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
    if (name.split('/').filter(Boolean).length > 15) throw new HierarchyLevelLimitExceededException();
    return name;
  }

  /** A name with an optional `:version` or `:label` selector. */
  private resolve(nameWithSelector: string | undefined): { parameter: StoredParameter; version: Version; selector?: string } {
    const raw = nameWithSelector ?? '';
    const at = raw.lastIndexOf(':');
    const name = at > 0 && !raw.startsWith('arn:') ? raw.slice(0, at) : raw.replace(/^arn:aws:ssm:[^:]*:\d*:parameter/, '');
    const selector = at > 0 && !raw.startsWith('arn:') ? raw.slice(at + 1) : undefined;
    const parameter = this.parameters.get(name) ?? this.parameters.get(name.replace(/^\//, ''));
    if (!parameter) throw new ParameterNotFound(raw);
    const version =
      selector === undefined
        ? parameter.versions[parameter.versions.length - 1]!
        : /^\d+$/.test(selector)
          ? parameter.versions.find((v) => v.version === Number(selector))
          : parameter.versions.find((v) => v.labels.includes(selector));
    if (!version) throw new ParameterVersionNotFound(name, selector!);
    return { parameter, version, ...(selector !== undefined ? { selector: `:${selector}` } : {}) };
  }

  private shape(p: StoredParameter, v: Version, decrypt: boolean, selector?: string): Parameter {
    return {
      Name: p.name,
      Type: p.type,
      // Without decryption SSM answers the ciphertext; locally a marked base64 of the value stands for it.
      Value: p.type === 'SecureString' && !decrypt ? Buffer.from(`local-kms:${v.value}`).toString('base64') : v.value,
      Version: v.version,
      LastModifiedDate: new Date(v.lastModified),
      ARN: this.arnOf(p.name),
      DataType: p.dataType,
      ...(selector ? { Selector: selector } : {}),
    };
  }

  put(input: PutParameterRequest, now = Date.now()): PutParameterResult {
    const name = this.checkName(input.Name);
    const value = input.Value;
    if (value === undefined || value === '') throw new ValidationException('Parameter value can\'t be empty.');
    const existing = this.parameters.get(name);
    const tier = input.Tier === 'Advanced' || existing?.tier === 'Advanced' ? 'Advanced' : 'Standard';
    const limit = tier === 'Advanced' ? 8192 : 4096;
    if (Buffer.byteLength(value) > limit) throw new ValidationException(`Parameter value is ${Buffer.byteLength(value)} bytes; a ${tier} parameter holds at most ${limit}.`);
    const pattern = input.AllowedPattern ?? existing?.allowedPattern;
    if (pattern && !new RegExp(pattern).test(value)) throw new ParameterPatternMismatchException(pattern);
    if (existing && !input.Overwrite) throw new ParameterAlreadyExists();
    if (existing && input.Type && input.Type !== existing.type && !input.Overwrite) throw new ValidationException('The parameter type cannot be changed without Overwrite.');
    if (input.Type === undefined && !existing) throw new ValidationException('A parameter type is required when you create a parameter.');
    if (existing && input.Tags?.length) throw new ValidationException('Invalid request: tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.');
    const parameter: StoredParameter = existing ?? {
      name,
      type: input.Type as StoredParameter['type'],
      tier,
      dataType: input.DataType ?? 'text',
      tags: Object.fromEntries((input.Tags ?? []).map((t) => [t.Key!, t.Value!])),
      versions: [],
    };
    if (input.Type) parameter.type = input.Type as StoredParameter['type'];
    if (input.Description !== undefined) parameter.description = input.Description;
    if (input.AllowedPattern !== undefined) parameter.allowedPattern = input.AllowedPattern;
    if (input.KeyId !== undefined) parameter.keyId = input.KeyId;
    parameter.tier = tier;
    const version = (parameter.versions[parameter.versions.length - 1]?.version ?? 0) + 1;
    parameter.versions = [...parameter.versions, { version, value, lastModified: now, labels: [] }].slice(-MAX_VERSIONS);
    this.parameters.set(name, parameter);
    this.save();
    return { Version: version, Tier: tier };
  }

  get(input: GetParameterRequest): GetParameterResult {
    const { parameter, version, selector } = this.resolve(input.Name);
    return { Parameter: this.shape(parameter, version, input.WithDecryption === true, selector) };
  }

  getMany(input: GetParametersRequest): GetParametersResult {
    const names = input.Names ?? [];
    if (names.length === 0 || names.length > 10) throw new ValidationException('1 validation error detected: Value at \'names\' failed to satisfy constraint: Member must have length less than or equal to 10 and greater than or equal to 1');
    const found: Parameter[] = [];
    const invalid: string[] = [];
    for (const n of names) {
      try {
        const { parameter, version, selector } = this.resolve(n);
        found.push(this.shape(parameter, version, input.WithDecryption === true, selector));
      } catch {
        invalid.push(n);
      }
    }
    return { Parameters: found, InvalidParameters: invalid };
  }

  byPath(input: GetParametersByPathRequest): GetParametersByPathResult {
    const path = input.Path ?? '';
    if (!path.startsWith('/')) throw new ValidationException('The parameter path must start with "/"');
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const max = Math.min(input.MaxResults ?? 10, 10);
    const matching = [...this.parameters.values()]
      .filter((p) => p.name.startsWith(prefix) && (input.Recursive || !p.name.slice(prefix.length).includes('/')))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw new InvalidNextToken();
    const page = matching.slice(start, start + max);
    return {
      Parameters: page.map((p) => this.shape(p, p.versions[p.versions.length - 1]!, input.WithDecryption === true)),
      ...(start + max < matching.length ? { NextToken: Buffer.from(String(start + max)).toString('base64') } : {}),
    };
  }

  history(input: GetParameterHistoryRequest): GetParameterHistoryResult {
    const { parameter } = this.resolve(input.Name);
    return {
      Parameters: parameter.versions.map((v) => ({
        Name: parameter.name,
        Type: parameter.type,
        Value: this.shape(parameter, v, input.WithDecryption === true).Value!,
        Version: v.version,
        LastModifiedDate: new Date(v.lastModified),
        Labels: [...v.labels],
        Tier: parameter.tier,
        DataType: parameter.dataType,
        ...(parameter.description ? { Description: parameter.description } : {}),
      })),
    };
  }

  describe(input: DescribeParametersRequest): DescribeParametersResult {
    const filters = input.ParameterFilters ?? [];
    const matches = (p: StoredParameter) =>
      filters.every((f) => {
        const values = f.Values ?? [];
        const option = f.Option ?? 'Equals';
        const field = f.Key === 'Name' ? p.name : f.Key === 'Type' ? p.type : f.Key === 'Path' ? p.name : f.Key === 'Tier' ? p.tier : f.Key === 'DataType' ? p.dataType : undefined;
        if (field === undefined) return false;
        if (f.Key === 'Path') return values.some((v) => p.name.startsWith(v.endsWith('/') ? v : `${v}/`) && (option === 'Recursive' || !p.name.slice((v.endsWith('/') ? v : `${v}/`).length).includes('/')));
        return values.some((v) => (option === 'BeginsWith' ? field.startsWith(v) : option === 'Contains' ? field.includes(v) : field === v));
      });
    const all = [...this.parameters.values()].filter(matches).sort((a, b) => (a.name < b.name ? -1 : 1));
    const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString('utf8')) : 0;
    const max = Math.min(input.MaxResults ?? 50, 50);
    const page = all.slice(start, start + max);
    return {
      Parameters: page.map((p) => {
        const latest = p.versions[p.versions.length - 1]!;
        return {
          Name: p.name,
          ARN: this.arnOf(p.name),
          Type: p.type,
          Version: latest.version,
          LastModifiedDate: new Date(latest.lastModified),
          Tier: p.tier,
          DataType: p.dataType,
          Policies: [],
          ...(p.description ? { Description: p.description } : {}),
          ...(p.allowedPattern ? { AllowedPattern: p.allowedPattern } : {}),
          ...(p.keyId ? { KeyId: p.keyId } : {}),
        };
      }),
      ...(start + max < all.length ? { NextToken: Buffer.from(String(start + max)).toString('base64') } : {}),
    };
  }

  delete(input: DeleteParameterRequest): Record<string, never> {
    if (!input.Name || !this.parameters.delete(input.Name)) throw new ParameterNotFound(input.Name ?? '');
    this.save();
    return {};
  }

  deleteMany(input: DeleteParametersRequest): DeleteParametersResult {
    const deleted: string[] = [];
    const invalid: string[] = [];
    for (const n of input.Names ?? []) (this.parameters.delete(n) ? deleted : invalid).push(n);
    this.save();
    return { DeletedParameters: deleted, InvalidParameters: invalid };
  }
}
