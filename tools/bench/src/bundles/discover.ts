import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NotBuiltError } from '../errors';
import { readJson } from '../workspace';

/** A Lambda bundle `nx build` (or an asset script) wrote under `dist/apps/<app>/<folder>/`. */
export interface Bundle {
  /** `<app>/<folder>/<file>`, e.g. `ingress/lambda/twitter.js`. */
  readonly id: string;
  readonly folder: string;
  readonly path: string;
  readonly bytes: number;
  /** Size after gzip -9: about what the deployment zip holds. */
  readonly gzipBytes: number;
  readonly sha256: string;
  /** What esbuild's metafile says built it, when the folder has one. */
  readonly build: BundleBuild | undefined;
}

export interface BundleBuild {
  /** The handler source, relative to the workspace root. */
  readonly entryPoint: string;
  /** Packages the build left external (Node built-ins excluded), e.g. a native module. */
  readonly externals: readonly string[];
}

interface Metafile {
  readonly outputs: Record<string, { readonly entryPoint?: string; readonly imports: ReadonlyArray<{ path: string; external?: boolean }> }>;
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (path: string): boolean => path.startsWith('node:') || BUILTINS.has(path.split('/')[0]!);

/** Every metafile of a folder (`meta.json`, `<handler>.meta.json`), keyed by output path relative to the root. */
function buildsOf(dir: string): Map<string, BundleBuild> {
  const builds = new Map<string, BundleBuild>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('meta.json'))) {
    const meta = readJson<Metafile>(join(dir, file));
    for (const [output, info] of Object.entries(meta.outputs ?? {})) {
      if (!info.entryPoint) continue;
      const externals = [...new Set(info.imports.filter((i) => i.external && !isBuiltin(i.path)).map((i) => i.path))];
      builds.set(output, { entryPoint: info.entryPoint, externals });
    }
  }
  return builds;
}

export function describeBundle(root: string, folder: string, file: string, builds: ReadonlyMap<string, BundleBuild>): Bundle {
  const path = join(root, 'dist', 'apps', folder, file);
  const bytes = readFileSync(path);
  return {
    id: `${folder}/${file}`,
    folder,
    path,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    build: builds.get(relative(root, path)),
  };
}

/**
 * The bundles under `dist/apps/<app>/<folder>/`: the `lambda` folder `nx build` writes and any
 * asset folder an app's own build step writes (e.g. `responding/image-responder`) — top-level
 * `*.js` files only; the synthesized `cdk.out` and `node_modules` hold no bundles of ours.
 */
export function discoverBundles(root: string): Bundle[] {
  const dist = join(root, 'dist', 'apps');
  if (!existsSync(dist)) throw new NotBuiltError(relative(root, dist));
  const bundles: Bundle[] = [];
  const subfolders = (dir: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'cdk.out' && d.name !== 'node_modules')
      .map((d) => d.name)
      .sort();
  for (const app of subfolders(dist)) {
    for (const sub of subfolders(join(dist, app))) {
      const folder = `${app}/${sub}`;
      const dir = join(dist, folder);
      const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
      if (files.length === 0) continue;
      const builds = buildsOf(dir);
      for (const file of files) bundles.push(describeBundle(root, folder, file, builds));
    }
  }
  if (bundles.length === 0) throw new NotBuiltError(relative(root, dist));
  return bundles;
}
