/**
 * Builds the image responder's Lambda asset, `dist/apps/responding/image-responder/`:
 *
 *   image-responder.js(.map)   the handler, bundled like every other handler but
 *                              with `@napi-rs/canvas` left external (a native module)
 *   node_modules/@napi-rs/canvas                  the module's JavaScript loader
 *   node_modules/@napi-rs/canvas-linux-arm64-gnu  Skia for Lambda (arm64, glibc)
 *   node_modules/@napi-rs/canvas-linux-x64-gnu    Skia for x86-64 Linux, where the
 *                                                 local cloud runs the same asset
 *   fonts/DejaVuSans-Bold.ttf (+ its licence)     the label font (Lambda has no fonts)
 *
 * npm installs only the host's native package, so the other one is fetched from
 * the registry with `npm pack` into `node_modules/.cache/sma-native-packages/`,
 * at the exact version `@napi-rs/canvas` pins, and checked against the
 * integrity hash that `package-lock.json` records for it. Run by the
 * `image-responder-asset` target, which `nx build responding` depends on.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/** The platforms the asset carries Skia for, with the ELF machine number of their binary. */
export const NATIVE_TARGETS = {
  'linux-arm64-gnu': { elfMachine: 183 },
  'linux-x64-gnu': { elfMachine: 62 },
} as const;
export type NativeTarget = keyof typeof NATIVE_TARGETS;

export const CANVAS_PACKAGE = '@napi-rs/canvas';
export const FONT_PACKAGE = 'dejavu-fonts-ttf';
export const FONT_FILE = 'DejaVuSans-Bold.ttf';
export const HANDLER = 'image-responder';

export class AssetBuildError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AssetBuildError';
  }
}

interface Layout {
  readonly root: string;
  readonly out: string;
  readonly cache: string;
}

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new AssetBuildError(`No nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const log = (line: string): void => {
  process.stdout.write(`[image-responder-asset] ${line}\n`);
};

/** The esbuild options every handler is built with (`nx.json` build target defaults), so this bundle matches them. */
function workspaceBuildOptions(root: string): BuildOptions {
  const nx = readJson<{ targetDefaults: { build: { options: Record<string, unknown> } } }>(join(root, 'nx.json'));
  const o = nx.targetDefaults.build.options as {
    platform: BuildOptions['platform'];
    target: string;
    format: Array<'cjs' | 'esm'>;
    minify: boolean;
    sourcemap: boolean;
    esbuildOptions?: { mainFields?: string[]; legalComments?: BuildOptions['legalComments'] };
  };
  return {
    platform: o.platform,
    target: o.target,
    format: o.format[0],
    minify: o.minify,
    sourcemap: o.sourcemap,
    bundle: true,
    ...(o.esbuildOptions?.mainFields ? { mainFields: o.esbuildOptions.mainFields } : {}),
    ...(o.esbuildOptions?.legalComments ? { legalComments: o.esbuildOptions.legalComments } : {}),
  };
}

async function bundleHandler({ root, out }: Layout): Promise<void> {
  const result = await build({
    ...workspaceBuildOptions(root),
    absWorkingDir: root,
    entryPoints: [join(root, 'apps/responding/src/handlers', `${HANDLER}.ts`)],
    outfile: join(out, `${HANDLER}.js`),
    tsconfig: join(root, 'apps/responding/tsconfig.json'),
    // The native module cannot be bundled: it is shipped in node_modules beside the handler.
    external: [CANVAS_PACKAGE],
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(join(out, `${HANDLER}.meta.json`), JSON.stringify(result.metafile));
}

function copyFont({ root, out }: Layout): void {
  const from = join(root, 'node_modules', FONT_PACKAGE);
  mkdirSync(join(out, 'fonts'), { recursive: true });
  copyFileSync(join(from, 'ttf', FONT_FILE), join(out, 'fonts', FONT_FILE));
  copyFileSync(join(from, 'LICENSE'), join(out, 'fonts', 'LICENSE-DejaVu'));
}

/** The loader package: the files it publishes, without type declarations. */
function copyCanvasLoader({ root, out }: Layout): string {
  const from = join(root, 'node_modules', CANVAS_PACKAGE);
  const manifest = readJson<{ version: string; files: string[] }>(join(from, 'package.json'));
  const to = join(out, 'node_modules', CANVAS_PACKAGE);
  mkdirSync(to, { recursive: true });
  for (const file of [...manifest.files.filter((f) => f.endsWith('.js')), 'package.json', 'LICENSE']) {
    copyFileSync(join(from, file), join(to, file));
  }
  return manifest.version;
}

/** `sha512-<base64>` of a file, the form `package-lock.json` records. */
export function integrityOf(path: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(path)).digest('base64')}`;
}

function lockedIntegrity(root: string, name: string, version: string): string {
  const lock = readJson<{ packages: Record<string, { version?: string; integrity?: string }> }>(join(root, 'package-lock.json'));
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry?.integrity || entry.version !== version) {
    throw new AssetBuildError(`package-lock.json pins no ${name}@${version} (found ${entry?.version ?? 'none'}): run npm install at the root`);
  }
  return entry.integrity;
}

/** The package's tarball from the cache, or from the registry (`npm pack`) into the cache; verified either way. */
function tarballOf({ root, cache }: Layout, name: string, version: string): string {
  const expected = lockedIntegrity(root, name, version);
  const cached = join(cache, `${name.replace('/', '+')}-${version}.tgz`);
  if (existsSync(cached) && integrityOf(cached) === expected) return cached;
  log(`fetching ${name}@${version} from the registry`);
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'sma-pack-'));
  try {
    const output = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', scratch, '--json', '--silent'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [packed] = JSON.parse(output) as Array<{ filename: string }>;
    if (!packed) throw new AssetBuildError(`npm pack ${name}@${version} reported no file`);
    renameSync(join(scratch, packed.filename), cached);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const actual = integrityOf(cached);
  if (actual !== expected) {
    rmSync(cached, { force: true });
    throw new AssetBuildError(`${name}@${version} from the registry has integrity ${actual}, package-lock.json says ${expected}`);
  }
  return cached;
}

/** Checks that a Skia binary is an ELF shared object for the expected CPU. */
export function assertElfMachine(binary: string, target: NativeTarget): void {
  const header = readFileSync(binary).subarray(0, 20);
  const isElf = header[0] === 0x7f && header.toString('latin1', 1, 4) === 'ELF';
  const machine = header.readUInt16LE(18);
  if (!isElf || machine !== NATIVE_TARGETS[target].elfMachine) {
    throw new AssetBuildError(`${binary} is not an ELF binary for ${target} (machine ${machine})`);
  }
}

function addNativePackage(layout: Layout, target: NativeTarget, version: string): void {
  const name = `${CANVAS_PACKAGE}-${target}`;
  const to = join(layout.out, 'node_modules', name);
  mkdirSync(to, { recursive: true });
  const installed = join(layout.root, 'node_modules', name);
  if (existsSync(join(installed, 'package.json')) && readJson<{ version: string }>(join(installed, 'package.json')).version === version) {
    cpSync(installed, to, { recursive: true });
  } else {
    execFileSync('tar', ['-xzf', tarballOf(layout, name, version), '-C', to, '--strip-components=1']);
  }
  const binaries = readdirSync(to).filter((f) => f.endsWith('.node'));
  if (binaries.length !== 1) throw new AssetBuildError(`${name} holds ${binaries.length} native binaries, expected 1`);
  assertElfMachine(join(to, binaries[0]!), target);
}

export async function buildImageResponderAsset(root: string = findRoot(__dirname)): Promise<string> {
  const layout: Layout = {
    root,
    out: join(root, 'dist', 'apps', 'responding', 'image-responder'),
    cache: join(root, 'node_modules', '.cache', 'sma-native-packages'),
  };
  rmSync(layout.out, { recursive: true, force: true });
  mkdirSync(layout.out, { recursive: true });
  await bundleHandler(layout);
  copyFont(layout);
  const version = copyCanvasLoader(layout);
  for (const target of Object.keys(NATIVE_TARGETS) as NativeTarget[]) addNativePackage(layout, target, version);
  log(`wrote ${layout.out} (${CANVAS_PACKAGE} ${version} for ${Object.keys(NATIVE_TARGETS).join(', ')})`);
  return layout.out;
}

if (require.main === module) {
  buildImageResponderAsset().catch((error: unknown) => {
    process.stderr.write(`[image-responder-asset] ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
