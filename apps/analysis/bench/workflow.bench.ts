/**
 * Local execution overhead of the analysis workflow: the synthesized
 * definition run by aws-local-stepfunctions (the local cloud's engine) with
 * every task answered instantly by an in-process stand-in (recorded responses;
 * PrepareText and AssembleAnalysis run their real, pure code). What remains is
 * the engine's own cost per execution: the baseline for the local cloud's
 * throughput goal.
 *
 * Run: `npx nx run analysis:bench` (builds the bundles the stack needs first).
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { busEvent, exampleDetail } from '@sma/contracts/testing';
import type { MessageReceived } from '@sma/contracts';
import { analysisDefinition } from '../src/workflow/__testing__/definition';
import { fixtureServices } from '../src/workflow/__testing__/fixtures';
import { runAnalysis, type Services } from '../src/workflow/__testing__/harness';
import { worstCaseServices } from '../src/workflow/__testing__/worst-case';

// Counting state transitions: aws-local-stepfunctions drops some events of
// nested states from its event log, so the bench counts them where they are
// dispatched, in every (nested) execution's own logger. Measurement only.
let transitions = 0;
const proto = StateMachine.prototype as unknown as { execute: (input: unknown, options: { eventLogger: Record<string, unknown> }, cleanup: unknown) => unknown };
const execute = proto.execute;
proto.execute = function (this: unknown, input, options, cleanup) {
  const logger = options.eventLogger as { dispatchStateEnteredEvent: (...args: unknown[]) => unknown };
  const entered = logger.dispatchStateEnteredEvent.bind(logger);
  logger.dispatchStateEnteredEvent = (...args: unknown[]) => {
    transitions += 1;
    return entered(...args);
  };
  return execute.call(this, input, options, cleanup);
};

const COMPLAINT = '@makitdev the van broke down again, awful service from Acme Motors. Call me on 07700 900123';
const photos = (n: number) => Array.from({ length: n }, (_, i) => `https://pbs.twimg.com/media/FdJdXzWXkAEvKz${i}.jpg`);
const message = (Text: string, ImageUrls: string[]): MessageReceived => ({ ...exampleDetail('MESSAGE_RECEIVED'), Text, ImageUrls });

interface Scenario {
  readonly name: string;
  readonly detail: MessageReceived;
  readonly services: Services;
  readonly runs: number;
}

const scenarios: Scenario[] = [
  { name: 'text only', detail: message(COMPLAINT, []), services: fixtureServices(), runs: 400 },
  { name: 'text + 2 images', detail: message(COMPLAINT, photos(2)), services: fixtureServices(), runs: 200 },
  { name: '4 worst-case images', detail: message('1 '.repeat(3000), photos(4)), services: worstCaseServices(), runs: 5 },
];

/** Express: $1.00 per million requests + $0.00001667 per GB-s, 64 MB chunks, 100 ms rounding. Standard: $25 per million transitions. */
const EXPRESS_PER_MILLION = (seconds: number) => 1 + 1_000_000 * Math.ceil(seconds * 10) / 10 * (64 / 1024) * 0.00001667;
const STANDARD_PER_MILLION = (perExecution: number) => 25 * perExecution;

async function main() {
  const started = Date.now();
  const definition = analysisDefinition();
  console.log(`synthesized the stack and resolved its definition in ${Date.now() - started} ms`);
  const rows: string[][] = [];
  for (const scenario of scenarios) {
    const event = busEvent('MESSAGE_RECEIVED', scenario.detail);
    const run = (measure = false) => runAnalysis(definition, event, { services: scenario.services, measure });
    // Warm up (JIT, the definition's validation) and count one execution's transitions.
    const first = await run(true);
    if (first.error || first.published.length !== 1) throw new Error(`${scenario.name}: ${JSON.stringify(first.error)}`);
    transitions = 0;
    await run();
    const perExecution = transitions;

    let t = process.hrtime.bigint();
    for (let i = 0; i < scenario.runs; i++) await run();
    const sequentialMs = Number(process.hrtime.bigint() - t) / 1e6 / scenario.runs;

    const inFlight = 16;
    t = process.hrtime.bigint();
    await Promise.all(Array.from({ length: inFlight }, async () => {
      for (let i = 0; i < Math.ceil(scenario.runs / inFlight); i++) await run();
    }));
    const concurrentMs = Number(process.hrtime.bigint() - t) / 1e6 / (inFlight * Math.ceil(scenario.runs / inFlight));

    rows.push([
      scenario.name,
      String(perExecution),
      sequentialMs.toFixed(2),
      (1000 / sequentialMs).toFixed(0),
      (1000 / concurrentMs).toFixed(0),
      ((sequentialMs * 1000) / perExecution).toFixed(0),
      String(first.largestState.bytes),
      `$${STANDARD_PER_MILLION(perExecution).toFixed(0)}`,
    ]);
  }
  const header = ['scenario', 'transitions', 'ms/exec', 'exec/s', 'exec/s x16', 'µs/transition', 'largest state B', 'Standard $/M'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
  console.log(
    `\nExpress for comparison (64 MB): $${EXPRESS_PER_MILLION(1).toFixed(2)}/M at 1 s, $${EXPRESS_PER_MILLION(3).toFixed(2)}/M at 3 s per execution.`,
  );
  console.log(`Node ${process.version}, ${process.arch}; sequential = one execution at a time, x16 = 16 in flight.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
