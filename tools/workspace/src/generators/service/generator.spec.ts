import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { InvalidServiceOptionsError } from '../../errors';
import { serviceGenerator } from './generator';

describe('service generator (files)', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('CODEOWNERS', '*   @sma/platform\n');
  });

  it('scaffolds the conventional layout', async () => {
    await serviceGenerator(tree, { name: 'translation' });
    for (const file of [
      'package.json',
      'cdk.json',
      'tsconfig.json',
      'jest.config.cjs',
      'README.md',
      'src/main.ts',
      'src/stack.ts',
      'src/stack.spec.ts',
      'src/handlers/on-event.ts',
      'src/handlers/on-event.spec.ts',
    ]) {
      expect(tree.exists(`apps/translation/${file}`)).toBe(true);
    }
  });

  it('gives the service its own version, tags on both axes and every convention target', async () => {
    await serviceGenerator(tree, { name: 'translation', handler: 'translate' });
    const pkg = JSON.parse(tree.read('apps/translation/package.json', 'utf-8')!);
    expect(pkg).toMatchObject({ name: '@sma/translation', version: '0.1.0', private: true });
    expect(pkg.nx.name).toBe('translation');
    expect(pkg.nx.tags).toEqual(['scope:translation', 'type:app']);
    expect(Object.keys(pkg.nx.targets).sort()).toEqual(['build', 'deploy', 'diff', 'lint', 'synth', 'test', 'typecheck']);
    expect(pkg.nx.targets.build.options.main).toBe('apps/translation/src/handlers/translate.ts');
    expect(pkg.nx.targets.test.dependsOn).toEqual(['build']);
  });

  it('subscribes the stack to the chosen detail-type from its contract source', async () => {
    await serviceGenerator(tree, { name: 'audit', detailType: 'REPLY_SENT' });
    const stack = tree.read('apps/audit/src/stack.ts', 'utf-8')!;
    expect(stack).toContain("detailTypes: ['REPLY_SENT']");
    expect(stack).toContain('export class AuditStack extends Stack');
    expect(tree.read('apps/audit/src/stack.spec.ts', 'utf-8')).toContain("source: ['EGRESS']");
    expect(tree.read('apps/audit/src/handlers/on-event.ts', 'utf-8')).toContain("parseBusEvent(event, ['REPLY_SENT'])");
  });

  it('adds the owning team to CODEOWNERS', async () => {
    await serviceGenerator(tree, { name: 'translation', team: '@sma/language-team' });
    expect(tree.read('CODEOWNERS', 'utf-8')).toMatch(/^\/apps\/translation\/\s+@sma\/language-team$/m);
  });

  it('refuses a name that is not kebab-case, an existing folder and an unknown detail-type', async () => {
    await expect(serviceGenerator(tree, { name: 'Bad_Name' })).rejects.toBeInstanceOf(InvalidServiceOptionsError);
    tree.write('apps/taken/package.json', '{}');
    await expect(serviceGenerator(tree, { name: 'taken' })).rejects.toThrow('apps/taken already exists');
    await expect(serviceGenerator(tree, { name: 'x', detailType: 'NOT_A_TYPE' })).rejects.toThrow(
      '"NOT_A_TYPE" is not a detail-type of @sma/contracts',
    );
  });
});
