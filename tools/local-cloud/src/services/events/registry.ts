/**
 * The buses, rules and archives of the local EventBridge, with a compiled
 * multi-rule matcher per bus (rebuilt when a bus's rules change) and one for its
 * archives' patterns.
 */
import { createRuleMatcher, type RuleMatcher } from './pattern';
import { DEFAULT_BUS, type Archive, type BusEvent, type Rule } from './model';

export interface Bus {
  readonly name: string;
  readonly arn: string;
  readonly description: string | undefined;
  readonly createdAt: number;
}

export class EventsRegistry {
  readonly buses = new Map<string, Bus>();
  /** Rules by ARN. */
  readonly rules = new Map<string, Rule>();
  readonly archives = new Map<string, Archive>();
  private readonly ruleMatchers = new Map<string, { matcher: RuleMatcher; byName: Map<string, Rule> }>();
  private readonly archiveMatchers = new Map<string, { matcher: RuleMatcher; always: string[] }>();

  addBus(bus: Bus): void {
    this.buses.set(bus.name, bus);
  }

  putRule(rule: Rule): void {
    this.rules.set(rule.arn, rule);
    this.ruleMatchers.delete(rule.bus);
  }

  deleteRule(arn: string): void {
    const rule = this.rules.get(arn);
    if (!rule) return;
    this.rules.delete(arn);
    this.ruleMatchers.delete(rule.bus);
  }

  putArchive(archive: Archive): void {
    this.archives.set(archive.name, archive);
    this.archiveMatchers.delete(archive.bus);
  }

  rule(bus: string, name: string): Rule | undefined {
    for (const r of this.rules.values()) if (r.bus === bus && r.name === name) return r;
    return undefined;
  }

  rulesOf(bus: string): Rule[] {
    return [...this.rules.values()].filter((r) => r.bus === bus).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The enabled pattern rules of the event's bus that match it. */
  matchRules(bus: string, event: BusEvent): Rule[] {
    let m = this.ruleMatchers.get(bus);
    if (!m) {
      const rules = this.rulesOf(bus).filter((r) => r.state === 'ENABLED' && r.pattern !== undefined);
      m = { matcher: createRuleMatcher(rules.map((r) => ({ name: r.name, pattern: r.pattern }))), byName: new Map(rules.map((r) => [r.name, r])) };
      this.ruleMatchers.set(bus, m);
    }
    return m.matcher.match(event).map((name) => m.byName.get(name)!);
  }

  /** The names of the bus's archives whose pattern matches the event (no pattern: everything). */
  matchArchives(bus: string, event: BusEvent): string[] {
    let m = this.archiveMatchers.get(bus);
    if (!m) {
      const archives = [...this.archives.values()].filter((a) => a.bus === bus);
      m = {
        matcher: createRuleMatcher(archives.filter((a) => a.pattern !== undefined).map((a) => ({ name: a.name, pattern: a.pattern }))),
        always: archives.filter((a) => a.pattern === undefined).map((a) => a.name),
      };
      this.archiveMatchers.set(bus, m);
    }
    return [...m.always, ...m.matcher.match(event)];
  }

  busOf(name: string | undefined): Bus | undefined {
    return this.buses.get(name ?? DEFAULT_BUS);
  }
}
