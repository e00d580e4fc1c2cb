import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readAssembly } from '../templates/assembly';
import { functionsOf } from '../templates/functions';
import { deployableApps, workspaceRoot } from '../workspace';
import { matchFunctions, measureInit } from './bench';
import { discoverBundles } from './discover';
import { bundleTable, compareSdk, figuresOf, sdkRecommendation } from './report';
import { buildSdkExternal } from './sdk-external';

/** Runs per variant (after one warm-up); `SMA_BENCH_RUNS` overrides. At least 7. */
const RUNS = Math.max(7, Number(process.env['SMA_BENCH_RUNS'] ?? 9));

/** The SDK versions the workspace pins (what the bundles carry and the tests ran). */
function pinnedSdk(root: string): string {
  const deps = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const versions = Object.entries(deps.dependencies ?? {}).filter(([name]) => name.startsWith('@aws-sdk/client-'));
  const distinct = [...new Set(versions.map(([, v]) => v))].sort();
  return `@aws-sdk/client-* ${distinct[0]}–${distinct[distinct.length - 1]}`;
}

async function main(): Promise<void> {
  const root = workspaceRoot();
  const bundles = discoverBundles(root);
  const apps = deployableApps(root);
  const stacks = apps.flatMap((app) => readAssembly(root, app) ?? []);
  const unsynthesized = apps.filter((app) => !stacks.some((s) => s.app === app));
  const subjects = matchFunctions(bundles, functionsOf(stacks));
  const region = stacks.find((s) => s.region)?.region ?? 'us-east-1';

  const externals = new Map<string, string>();
  for (const bundle of bundles) externals.set(bundle.id, await buildSdkExternal(root, bundle));

  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`Lambda bundles: ${bundles.length}; ${RUNS} cold loads per variant after a warm-up, interleaved; Node ${process.version}`);
  console.log(`load average before: ${load()}`);
  if (unsynthesized.length > 0) console.log(`(not synthesized, so run without their function environment: ${unsynthesized.join(', ')})`);
  const results = measureInit(subjects, {
    runs: RUNS,
    region,
    externals,
    ...(process.stderr.isTTY ? { onProgress: (done: number, total: number) => process.stderr.write(`\r  measured ${done}/${total}`) } : {}),
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`load average after: ${load()}`);
  const figures = figuresOf(results);
  console.log(bundleTable(figures));
  console.log('\ninit = require() of the handler module in a fresh Node process with the function\'s environment as synthesized');
  console.log('(NODE_OPTIONS=--enable-source-maps included); "no maps" = the same without it; ext. = built with @aws-sdk/* external,');
  console.log('resolving the SDK from node_modules as the Lambda runtime provides it; ext. files = module files it loads at init.');
  for (const f of figures) for (const error of f.errors) console.log(`! ${f.id}: ${error}`);
  const comparison = compareSdk(figures);
  if (comparison) console.log(`\n${sdkRecommendation(comparison, pinnedSdk(root))}`);
  if (figures.some((f) => f.errors.length > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
