import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BenchError } from './errors';

/** The workspace root: the nearest folder above `from` holding `nx.json`. */
export function workspaceRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new BenchError(`No nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

interface ProjectManifest {
  readonly nx?: { readonly name?: string; readonly tags?: readonly string[]; readonly targets?: Record<string, unknown> };
}

/** The apps of the workspace that deploy a stack: `apps/<name>` tagged `type:app` with a `synth` target. */
export function deployableApps(root: string): string[] {
  const apps = join(root, 'apps');
  if (!existsSync(apps)) return [];
  return readdirSync(apps, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(apps, d.name, 'package.json')))
    .filter((d) => {
      const nx = readJson<ProjectManifest>(join(apps, d.name, 'package.json')).nx;
      return (nx?.tags ?? []).includes('type:app') && nx?.targets?.['synth'] !== undefined;
    })
    .map((d) => d.name)
    .sort();
}

/** Where `nx run <app>:synth` writes the cloud assembly. */
export const assemblyDirOf = (root: string, app: string): string => join(root, 'dist', 'apps', app, 'cdk.out');
