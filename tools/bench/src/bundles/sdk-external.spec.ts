import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { workspaceRoot } from '../workspace';
import type { Bundle } from './discover';
import { buildSdkExternal, nxBuildOptions, sdkExternalPathOf } from './sdk-external';

const root = workspaceRoot();
const entry = relative(root, join(__dirname, '__fixtures__', 'sdk-handler.ts'));

describe("nxBuildOptions: the handler build's esbuild options", () => {
  it('are nx.json build target defaults as @nx/esbuild applies them', () => {
    const nx = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as { targetDefaults: { build: { options: Record<string, unknown> } } };
    const defaults = nx.targetDefaults.build.options as { target: string; minify: boolean; esbuildOptions: { mainFields: string[] } };
    expect(nxBuildOptions(root, entry)).toMatchObject({
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: defaults.target,
      minify: defaults.minify,
      mainFields: defaults.esbuildOptions.mainFields,
      tsconfig: join(root, 'tools/bench/tsconfig.json'),
      entryPoints: [join(root, entry)],
    });
  });
});

describe('buildSdkExternal', () => {
  const folder = mkdtempSync(join(tmpdir(), 'bench-sdk-'));
  const bundle: Bundle = {
    id: 'bench-fixture/sdk-handler.js',
    folder: 'bench-fixture',
    path: join(folder, 'sdk-handler.js'),
    bytes: 0,
    gzipBytes: 0,
    sha256: '',
    build: { entryPoint: entry, externals: [] },
  };
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(join(root, 'dist', 'tools', 'bench', 'sdk-external', 'bench-fixture'), { recursive: true, force: true });
  });

  it('leaves @aws-sdk/* to be required at run time, where the same build without it carries the client', async () => {
    const external = await buildSdkExternal(root, bundle);
    expect(external).toBe(sdkExternalPathOf(root, bundle));
    const code = readFileSync(external, 'utf8');
    expect(code).toContain('require("@aws-sdk/client-eventbridge")');

    const bundled = join(folder, 'bundled.js');
    await build({ ...nxBuildOptions(root, entry), outfile: bundled });
    expect(readFileSync(bundled, 'utf8')).not.toContain('require("@aws-sdk/client-eventbridge")');
    expect(statSync(bundled).size).toBeGreaterThan(20 * statSync(external).size);
  });
});
