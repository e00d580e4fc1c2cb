/**
 * The routing and alert rules as synthesized, run through the local cloud's own
 * event-pattern matcher and input transformer against the hand-written
 * expectations the alerting and responding teams keep beside their code
 * (`apps/alerting/src/__fixtures__/alert-expectations.json`,
 * `apps/responding/src/routing/__fixtures__/responder-routing.json`). Those
 * teams check their fixtures against AWS's documented semantics; this checks
 * that the matcher the whole local system runs on agrees with them, on the
 * templates that deploy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchesPattern, targetInput } from '../src';

const root = join(__dirname, '..', '..', '..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

interface RuleResource {
  readonly Type: string;
  readonly Properties: {
    readonly Description?: string;
    readonly EventPattern: unknown;
    readonly Targets: ReadonlyArray<{ readonly InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string } }>;
  };
}
const rulesOf = (app: string, stack: string): RuleResource[] =>
  Object.values(
    readJson<{ Resources: Record<string, RuleResource> }>(`dist/apps/${app}/cdk.out/${stack}.template.json`).Resources,
  ).filter((r) => r.Type === 'AWS::Events::Rule');

const ruleContext = { ruleName: 'rule', ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/Plumbing/rule', ingestionTime: new Date('2022-09-21T12:56:23Z') };

describe('alert rules (synthesized Alerting stack) against the alerting team’s expectations', () => {
  const fixture = readJson<{
    rules: Record<string, { description: string }>;
    cases: Array<{ name: string; rule: string; event: unknown; matches: boolean; output?: string }>;
  }>('apps/alerting/src/__fixtures__/alert-expectations.json');
  const rules = rulesOf('alerting', 'Alerting');
  const ruleFor = (type: string) => {
    const found = rules.filter((r) => r.Properties.Description === fixture.rules[type]!.description);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rule = ruleFor(c.rule);
    expect(matchesPattern(rule.Properties.EventPattern, c.event)).toBe(c.matches);
    if (c.matches) {
      expect(targetInput(rule.Properties.Targets[0]!, c.event as never, ruleContext)).toBe(c.output);
    }
  });
});

describe('responder routing (synthesized Responding stack) against the responding team’s expectations', () => {
  const fixture = readJson<{
    rules: Record<string, unknown>;
    cases: Array<{ name: string; matches: string[]; event: unknown }>;
  }>('apps/responding/src/routing/__fixtures__/responder-routing.json');
  const synthesized = rulesOf('responding', 'Responding').map((r) => r.Properties.EventPattern);

  it('the fixture’s patterns are exactly the synthesized rules’ patterns', () => {
    for (const pattern of Object.values(fixture.rules)) expect(synthesized).toContainEqual(pattern);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const matched = Object.entries(fixture.rules)
      .filter(([, pattern]) => matchesPattern(pattern, c.event))
      .map(([name]) => name)
      .sort();
    expect(matched).toEqual([...c.matches].sort());
  });
});
