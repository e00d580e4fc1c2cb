/**
 * Secrets live in one JSON file the user edits, `<data>/secrets.json`:
 * `{ "<name>": <value> }`, where an object value is the secret's JSON text,
 * a string is the text itself, and `{ "$binary": "<base64>" }` is a binary
 * secret. Versions and stages (AWSCURRENT, AWSPREVIOUS), descriptions, tags and
 * scheduled deletions are kept beside it in `<data>/secretsmanager/state.json`.
 * An edit of the file is picked up at the next call as a new AWSCURRENT version.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, writeFileAtomic, writeJsonAtomic } from '../../core/persistence';
import { InvalidRequestException, ResourceNotFoundException, SecretsFileError } from './errors';

/** A value as the secrets file holds it. */
export type FileValue = string | { readonly $binary: string } | Record<string, unknown> | unknown[];

export interface SecretVersion {
  readonly id: string;
  stages: string[];
  readonly createdAt: number;
  readonly value: FileValue;
}

export interface SecretRecord {
  readonly name: string;
  readonly createdAt: number;
  lastChangedAt: number;
  lastAccessedAt?: number;
  description?: string;
  kmsKeyId?: string;
  tags: Record<string, string>;
  /** When a scheduled deletion takes effect (epoch ms). */
  deleteAt?: number;
  deletedAt?: number;
  versions: SecretVersion[];
}

export function isBinary(value: FileValue): value is { $binary: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { $binary?: unknown }).$binary === 'string' && Object.keys(value).length === 1;
}

/** The SecretString / SecretBinary of a stored value. */
export function secretPayload(value: FileValue): { SecretString?: string; SecretBinary?: Uint8Array } {
  if (isBinary(value)) return { SecretBinary: new Uint8Array(Buffer.from(value.$binary, 'base64')) };
  return { SecretString: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** How a SecretString is written to the file: JSON objects stay readable objects, anything else a string. */
export function fileValueOf(secretString: string | undefined, secretBinary: Uint8Array | undefined): FileValue {
  if (secretBinary !== undefined) return { $binary: Buffer.from(secretBinary).toString('base64') };
  const text = secretString ?? '';
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && JSON.stringify(parsed) === text) return parsed as FileValue;
  } catch {
    // not JSON: kept as text
  }
  return text;
}

const same = (a: FileValue, b: FileValue) => JSON.stringify(a) === JSON.stringify(b);

export class SecretStore {
  private readonly secrets = new Map<string, SecretRecord>();
  private fileStamp = '';

  constructor(
    readonly file: string,
    private readonly stateFile: string,
  ) {
    for (const r of readJsonFile<SecretRecord[]>(stateFile, [])) this.secrets.set(r.name, r);
  }

  static at(dataDir: string, stateDir: string): SecretStore {
    return new SecretStore(join(dataDir, 'secrets.json'), join(stateDir, 'state.json'));
  }

  exists(): boolean {
    return existsSync(this.file);
  }

  /** Writes the secrets file (first run, or after an API change). */
  writeFile(values: Readonly<Record<string, FileValue>>): void {
    writeFileAtomic(this.file, `${JSON.stringify(values, null, 2)}\n`);
    this.fileStamp = '';
  }

  private readFile(): Record<string, FileValue> {
    if (!existsSync(this.file)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (cause) {
      throw new InvalidRequestException(new SecretsFileError(this.file, `not valid JSON (${(cause as Error).message})`, { cause }).message);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new InvalidRequestException(new SecretsFileError(this.file, 'it must be a JSON object of secret names to values').message);
    }
    return parsed as Record<string, FileValue>;
  }

  /** The current values of the file, as API changes are applied to it. */
  fileValues(): Record<string, FileValue> {
    return this.readFile();
  }

  /** Brings versions in line with the file when it changed since the last look. */
  refresh(now = Date.now()): void {
    // The file is small: its hash (not its mtime, which can miss a quick second edit) says whether it changed.
    const stamp = existsSync(this.file) ? createHash('sha256').update(readFileSync(this.file)).digest('hex') : 'none';
    if (stamp === this.fileStamp) return;
    const values = this.readFile();
    let changed = false;
    for (const [name, value] of Object.entries(values)) {
      const record = this.secrets.get(name);
      if (!record || record.deletedAt !== undefined) {
        this.secrets.set(name, { name, createdAt: now, lastChangedAt: now, tags: {}, versions: [{ id: randomUUID(), stages: ['AWSCURRENT'], createdAt: now, value }] });
        changed = true;
      } else if (record.deleteAt === undefined && !same(this.current(record).value, value)) {
        this.addVersion(record, randomUUID(), value, now);
        changed = true;
      }
    }
    for (const record of this.secrets.values()) {
      if (!(record.name in values) && record.deleteAt === undefined && record.deletedAt === undefined) {
        record.deletedAt = now; // removed from the file by hand: gone
        changed = true;
      }
    }
    this.fileStamp = stamp;
    if (changed) this.save();
  }

  save(): void {
    writeJsonAtomic(this.stateFile, [...this.secrets.values()]);
  }

  current(record: SecretRecord): SecretVersion {
    return record.versions.find((v) => v.stages.includes('AWSCURRENT'))!;
  }

  /** Adds a version as AWSCURRENT; the previous current becomes AWSPREVIOUS. */
  addVersion(record: SecretRecord, id: string, value: FileValue, now: number, stages = ['AWSCURRENT']): SecretVersion {
    if (stages.includes('AWSCURRENT')) {
      for (const v of record.versions) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
      const previous = record.versions.find((v) => v.stages.includes('AWSCURRENT'));
      if (previous) previous.stages = [...previous.stages.filter((s) => s !== 'AWSCURRENT'), 'AWSPREVIOUS'];
    }
    const version: SecretVersion = { id, stages: [...stages], createdAt: now, value };
    record.versions = [...record.versions.filter((v) => v.stages.length > 0), version].slice(-100);
    record.lastChangedAt = now;
    return version;
  }

  all(): SecretRecord[] {
    return [...this.secrets.values()].filter((r) => r.deletedAt === undefined);
  }

  /** A secret by name, full ARN or partial ARN (without the random suffix). */
  find(id: string | undefined, arnOf: (name: string) => string): SecretRecord {
    if (!id) throw new ResourceNotFoundException();
    const direct = this.secrets.get(id);
    const record =
      direct ??
      [...this.secrets.values()].find((r) => arnOf(r.name) === id || arnOf(r.name).replace(/-[A-Za-z0-9]{6}$/, '') === id);
    if (!record || record.deletedAt !== undefined) throw new ResourceNotFoundException();
    return record;
  }

  create(record: SecretRecord): void {
    this.secrets.set(record.name, record);
  }

  /** Removes deleted secrets whose recovery window has passed. */
  purgeExpired(now = Date.now()): void {
    let changed = false;
    for (const r of this.secrets.values()) {
      if (r.deleteAt !== undefined && r.deleteAt <= now && r.deletedAt === undefined) {
        r.deletedAt = now;
        changed = true;
      }
    }
    if (changed) this.save();
  }

  /** A stable six-character ARN suffix for a name. */
  static suffix(name: string): string {
    const digest = createHash('sha256').update(name).digest();
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return [...digest.subarray(0, 6)].map((b) => chars[b % chars.length]).join('');
  }
}
