import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NotSynthesizedError, TemplateShapeError } from '../errors';
import { assemblyDirOf, readJson } from '../workspace';

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

export interface Template {
  readonly Resources: Readonly<Record<string, TemplateResource>>;
}

/** One stack of an app's cloud assembly, as `cdk synth` wrote it. */
export interface SynthesizedStack {
  readonly app: string;
  readonly stackName: string;
  readonly assemblyDir: string;
  readonly templateFile: string;
  readonly template: Template;
  /** From the artifact's `aws://account/region`; undefined when environment-agnostic. */
  readonly region: string | undefined;
  /** When the template was written (to warn about templates older than their sources). */
  readonly writtenAtMs: number;
}

interface Manifest {
  readonly artifacts?: Readonly<
    Record<string, { readonly type: string; readonly environment?: string; readonly properties?: { readonly templateFile?: string } }>
  >;
}

/** The stacks of one app's assembly, or `undefined` when the app has not been synthesized. */
export function readAssembly(root: string, app: string): SynthesizedStack[] | undefined {
  const dir = assemblyDirOf(root, app);
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) return undefined;
  const stacks: SynthesizedStack[] = [];
  for (const [id, artifact] of Object.entries(readJson<Manifest>(manifestFile).artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const file = artifact.properties?.templateFile;
    if (!file) throw new TemplateShapeError(`${relative(root, manifestFile)}: stack ${id} names no template file`);
    const templateFile = join(dir, file);
    if (!existsSync(templateFile)) return undefined;
    const template = readJson<Template>(templateFile);
    if (typeof template.Resources !== 'object' || template.Resources === null) {
      throw new TemplateShapeError(`${relative(root, templateFile)} has no Resources`);
    }
    const region = /^aws:\/\/[^/]+\/(.+)$/.exec(artifact.environment ?? '')?.[1];
    stacks.push({
      app,
      stackName: id,
      assemblyDir: dir,
      templateFile,
      template,
      region: region && !region.startsWith('unknown-') ? region : undefined,
      writtenAtMs: statSync(templateFile).mtimeMs,
    });
  }
  return stacks.length > 0 ? stacks : undefined;
}

/** Every app's stacks; `NotSynthesizedError` naming every app that has none. */
export function readAllAssemblies(root: string, apps: readonly string[]): SynthesizedStack[] {
  const missing: string[] = [];
  const stacks: SynthesizedStack[] = [];
  for (const app of apps) {
    const found = readAssembly(root, app);
    if (found) stacks.push(...found);
    else missing.push(app);
  }
  if (missing.length > 0) throw new NotSynthesizedError(missing);
  return stacks;
}

/** Newest modification time of an app's deployable sources (specs, fixtures and test helpers excluded). */
export function newestSourceMs(root: string, app: string): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['__fixtures__', '__testing__', '__snapshots__', 'node_modules'].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  const src = join(root, 'apps', app, 'src');
  if (existsSync(src)) walk(src);
  return newest;
}

/** Resources of a type across stacks, with the stack each came from. */
export function resourcesOfType(
  stacks: readonly SynthesizedStack[],
  type: string,
): Array<{ readonly stack: SynthesizedStack; readonly logicalId: string; readonly resource: TemplateResource }> {
  return stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources)
      .filter(([, r]) => r.Type === type)
      .map(([logicalId, resource]) => ({ stack, logicalId, resource })),
  );
}
