import { relative } from 'node:path';
import { NotSynthesizedError } from '../errors';
import { newestSourceMs, readAllAssemblies } from '../templates/assembly';
import { deployableApps, workspaceRoot } from '../workspace';
import { BEHAVIOURS } from './assumptions';
import { priceScenario, type ScenarioName } from './model';
import { ORIGINAL_BEHAVIOURS, ORIGINAL_TOPOLOGY } from './original-design';
import { loadPrices, PRICES_FILE } from './prices';
import { assumptionsText, costTable, functionsText, shapeTable, type PricedDesign } from './report';
import { journeyRuntime } from './runtime';
import { templateTopology } from './template-topology';
import type { Topology } from './topology';
import type { Behaviour } from './assumptions';

const SCENARIOS: readonly ScenarioName[] = ['text only', 'one photo'];

async function price(topology: Topology, behaviours: Readonly<Record<string, Behaviour>>): Promise<PricedDesign> {
  const scenarios = [];
  for (const scenario of SCENARIOS) scenarios.push(await priceScenario(scenario, topology, behaviours, journeyRuntime));
  return { topology, scenarios };
}

async function main(): Promise<void> {
  const root = workspaceRoot();
  const prices = loadPrices();
  const apps = deployableApps(root);
  const stacks = readAllAssemblies(root, apps);
  const region = stacks.find((s) => s.region)?.region;
  const stale = apps.filter((app) => newestSourceMs(root, app) > Math.min(...stacks.filter((s) => s.app === app).map((s) => s.writtenAtMs)));

  const ours = await price(templateTopology(stacks), BEHAVIOURS);
  const original = await price(ORIGINAL_TOPOLOGY, ORIGINAL_BEHAVIOURS);

  console.log(`AWS cost per million messages (X mentions), ${prices.region} list prices taken ${prices.takenOn} (${relative(root, PRICES_FILE)})`);
  console.log(`This design: the synthesized stacks of ${apps.join(', ')} (stack region ${region ?? 'environment-agnostic'}).`);
  if (region && region !== prices.region) console.log(`! the stacks are synthesized for ${region}, the prices are ${prices.region}'s`);
  if (stale.length > 0) console.log(`! sources changed after the last synth of: ${stale.join(', ')} (run nx run-many -t synth for current figures)`);
  console.log('Original design: declared from reference/original-design.md (see original-design.ts).\n');
  console.log(`Lambda functions a typical message runs:\n${functionsText([ours, original])}\n`);
  console.log(shapeTable([ours, original]));
  console.log();
  console.log(costTable([ours, original], prices));
  console.log('\nFree tiers are excluded; storage (S3 lake and images, logs retention, archive) and fixed monthly costs (KMS keys, alarms, dashboard, secrets) are not per message and not included.');
  console.log(`\nAssumptions (tools/bench/src/cost/assumptions.ts; function behaviours there too):\n${assumptionsText()}`);
}

main().catch((error: unknown) => {
  if (error instanceof NotSynthesizedError) console.error(`cost: ${error.message}`);
  else console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
