import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The Nx workspace root (the folder holding `nx.json`), found from this file's location. */
export function workspaceRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No nx.json above ${__dirname}`);
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** Where a service's build artefacts go: its Lambda bundles, extra assets and synthesized cloud assembly. */
export function distDirOf(service: string): string {
  return join(workspaceRoot(), 'dist', 'apps', service);
}

/**
 * Where `nx build <service>` writes the service's Lambda bundles. A folder of its
 * own, beside the synthesized `cdk.out`, because a build (or a restore from the
 * build cache) replaces its whole output folder.
 */
export function bundleDirOf(service: string): string {
  return join(distDirOf(service), 'lambda');
}
