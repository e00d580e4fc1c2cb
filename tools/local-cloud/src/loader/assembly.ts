/**
 * Reading cloud assemblies (`cdk.out`): the manifest's stack artifacts, their
 * templates, environments and asset manifests (S3 object key → local asset path).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AssemblyError } from '../core/errors';

/** A CloudFormation template, as synthesized. */
export interface Template {
  readonly Description?: string;
  readonly Parameters?: Record<string, { Type: string; Default?: unknown; Description?: string }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown }; Condition?: string; Description?: string }>;
  readonly Rules?: Record<string, unknown>;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface StackArtifact {
  readonly stackName: string;
  /** The artifact id in the manifest (usually the stack name). */
  readonly artifactId: string;
  readonly assemblyDir: string;
  readonly templateFile: string;
  readonly template: Template;
  /** `aws://<account>/<region>`'s parts; `undefined` when environment-agnostic ("unknown-…"). */
  readonly account: string | undefined;
  readonly region: string | undefined;
  /** Other stack artifacts this one depends on (artifact ids). */
  readonly dependencies: readonly string[];
  /** S3 object key of each file asset → absolute local path. */
  readonly assets: ReadonlyMap<string, string>;
}

interface Manifest {
  readonly artifacts?: Record<
    string,
    {
      type: string;
      environment?: string;
      properties?: { templateFile?: string; stackName?: string; file?: string; directoryName?: string };
      dependencies?: string[];
    }
  >;
}

function readJson<T>(file: string, what: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw new AssemblyError(`Cannot read ${what} ${file}: ${(cause as Error).message}`, { cause });
  }
}

function parseEnvironment(env: string | undefined): { account: string | undefined; region: string | undefined } {
  const m = /^aws:\/\/([^/]+)\/(.+)$/.exec(env ?? '');
  if (!m) return { account: undefined, region: undefined };
  return {
    account: m[1]!.startsWith('unknown-') ? undefined : m[1],
    region: m[2]!.startsWith('unknown-') ? undefined : m[2],
  };
}

/** Maps every file asset's S3 object key to its local path. */
export function readAssetManifest(assemblyDir: string, file: string): Map<string, string> {
  const manifest = readJson<{ files?: Record<string, { source: { path?: string }; destinations: Record<string, { objectKey: string }> }> }>(
    join(assemblyDir, file),
    'asset manifest',
  );
  const assets = new Map<string, string>();
  for (const asset of Object.values(manifest.files ?? {})) {
    if (!asset.source.path) continue;
    for (const dest of Object.values(asset.destinations)) assets.set(dest.objectKey, resolve(assemblyDir, asset.source.path));
  }
  return assets;
}

/** Reads every stack of a cloud assembly (and of its nested assemblies). */
export function readAssembly(dir: string): StackArtifact[] {
  const assemblyDir = resolve(dir);
  const manifestFile = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new AssemblyError(`No manifest.json in ${assemblyDir}: run the app's synth first`);
  const manifest = readJson<Manifest>(manifestFile, 'cloud assembly manifest');
  const artifacts = manifest.artifacts ?? {};
  const stacks: StackArtifact[] = [];
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      stacks.push(...readAssembly(join(assemblyDir, artifact.properties.directoryName)));
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile = artifact.properties?.templateFile;
    if (!templateFile) throw new AssemblyError(`${manifestFile}: stack ${artifactId} has no templateFile`);
    const template = readJson<Template>(join(assemblyDir, templateFile), `template of ${artifactId}`);
    if (!template.Resources || typeof template.Resources !== 'object') throw new AssemblyError(`${templateFile} has no Resources`);
    const assets = new Map<string, string>();
    for (const dep of artifact.dependencies ?? []) {
      const a = artifacts[dep];
      if (a?.type === 'cdk:asset-manifest' && a.properties?.file) {
        for (const [k, v] of readAssetManifest(assemblyDir, a.properties.file)) assets.set(k, v);
      }
    }
    stacks.push({
      stackName: artifact.properties?.stackName ?? artifactId,
      artifactId,
      assemblyDir,
      templateFile: join(assemblyDir, templateFile),
      template,
      ...parseEnvironment(artifact.environment),
      dependencies: (artifact.dependencies ?? []).filter((d) => artifacts[d]?.type === 'aws:cloudformation:stack'),
      assets,
    });
  }
  return stacks;
}

/** Every app's cloud assembly under `<workspaceRoot>/dist/apps/<app>/cdk.out`, in name order. */
export function discoverAssemblies(workspaceRoot: string): string[] {
  const apps = join(workspaceRoot, 'dist', 'apps');
  if (!existsSync(apps)) return [];
  return readdirSync(apps, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(apps, d.name, 'cdk.out', 'manifest.json')))
    .map((d) => join(apps, d.name, 'cdk.out'))
    .sort();
}

/**
 * The region and account the local cloud runs in. Stacks synthesized for a concrete
 * environment pin it in their ARNs, so that environment wins; they must agree. An
 * explicitly configured region that contradicts them is an error. Otherwise the
 * configured (or default) values apply.
 */
export function chooseEnvironment(
  stacks: readonly StackArtifact[],
  configured: { region?: string; accountId?: string },
): { region: string | undefined; accountId: string | undefined } {
  const pick = (key: 'region' | 'account', wanted: string | undefined, label: string) => {
    const values = [...new Set(stacks.map((s) => s[key]).filter((v): v is string => v !== undefined))];
    if (values.length > 1) {
      throw new AssemblyError(
        `The stacks were synthesized for different ${label}s (${stacks.filter((s) => s[key]).map((s) => `${s.stackName}: ${s[key]}`).join(', ')}); synthesize them for one`,
      );
    }
    if (values.length === 1 && wanted !== undefined && wanted !== values[0]) {
      throw new AssemblyError(`The stacks were synthesized for ${label} ${values[0]} but the local cloud was asked to run in ${wanted}`);
    }
    return values[0] ?? wanted;
  };
  return { region: pick('region', configured.region, 'region'), accountId: pick('account', configured.accountId, 'account') };
}
