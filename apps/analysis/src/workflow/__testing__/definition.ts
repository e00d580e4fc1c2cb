import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { AnalysisStack, type AnalysisStackProps } from '../../stack';

/** The ASL definition of the analysis state machine, with CloudFormation references resolved for a test account. */
export interface ResolvedDefinition {
  readonly definition: Record<string, unknown>;
  /** Function ARN in the definition -> handler name (`prepare-text`, ...). */
  readonly functions: Readonly<Record<string, string>>;
}

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

export const TEST_ACCOUNT = '123456789012';
export const TEST_REGION = 'eu-west-1';

/** Synthesizes the real stack (it needs `nx build analysis`'s bundles) and returns its template. */
export function synthTemplate(props: AnalysisStackProps = {}): Template {
  const outdir = mkdtempSync(join(tmpdir(), 'sma-analysis-'));
  try {
    const app = new App({ outdir });
    const stack = new AnalysisStack(app, 'Analysis', props);
    return app.synth().getStackByName(stack.stackName).template as Template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function functionArn(logicalId: string): string {
  return `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:${logicalId}`;
}

/** Resolves the intrinsic functions CDK puts in a DefinitionString (Fn::Join of Ref and Fn::GetAtt). */
function resolve(value: unknown, template: Template): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => resolve(p, template)).join(separator);
  }
  if ('Ref' in node) {
    const ref = node['Ref'] as string;
    const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': TEST_REGION, 'AWS::AccountId': TEST_ACCOUNT };
    if (pseudo[ref]) return pseudo[ref];
    if (template.Resources[ref]) return ref;
  }
  if ('Fn::GetAtt' in node) {
    const [logicalId, attribute] = node['Fn::GetAtt'] as [string, string];
    if (attribute === 'Arn' && template.Resources[logicalId]?.Type === 'AWS::Lambda::Function') return functionArn(logicalId);
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)} in the definition`);
}

/** The state machine's definition from a synthesized template: the very artefact that is deployed. */
export function resolveDefinition(template: Template): ResolvedDefinition {
  const machines = Object.values(template.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  if (machines.length !== 1) throw new Error(`Expected one state machine, found ${machines.length}`);
  const definition = JSON.parse(resolve(machines[0]!.Properties!['DefinitionString'], template)) as Record<string, unknown>;
  const functions = Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([id, r]) => [functionArn(id), String(r.Properties!['Handler']).replace(/\.handler$/, '')]),
  );
  return { definition, functions };
}

let cached: ResolvedDefinition | undefined;

/** The default stack's definition, synthesized once per test file. */
export function analysisDefinition(): ResolvedDefinition {
  cached ??= resolveDefinition(synthTemplate());
  return cached;
}
