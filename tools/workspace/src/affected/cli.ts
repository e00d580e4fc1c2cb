/**
 * Demonstrates that `nx affected -t deploy` deploys only what changed:
 *
 *   npx tsx tools/workspace/src/affected/cli.ts
 *
 * In a scratch copy of the repository it commits a change to apps/plumbing and
 * then to libs/contracts, and prints what `nx show projects --affected -t deploy`
 * answers for each, next to what it should answer. Exits non-zero on a mismatch.
 */
import { createScratchWorkspace } from '../scratch/scratch-workspace';
import { affectedDeployProjects, appsImporting, touch } from './affected';

const ws = createScratchWorkspace();
let failed = false;
try {
  const scenarios = [
    { label: 'a commit touching only apps/plumbing', path: 'apps/plumbing/src/stack.ts', scope: 'plumbing', expected: () => ['plumbing'] },
    {
      label: 'a commit touching libs/contracts',
      path: 'libs/contracts/src/bus.ts',
      scope: 'contracts',
      expected: () => appsImporting(ws.root, '@sma/contracts'),
    },
  ];
  for (const s of scenarios) {
    touch(ws, s.path, s.scope);
    const actual = affectedDeployProjects(ws);
    const expected = s.expected();
    const ok = JSON.stringify(actual) === JSON.stringify(expected);
    failed ||= !ok;
    console.log(`${ok ? 'OK  ' : 'FAIL'} ${s.label}\n     nx affected -t deploy: ${actual.join(', ') || '(none)'}\n     apps importing it:     ${expected.join(', ')}`);
  }
} finally {
  ws.dispose();
}
process.exit(failed ? 1 : 0);
