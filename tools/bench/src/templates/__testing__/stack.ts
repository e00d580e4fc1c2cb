import type { SynthesizedStack, Template } from '../assembly';

/** A synthesized stack around a hand-written template, for tests of what is read from templates. */
export function stackOf(template: Template, overrides: Partial<SynthesizedStack> = {}): SynthesizedStack {
  return {
    app: 'sample',
    stackName: 'Sample',
    assemblyDir: '/nowhere/cdk.out',
    templateFile: '/nowhere/cdk.out/Sample.template.json',
    template,
    region: 'eu-west-1',
    writtenAtMs: 0,
    ...overrides,
  };
}
