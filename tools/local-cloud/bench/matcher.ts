/**
 * Event-pattern matcher benchmark: events/s against 10 and 300 rules, for
 *   - baseline: the simplest per-rule loop, `matchesPattern(rule.pattern, event)`
 *     (validates and compiles the pattern on every call, as a naive bus would);
 *   - compiled loop: each pattern compiled once, then a per-rule loop (each rule
 *     flattens the event for itself);
 *   - rule matcher: `createRuleMatcher` (one flattening per event, rules indexed
 *     by detail-type/source, compiled predicates).
 * Every method's answers are checked equal to the baseline's first. Each figure
 * is the median of three runs, each in a fresh Node process, so no method
 * inherits another's JIT state and a busy moment on the machine counts once.
 *
 * Run: npx tsx tools/local-cloud/bench/matcher.ts [seconds-per-run]
 */
import { spawnSync } from 'node:child_process';
import { compilePattern, createRuleMatcher, matchesPattern } from '../src/services/events/pattern';
import { type BenchRule, benchEvents, benchRules } from './matcher-workload';

type Match = (event: unknown) => string[];

const METHODS = {
  baseline: { label: 'baseline: matchesPattern per rule' },
  compiled: { label: 'compiled patterns, per-rule loop' },
  matcher: { label: 'createRuleMatcher' },
} as const;
type Method = keyof typeof METHODS;

const RULE_COUNTS = [10, 300] as const;
const events = benchEvents();

function matchFunction(method: Method, rules: readonly BenchRule[]): Match {
  switch (method) {
    case 'baseline':
      return (event) => rules.filter((rule) => matchesPattern(rule.pattern, event)).map((rule) => rule.name);
    case 'compiled': {
      const compiled = rules.map((rule) => ({ name: rule.name, pattern: compilePattern(rule.pattern) }));
      return (event) => compiled.filter((rule) => rule.pattern.matches(event)).map((rule) => rule.name);
    }
    case 'matcher': {
      const matcher = createRuleMatcher(rules);
      return (event) => matcher.match(event);
    }
  }
}

/** CPU time of this process in seconds: a shared machine's load does not inflate it the way it inflates wall time. */
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Events per CPU-second over `seconds` of CPU time, after a warm-up of a fifth of that. */
function measure(match: Match, seconds: number): number {
  const run = (duration: number) => {
    let done = 0;
    let sink = 0;
    const start = cpuSeconds();
    const until = start + duration;
    while (cpuSeconds() < until) {
      for (const event of events) sink += match(event).length;
      done += events.length;
    }
    if (sink < 0) throw new Error('unreachable');
    return done / (cpuSeconds() - start);
  };
  run(seconds / 5);
  return run(seconds);
}

/** Child mode: measure one method against one rule count and print the rate. */
function child(method: Method, count: number, seconds: number): void {
  console.log(JSON.stringify({ rate: measure(matchFunction(method, benchRules(count)), seconds) }));
}

function verify(count: number): number {
  const rules = benchRules(count);
  const reference = events.map(matchFunction('baseline', rules));
  for (const method of Object.keys(METHODS) as Method[]) {
    const match = matchFunction(method, rules);
    events.forEach((event, i) => {
      const got = match(event).join();
      if (got !== reference[i]!.join()) throw new Error(`${method} disagrees with the baseline on event ${i}: [${got}] vs [${reference[i]!.join()}]`);
    });
  }
  return reference.reduce((sum, names) => sum + names.length, 0) / events.length;
}

function measureInChild(method: Method, count: number, seconds: number): number {
  const result = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--child', method, String(count), String(seconds)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`measuring ${method} × ${count} failed: ${result.stderr}`);
  return (JSON.parse(result.stdout.trim().split('\n').pop()!) as { rate: number }).rate;
}

const RUNS = 3;

function median(runs: number, measureOnce: () => number): number {
  const rates = Array.from({ length: runs }, measureOnce).sort((a, b) => a - b);
  return rates[Math.floor(runs / 2)]!;
}

const format = (n: number) => Math.round(n).toLocaleString('en-GB').padStart(11);

function main(seconds: number): void {
  console.log(
    `Event-pattern matcher — ${events.length} contract example events (one per detail-type); events per CPU-second, each figure the median of ${RUNS} runs of ${seconds} CPU-s; Node ${process.version}`,
  );
  for (const count of RULE_COUNTS) {
    const perEvent = verify(count);
    console.log(`\n${count} rules — answers identical across methods; ${perEvent.toFixed(2)} matching rules per event on average`);
    const rates = (Object.keys(METHODS) as Method[]).map((method) => [method, median(RUNS, () => measureInChild(method, count, seconds))] as const);
    const baseline = rates[0]![1];
    for (const [method, rate] of rates) {
      const ratio = `${(rate / baseline).toFixed(1)}x`;
      const micros = (1e6 / rate).toFixed(rate > 1e5 ? 2 : 1);
      console.log(`  ${METHODS[method].label.padEnd(34)} ${format(rate)} events/s ${ratio.padStart(8)} baseline ${micros.padStart(9)} CPU-µs/event`);
    }
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') child(args[1] as Method, Number(args[2]), Number(args[3]));
else main(Number(args[0] ?? '1'));
