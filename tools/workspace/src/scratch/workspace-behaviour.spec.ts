/**
 * Proofs that need a real repository: what `nx affected`, `nx release` and the
 * module-boundary lint rules do on real commits, and that a generated service
 * passes lint, typecheck, test and synth as generated. Each runs in a scratch
 * copy of the repository, never in the checkout itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { affectedDeployProjects, appsImporting, touch } from '../affected/affected';
import { releaseDryRun, tagCurrentVersions } from '../release/release';
import { createScratchWorkspace, type ScratchWorkspace } from './scratch-workspace';

const version = (ws: ScratchWorkspace, root: string) =>
  (JSON.parse(readFileSync(join(ws.root, root, 'package.json'), 'utf8')) as { version: string }).version;

describe('nx affected deploys only what changed', () => {
  let ws: ScratchWorkspace;
  beforeAll(() => (ws = createScratchWorkspace()));
  afterAll(() => ws.dispose());

  it('a commit touching only apps/plumbing affects plumbing alone', () => {
    touch(ws, 'apps/plumbing/src/stack.ts', 'plumbing');
    expect(affectedDeployProjects(ws)).toEqual(['plumbing']);
  });

  it('a commit touching libs/contracts affects exactly the apps that import it', () => {
    touch(ws, 'libs/contracts/src/bus.ts', 'contracts');
    const expected = appsImporting(ws.root, '@sma/contracts');
    expect(expected).toContain('plumbing');
    expect(affectedDeployProjects(ws)).toEqual(expected);
  });

  it('a commit touching a spec only still maps to its project, whose build inputs exclude specs', () => {
    const nx = JSON.parse(readFileSync(join(ws.root, 'nx.json'), 'utf8')) as { namedInputs: { production: string[] } };
    expect(nx.namedInputs.production).toEqual(expect.arrayContaining(['!{projectRoot}/**/*.spec.ts', '!{projectRoot}/jest.config.cjs']));
  });
});

describe('nx release versions each project independently', () => {
  let ws: ScratchWorkspace;
  beforeAll(() => {
    ws = createScratchWorkspace();
    tagCurrentVersions(ws, [
      { name: 'plumbing', version: version(ws, 'apps/plumbing') },
      { name: 'contracts', version: version(ws, 'libs/contracts') },
      { name: 'cdk', version: version(ws, 'libs/cdk') },
    ]);
  });
  afterAll(() => ws.dispose());

  it('a fix in one app bumps that app alone, with its own changelog and tag', () => {
    touch(ws, 'apps/plumbing/src/stack.ts', 'plumbing');
    const plan = releaseDryRun(ws);
    const before = version(ws, 'apps/plumbing');
    const [major, minor, patch] = before.split('.').map(Number);
    expect(plan.bumped).toEqual({ plumbing: `${major}.${minor}.${patch! + 1}` });
    expect(plan.unchanged).toEqual(expect.arrayContaining(['contracts', 'cdk']));
    expect(plan.output).toContain('apps/plumbing/CHANGELOG.md');
  });
});

describe('generated service and module boundaries', () => {
  let ws: ScratchWorkspace;
  const lint = (file: string, content: string) => {
    ws.commitFile(file, content, `test: ${file}`);
    const result = ws.run('npx', ['eslint', '--format', 'json', file]);
    expect(result.stdout).not.toContain('No cached ProjectGraph');
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as Array<{
      messages: Array<{ ruleId: string | null; message: string }>;
    }>;
    return report[0]!.messages;
  };

  beforeAll(() => {
    ws = createScratchWorkspace();
    ws.runOrThrow('npx', ['nx', 'g', '@sma/workspace:service', 'alpha-svc', '--no-interactive']);
    ws.runOrThrow('npx', ['nx', 'g', '@sma/workspace:service', 'beta-svc', '--detailType=REPLY_SENT', '--no-interactive']);
    // The boundary rule reads Nx's cached project graph and is silently skipped without one;
    // `nx lint` targets always have it, a bare `eslint` on a fresh clone does not.
    ws.linkWorkspacePackages();
    ws.runOrThrow('npx', ['nx', 'show', 'projects']);
  });
  afterAll(() => ws.dispose());

  it('passes lint, typecheck, test and synth as generated', () => {
    const out = ws.runOrThrow('npx', ['nx', 'run-many', '-t', 'lint', 'typecheck', 'test', 'synth', '-p', 'alpha-svc', '--parallel=1']);
    expect(out).toMatch(/Successfully ran targets? .*lint.*typecheck.*test.*synth|Successfully ran/s);
    expect(readFileSync(join(ws.root, 'dist/apps/alpha-svc/cdk.out/AlphaSvc.template.json'), 'utf8')).toContain('AWS::Events::Rule');
    expect(readFileSync(join(ws.root, 'CODEOWNERS'), 'utf8')).toMatch(/^\/apps\/alpha-svc\/\s+@sma\/alpha-svc$/m);
  });

  it('allows an app to import the contracts', () => {
    const messages = lint('apps/alpha-svc/src/uses-contracts.ts', "import { PLUMBING_BUS_NAME } from '@sma/contracts';\nexport const bus = PLUMBING_BUS_NAME;\n");
    expect(messages).toEqual([]);
  });

  it('forbids an app importing another app', () => {
    const messages = lint('apps/alpha-svc/src/uses-beta.ts', "import { BetaSvcStack } from '@sma/beta-svc/src/stack';\nexport const s = BetaSvcStack;\n");
    expect(messages.map((m) => m.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('forbids a lib importing an app', () => {
    const messages = lint('libs/cdk/src/uses-app.ts', "import { AlphaSvcStack } from '@sma/alpha-svc/src/stack';\nexport const s = AlphaSvcStack;\n");
    expect(messages.map((m) => m.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('forbids the contracts importing anything internal', () => {
    const messages = lint('libs/contracts/src/uses-cdk.ts', "import { plumbingBus } from '@sma/cdk';\nexport const b = plumbingBus;\n");
    expect(messages.map((m) => m.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('forbids a shared lib depending on tooling', () => {
    const messages = lint('libs/cdk/src/uses-tooling.ts', "import { touch } from '@sma/workspace';\nexport const t = touch;\n");
    expect(messages).toEqual([
      expect.objectContaining({
        ruleId: '@nx/enforce-module-boundaries',
        message: 'A project tagged with "type:infra" can only depend on libs tagged with "type:contracts"',
      }),
    ]);
  });
});
