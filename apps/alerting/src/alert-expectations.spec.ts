import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CONTRACTS, parseDetail } from '@sma/contracts';
import expectations from './__fixtures__/alert-expectations.json';
import { ALERTS, ALERT_TYPES, type AlertType } from './alerts/alert-types';
import { AlertingStack } from './stack';

/**
 * The hand-written expectations of what EventBridge does with the alert rules
 * (pattern match and transformed message) must describe the rules as
 * synthesized. The local cloud's own matcher and input transformer run every
 * case against the synthesized template (tools/local-cloud/e2e/rule-expectations.e2e.ts);
 * here the fixture is held to the stack: same rules, same patterns, realistic events.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface InputTransformer {
  readonly InputPathsMap: Record<string, string>;
  readonly InputTemplate: string;
}
interface Case {
  readonly name: string;
  readonly rule: AlertType;
  readonly event: Record<string, Json> & { detail: unknown; source: string };
  readonly matches: boolean;
  readonly output?: string;
}
const cases = expectations.cases as unknown as readonly Case[];

const template = Template.fromStack(
  new AlertingStack(new App(), 'Alerting', { moderationMinConfidence: expectations.assumes.moderationMinConfidence }),
);
interface RuleResource {
  Properties: { Description: string; EventPattern: Record<string, Json>; Targets: Array<{ InputTransformer: InputTransformer }> };
}
const rules = Object.values(template.findResources('AWS::Events::Rule')) as RuleResource[];
const ruleFor = (type: AlertType): RuleResource => {
  const found = rules.filter((r) => r.Properties.Description === expectations.rules[type].description);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('alert expectations fixture', () => {
  it('names each rule by the description the stack gives it', () => {
    for (const type of ALERT_TYPES) expect(expectations.rules[type].description).toBe(ALERTS[type].ruleDescription);
  });

  it('assumes the moderation threshold that cdk.json configures, so a synth from cdk.json can reuse it', () => {
    const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
    expect(cdkJson.context['moderationMinConfidence']).toBe(expectations.assumes.moderationMinConfidence);
  });

  it('covers both outcomes of every rule, and text that needs no escaping to survive', () => {
    for (const type of ALERT_TYPES) {
      expect(cases.some((c) => c.rule === type && c.matches)).toBe(true);
      expect(cases.some((c) => c.rule === type && !c.matches)).toBe(true);
    }
    expect(cases.some((c) => c.output?.includes('"') && c.output.includes('\n') && c.output.includes('\\'))).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('holds realistic events: %s', (_name, c) => {
    expect(() => parseDetail('MESSAGE_ANALYSED', c.event.detail)).not.toThrow();
    expect(c.event['detail-type']).toBe('MESSAGE_ANALYSED');
    expect(c.matches).toBe(c.output !== undefined);
    if (c.matches) expect(c.event.source).toBe(CONTRACTS.MESSAGE_ANALYSED.source);
  });
});

describe('the fixture describes the synthesized rules', () => {
  it.each(ALERT_TYPES)('%s: the rule pins the contract source and targets its topic through a plain-text transformer', (type) => {
    const rule = ruleFor(type);
    expect(rule.Properties.EventPattern).toMatchObject({
      source: [CONTRACTS.MESSAGE_ANALYSED.source],
      'detail-type': ['MESSAGE_ANALYSED'],
    });
    const transformer = rule.Properties.Targets[0]!.InputTransformer;
    // Every placeholder of every expected output's template is mapped to a path into the event.
    for (const name of [...transformer.InputTemplate.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!)) {
      expect(transformer.InputPathsMap[name] ?? (name.startsWith('aws.events.') ? 'reserved' : undefined)).toBeDefined();
    }
  });
});
