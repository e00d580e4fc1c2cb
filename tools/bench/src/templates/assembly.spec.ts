import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotSynthesizedError } from '../errors';
import { readAllAssemblies, readAssembly } from './assembly';

/** A workspace with `dist/apps/<app>/cdk.out` for the given apps. */
function workspaceWith(apps: Record<string, { environment: string; resources: Record<string, unknown> }>): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-assembly-'));
  for (const [app, { environment, resources }] of Object.entries(apps)) {
    const dir = join(root, 'dist', 'apps', app, 'cdk.out');
    mkdirSync(dir, { recursive: true });
    const stack = app[0]!.toUpperCase() + app.slice(1);
    writeFileSync(join(dir, `${stack}.template.json`), JSON.stringify({ Resources: resources }));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          [`${stack}.assets`]: { type: 'cdk:asset-manifest', properties: { file: `${stack}.assets.json` } },
          [stack]: { type: 'aws:cloudformation:stack', environment, properties: { templateFile: `${stack}.template.json` } },
        },
      }),
    );
  }
  return root;
}

describe('reading cloud assemblies', () => {
  const root = workspaceWith({
    ingress: { environment: 'aws://unknown-account/us-east-1', resources: { T: { Type: 'AWS::DynamoDB::Table' } } },
    alerting: { environment: 'aws://unknown-account/unknown-region', resources: {} },
  });

  it("reads each stack artifact's template and region", () => {
    const [stack] = readAssembly(root, 'ingress')!;
    expect(stack).toMatchObject({ app: 'ingress', stackName: 'Ingress', region: 'us-east-1' });
    expect(stack!.template.Resources['T']).toEqual({ Type: 'AWS::DynamoDB::Table' });
    expect(readAssembly(root, 'alerting')![0]!.region).toBeUndefined();
  });

  it('names every app that has no assembly, rather than working with the others', () => {
    expect(readAssembly(root, 'analysis')).toBeUndefined();
    let error: unknown;
    try {
      readAllAssemblies(root, ['ingress', 'analysis', 'egress']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotSynthesizedError);
    expect((error as NotSynthesizedError).apps).toEqual(['analysis', 'egress']);
    expect((error as Error).message).toMatch(/Not synthesized: analysis, egress/);
  });
});
