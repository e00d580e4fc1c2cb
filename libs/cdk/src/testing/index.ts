import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';

export interface NagFinding {
  readonly rule: string;
  readonly severity: string;
  readonly paths: readonly string[];
  readonly description: string;
}

interface ValidationReport {
  pluginReports: Array<{
    violations: Array<{
      ruleName: string;
      description: string;
      severity: string;
      violatingConstructs: Array<{ constructPath: string }>;
    }>;
  }>;
}

/**
 * Builds a stack in a fresh app with cdk-nag's AwsSolutions pack registered
 * (cdk-nag 3 runs as a CDK validation plugin), synthesizes it, and returns its
 * template and every unacknowledged finding. Stack tests assert the findings
 * list is empty; each acknowledgement in the code carries its reason.
 */
export function synthWithNag<S extends Stack>(
  build: (app: App) => S,
): { stack: S; template: Template; findings: NagFinding[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'sma-nag-'));
  try {
    const app = new App({ outdir });
    const stack = build(app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let findings: NagFinding[] = [];
    try {
      app.synth();
    } catch (error) {
      if ((error as Error).name !== 'ValidationFailed' && !String(error).includes('Validation failed')) throw error;
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
      findings = report.pluginReports.flatMap((p) =>
        p.violations.map((v) => ({
          rule: v.ruleName,
          severity: v.severity,
          paths: v.violatingConstructs.map((c) => c.constructPath),
          description: v.description,
        })),
      );
    }
    const template = Template.fromJSON(
      JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.template.json`), 'utf8')) as Record<string, unknown>,
    );
    return { stack, template, findings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

