/**
 * The shape of a deployed design that its cost depends on: which functions
 * run for a message and with what memory, what routes events, what the
 * workflow is, what is logged and traced. For our design it is read from the
 * synthesized templates (`template-topology.ts`); for the original design it
 * is declared from its description (`original-design.ts`). One journey engine
 * (`journey.ts`) prices both the same way.
 */
export interface Topology {
  readonly name: string;
  /** The function API Gateway invokes for an X delivery, and how many requests a delivery is. */
  readonly entry: { readonly function: string; readonly apiRequests: number; readonly accessLogBytes: number };
  readonly functions: Readonly<Record<string, FunctionNode>>;
  /** Rules on the bus, in any stack. */
  readonly rules: readonly RuleNode[];
  readonly stateMachines: Readonly<Record<string, StateMachineNode>>;
  readonly deliveryStreams: Readonly<Record<string, DeliveryStreamNode>>;
  /** Functions and workflows record X-Ray traces. */
  readonly traced: boolean;
  /** Stacks that have an idempotency table (where a function's idempotency writes go). */
  readonly idempotencyTables: readonly string[];
  /** A Lex bot the text responder talks to: the fulfilment function Lex invokes per request, if any. */
  readonly lexFulfilment: string | undefined;
}

export type Architecture = 'arm64' | 'x86_64';

export interface FunctionNode {
  /** `Stack/handler`, e.g. `Ingress/twitter`: the key of its behaviour in the assumptions. */
  readonly id: string;
  readonly stack: string;
  readonly handler: string;
  readonly memoryMb: number;
  readonly architecture: Architecture;
  /** Detail-types its role may publish (`events:detail-type` condition); undefined when it may publish none. */
  readonly mayPublish: readonly string[] | undefined;
  /** Where its bundle is, for steps the journey runs for real (pure workflow steps). */
  readonly bundle: { readonly path: string; readonly environment: Readonly<Record<string, string>> } | undefined;
}

/** A function with no bundle to run (declared designs, examples). */
export function functionNode(
  stack: string,
  handler: string,
  memoryMb: number,
  architecture: Architecture,
  mayPublish?: readonly string[],
): FunctionNode {
  return { id: `${stack}/${handler}`, stack, handler, memoryMb, architecture, mayPublish, bundle: undefined };
}

export type TargetNode =
  | { readonly kind: 'function'; readonly id: string }
  | { readonly kind: 'stateMachine'; readonly id: string }
  | { readonly kind: 'deliveryStream'; readonly id: string }
  | { readonly kind: 'topic'; readonly id: string }
  | { readonly kind: 'logGroup'; readonly id: string }
  /** The bus's archive: each event it matches is processed into it. */
  | { readonly kind: 'archive'; readonly id: string };

export interface RuleNode {
  readonly id: string;
  readonly pattern: Readonly<Record<string, unknown>>;
  readonly targets: readonly TargetNode[];
}

export interface StateMachineNode {
  readonly id: string;
  readonly type: 'EXPRESS' | 'STANDARD';
  /** The ASL definition, intrinsics resolved. */
  readonly definition: AslDefinition;
  /** Lambda tasks' functions by the ARN the definition names them with. */
  readonly functionsByArn: Readonly<Record<string, string>>;
  /** Every state of the definition, nested ones included. */
  readonly stateCount: number;
}

export interface DeliveryStreamNode {
  readonly id: string;
  readonly bufferSeconds: number;
  readonly dynamicPartitioning: boolean;
  /** The transformation function and how long it buffers records before invoking it. */
  readonly processor: { readonly function: string; readonly bufferSeconds: number } | undefined;
}

/** The parts of Amazon States Language the journey reads. */
export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
}

export interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: Readonly<Record<string, unknown>>;
  readonly Branches?: readonly AslDefinition[];
  readonly Iterator?: AslDefinition;
  readonly ItemProcessor?: AslDefinition;
  readonly [key: string]: unknown;
}

/** An event a function publishes, as the journey builds it. */
export interface Publication {
  readonly detailType: string;
  /** Defaults to the contract's source of the detail-type. */
  readonly source?: string;
  readonly detail: unknown;
}
