/**
 * Athena workgroups (with `primary` always there) and saved (named) queries,
 * from the templates' `AWS::Athena::WorkGroup` / `AWS::Athena::NamedQuery` and
 * the API, persisted in `<data>/athena/workgroups.json`.
 */
import type { NamedQuery, WorkGroup, WorkGroupConfiguration } from '@aws-sdk/client-athena';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../../core/persistence';
import { InvalidRequestException } from './errors';

interface StoredWorkGroup {
  readonly name: string;
  description?: string;
  state: 'ENABLED' | 'DISABLED';
  configuration: WorkGroupConfiguration;
  readonly createdAt: number;
}

interface StoredNamedQuery {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly database: string;
  readonly queryString: string;
  readonly workGroup: string;
}

interface State {
  workGroups: StoredWorkGroup[];
  namedQueries: StoredNamedQuery[];
}

const PRIMARY: StoredWorkGroup = { name: 'primary', state: 'ENABLED', configuration: { EnforceWorkGroupConfiguration: false, PublishCloudWatchMetricsEnabled: false }, createdAt: 0 };

/** CloudFormation spells workgroup settings as the API does, but lower-camel in CDK's L1 output is PascalCase already; booleans may arrive as strings. */
function normalizeConfiguration(c: Record<string, unknown> | undefined): WorkGroupConfiguration {
  const out: Record<string, unknown> = { ...(c ?? {}) };
  for (const k of ['EnforceWorkGroupConfiguration', 'PublishCloudWatchMetricsEnabled', 'RequesterPaysEnabled']) if (typeof out[k] === 'string') out[k] = out[k] === 'true';
  if (typeof out['BytesScannedCutoffPerQuery'] === 'string') out['BytesScannedCutoffPerQuery'] = Number(out['BytesScannedCutoffPerQuery']);
  return out as WorkGroupConfiguration;
}

export class WorkGroups {
  private readonly file: string;
  private readonly state: State;

  constructor(dir: string) {
    this.file = join(dir, 'workgroups.json');
    this.state = readJsonFile<State>(this.file, { workGroups: [], namedQueries: [] });
    if (!this.state.workGroups.some((w) => w.name === 'primary')) this.state.workGroups.unshift({ ...PRIMARY, createdAt: Date.now() });
  }

  private save(): void {
    writeJsonAtomic(this.file, this.state);
  }

  get(name: string | undefined): StoredWorkGroup {
    const wg = this.state.workGroups.find((w) => w.name === (name ?? 'primary'));
    if (!wg) throw new InvalidRequestException(`WorkGroup ${name ?? ''} is not found.`);
    return wg;
  }

  upsert(name: string, properties: { description?: string; state?: string; configuration?: Record<string, unknown> }): void {
    if (!/^[a-zA-Z0-9._-]{1,128}$/.test(name)) throw new InvalidRequestException(`WorkGroup name "${name}" must be 1-128 characters of [a-zA-Z0-9._-]`);
    const existing = this.state.workGroups.find((w) => w.name === name);
    const next: StoredWorkGroup = {
      name,
      ...(properties.description !== undefined ? { description: properties.description } : {}),
      state: properties.state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      configuration: normalizeConfiguration(properties.configuration),
      createdAt: existing?.createdAt ?? Date.now(),
    };
    this.state.workGroups = [...this.state.workGroups.filter((w) => w.name !== name), next];
    this.save();
  }

  list(): StoredWorkGroup[] {
    return [...this.state.workGroups].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  describe(wg: StoredWorkGroup): WorkGroup {
    return {
      Name: wg.name,
      State: wg.state,
      Configuration: { ...wg.configuration, EngineVersion: { SelectedEngineVersion: 'Athena engine version 3', EffectiveEngineVersion: 'Athena engine version 3' } },
      ...(wg.description !== undefined ? { Description: wg.description } : {}),
      CreationTime: new Date(wg.createdAt),
    };
  }

  /** Adds a named query; `stableKey` (stack/logical id) gives a template query the same id on every start. */
  addNamedQuery(q: Omit<StoredNamedQuery, 'id'>, stableKey?: string): string {
    if (!q.name || !q.queryString || !q.database) throw new InvalidRequestException('A named query needs Name, Database and QueryString');
    this.get(q.workGroup);
    const id = stableKey
      ? createHash('sha256').update(stableKey).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5')
      : randomUUID();
    this.state.namedQueries = [...this.state.namedQueries.filter((n) => n.id !== id), { ...q, id }];
    this.save();
    return id;
  }

  namedQuery(id: string | undefined): StoredNamedQuery | undefined {
    return this.state.namedQueries.find((n) => n.id === id);
  }

  namedQueries(workGroup: string): StoredNamedQuery[] {
    return this.state.namedQueries.filter((n) => n.workGroup === workGroup);
  }

  deleteNamedQuery(id: string | undefined): void {
    this.state.namedQueries = this.state.namedQueries.filter((n) => n.id !== id);
    this.save();
  }

  describeNamedQuery(q: StoredNamedQuery): NamedQuery {
    return { NamedQueryId: q.id, Name: q.name, ...(q.description ? { Description: q.description } : {}), Database: q.database, QueryString: q.queryString, WorkGroup: q.workGroup };
  }
}
