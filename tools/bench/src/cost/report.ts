import { renderTable } from '../table';
import { ASSUMPTIONS } from './assumptions';
import type { ScenarioCost } from './model';
import type { PriceList } from './prices';
import type { Topology } from './topology';
import { GIB } from './units';
import { costByService, totalCost, type Usage } from './usage';

export interface PricedDesign {
  readonly topology: Topology;
  readonly scenarios: readonly ScenarioCost[];
}

const MILLION = 1_000_000;
const usd = (value: number): string => `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** A quantity rounded to `digits` decimals, trailing zeros dropped. */
const num = (value: number, digits = 2): string => String(Number(value.toFixed(digits)));
const q = (usage: Usage, key: keyof Usage): number => usage[key] ?? 0;

/** The columns: each design × each scenario. */
function columns(designs: readonly PricedDesign[]): Array<{ heading: string; design: PricedDesign; cost: ScenarioCost }> {
  return designs.flatMap((design) => design.scenarios.map((cost) => ({ heading: `${design.topology.name}: ${cost.scenario}`, design, cost })));
}

function workflowCell(design: PricedDesign, cost: ScenarioCost): string {
  return Object.values(design.topology.stateMachines)
    .map((m) => `${m.type}, ${m.stateCount} states, ${num(cost.transitions, 1)} transitions`)
    .join('; ');
}

function functionsCell(design: PricedDesign, cost: ScenarioCost): string {
  return cost.typical.invocations
    .map((id) => design.topology.functions[id])
    .map((fn) => `${fn!.handler} ${fn!.memoryMb} MB${fn!.architecture === 'x86_64' ? ' x86' : ''}`)
    .join(', ');
}

/** The functions a typical message of each column runs, with their memory. */
export function functionsText(designs: readonly PricedDesign[]): string {
  return columns(designs)
    .map((c) => `- ${c.heading}: ${functionsCell(c.design, c.cost)}`)
    .join('\n');
}

/** What one message uses, per design and scenario: the shape the prices multiply. */
export function shapeTable(designs: readonly PricedDesign[]): string {
  const cols = columns(designs);
  const row = (label: string, cell: (c: (typeof cols)[number]) => string) => [label, ...cols.map(cell)];
  const rows = [
    row('Lambda requests (incl. batched Firehose transform)', (c) => num(q(c.cost.usage, 'lambdaRequest'), 3)),
    row('Lambda GB-seconds', (c) => num(q(c.cost.usage, 'lambdaArmGbSecond') + q(c.cost.usage, 'lambdaX86GbSecond'), 4)),
    row('Step Functions workflow', (c) => workflowCell(c.design, c.cost)),
    row('Comprehend calls (typical) / units (mix)', (c) => `${c.cost.typical.sdkCalls.filter((s) => s.startsWith('comprehend')).length} / ${num(q(c.cost.usage, 'comprehendUnit') + q(c.cost.usage, 'comprehendPiiUnit'))}`),
    row('Rekognition calls', (c) => num(q(c.cost.usage, 'rekognitionImage'))),
    row('Lex text requests', (c) => num(q(c.cost.usage, 'lexTextRequest'))),
    row('EventBridge events (typical)', (c) => `${c.cost.typical.events.length}: ${c.cost.typical.events.join(', ')}`),
    row('API Gateway requests', (c) => num(q(c.cost.usage, 'apiGatewayRestRequest'))),
    row('Firehose billed KB (5 KB records)', (c) => num((q(c.cost.usage, 'firehoseIngestedGb') * GIB) / 1024, 1)),
    row('Firehose partitioned objects', (c) => num(q(c.cost.usage, 'firehosePartitionedObject'), 3)),
    row('S3 PUTs / GETs', (c) => `${num(q(c.cost.usage, 's3Put'), 3)} / ${num(q(c.cost.usage, 's3Get'), 3)}`),
    row('DynamoDB write units', (c) => num(q(c.cost.usage, 'dynamoDbWriteUnit'))),
    row('SNS alerts', (c) => num(q(c.cost.usage, 'snsPublish'), 3)),
    row('CloudWatch Logs KB ingested', (c) => num((q(c.cost.usage, 'logsIngestedGb') * GIB) / 1024, 1)),
    row('X-Ray traces', (c) => num(q(c.cost.usage, 'xrayTrace'), 3)),
  ];
  return renderTable([{ heading: 'per message' }, ...cols.map((c) => ({ heading: c.heading }))], rows);
}

/** Dollars per million messages, per service, per design and scenario, with the total. */
export function costTable(designs: readonly PricedDesign[], prices: PriceList): string {
  const cols = columns(designs);
  const byService = cols.map((c) => costByService(c.cost.usage, prices, MILLION));
  const services = [...new Set(byService.flatMap((m) => [...m.keys()]))];
  const rows = [
    ...services.map((service) => [service, ...byService.map((m) => (m.has(service) ? usd(m.get(service)!) : '—'))]),
    ['total', ...cols.map((c) => usd(totalCost(c.cost.usage, prices, MILLION)))],
  ];
  return renderTable([{ heading: 'USD per million messages' }, ...cols.map((c) => ({ heading: c.heading, numeric: true }))], rows);
}

export function assumptionsText(): string {
  return Object.entries(ASSUMPTIONS)
    .map(([name, a]) => `- ${name} = ${JSON.stringify(a.value)}: ${a.why}`)
    .join('\n');
}
