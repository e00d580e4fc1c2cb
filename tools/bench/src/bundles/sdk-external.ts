import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { BenchError } from '../errors';
import { readJson } from '../workspace';
import type { Bundle } from './discover';

/** The packages the Lambda Node.js runtime provides, which a bundle may leave out. */
export const RUNTIME_PROVIDED = '@aws-sdk/*';

interface NxBuildOptions {
  readonly platform?: BuildOptions['platform'];
  readonly target?: string;
  readonly format?: ReadonlyArray<'cjs' | 'esm'>;
  readonly bundle?: boolean;
  readonly minify?: boolean;
  readonly sourcemap?: boolean;
  readonly external?: readonly string[];
  readonly esbuildOptions?: { readonly mainFields?: string[]; readonly legalComments?: BuildOptions['legalComments'] };
}

/** Nearest folder above `file` (inclusive of its own) holding `name`. */
function nearest(root: string, file: string, name: string): string {
  for (let dir = dirname(join(root, file)); dir.startsWith(root); dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return dir;
  }
  throw new BenchError(`No ${name} above ${file}`);
}

/**
 * The esbuild options of a handler's `nx build`: `nx.json`'s build target
 * defaults, overridden by the project's own build options, as `@nx/esbuild`
 * passes them to esbuild (bundle, platform, target, CJS, minify, source maps,
 * main fields, legal comments, externals).
 */
export function nxBuildOptions(root: string, entryPoint: string): BuildOptions {
  const defaults = readJson<{ targetDefaults?: { build?: { options?: NxBuildOptions } } }>(join(root, 'nx.json')).targetDefaults?.build?.options ?? {};
  const projectDir = nearest(root, entryPoint, 'package.json');
  const own = readJson<{ nx?: { targets?: { build?: { options?: NxBuildOptions } } } }>(join(projectDir, 'package.json')).nx?.targets?.build?.options ?? {};
  const o: NxBuildOptions = { ...defaults, ...own, esbuildOptions: { ...defaults.esbuildOptions, ...own.esbuildOptions } };
  return {
    absWorkingDir: root,
    entryPoints: [join(root, entryPoint)],
    tsconfig: join(nearest(root, entryPoint, 'tsconfig.json'), 'tsconfig.json'),
    bundle: o.bundle ?? true,
    platform: o.platform ?? 'node',
    ...(o.target ? { target: o.target } : {}),
    format: o.format?.[0] ?? 'cjs',
    minify: o.minify ?? false,
    sourcemap: o.sourcemap ?? false,
    external: [...(o.external ?? [])],
    ...(o.esbuildOptions?.mainFields ? { mainFields: o.esbuildOptions.mainFields } : {}),
    ...(o.esbuildOptions?.legalComments ? { legalComments: o.esbuildOptions.legalComments } : {}),
    logLevel: 'error',
  };
}

/** Where the variant of a bundle built with the runtime's SDK left external is written. */
export const sdkExternalPathOf = (root: string, bundle: Bundle): string =>
  join(root, 'dist', 'tools', 'bench', 'sdk-external', bundle.folder, bundle.path.slice(bundle.path.lastIndexOf('/') + 1));

/**
 * Builds the same handler with the same options plus `@aws-sdk/*` external,
 * beside a link to every non-bundle file of the original folder (a native
 * module's `node_modules`, fonts), so that it resolves the SDK from the
 * workspace's `node_modules` as the Lambda runtime would from its own.
 */
export async function buildSdkExternal(root: string, bundle: Bundle): Promise<string> {
  if (!bundle.build) throw new BenchError(`${bundle.id}: no esbuild metafile beside it says which handler built it`);
  const outfile = sdkExternalPathOf(root, bundle);
  const outdir = dirname(outfile);
  mkdirSync(outdir, { recursive: true });
  const options = nxBuildOptions(root, bundle.build.entryPoint);
  await build({ ...options, outfile, external: [...new Set([...(options.external ?? []), ...bundle.build.externals, RUNTIME_PROVIDED])] });
  const original = dirname(bundle.path);
  for (const entry of readdirSync(original)) {
    if (/\.(js|map)$|meta\.json$/.test(entry) || entry === 'cdk.out') continue;
    rmSync(join(outdir, entry), { recursive: true, force: true });
    symlinkSync(join(original, entry), join(outdir, entry));
  }
  return outfile;
}
