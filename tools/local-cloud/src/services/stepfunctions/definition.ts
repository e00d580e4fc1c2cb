/**
 * State machine definitions: the Task states (name → resource) at every depth —
 * Parallel branches, Map item processors — since the interpreter's task overrides are
 * keyed by state name; and the retriers whose waits the local delay scale shortens.
 */

interface AnyState {
  readonly Type?: string;
  readonly Resource?: string;
  readonly Branches?: readonly Definition[];
  readonly Iterator?: Definition;
  readonly ItemProcessor?: Definition;
  readonly Retry?: ReadonlyArray<{ readonly IntervalSeconds?: number }>;
  readonly Assign?: unknown;
  readonly QueryLanguage?: string;
}

export interface Definition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AnyState>>;
  readonly QueryLanguage?: string;
  readonly TimeoutSeconds?: number;
}

/** Every state of a definition, nested ones included, with its name. */
export function* allStates(def: Definition): Generator<[string, AnyState]> {
  for (const [name, state] of Object.entries(def.States)) {
    yield [name, state];
    for (const branch of state.Branches ?? []) yield* allStates(branch);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) yield* allStates(processor);
  }
}

/** Task state name → resource. Throws when two Task states share a name with different resources. */
export function taskResources(def: Definition): Map<string, string> {
  const tasks = new Map<string, string>();
  for (const [name, state] of allStates(def)) {
    if (state.Type !== 'Task' || !state.Resource) continue;
    const existing = tasks.get(name);
    if (existing !== undefined && existing !== state.Resource) {
      throw new Error(`two Task states are named "${name}" with different resources; the local interpreter needs unique names`);
    }
    tasks.set(name, state.Resource);
  }
  return tasks;
}

/** What the local interpreter cannot run, by state (reported at start-up). */
export function unsupportedFeatures(def: Definition): string[] {
  const problems: string[] = [];
  if (def.QueryLanguage === 'JSONata') problems.push('QueryLanguage JSONata is not supported locally (JSONPath only)');
  for (const [name, state] of allStates(def)) {
    if (state.Assign !== undefined) problems.push(`state ${name}: Assign (variables) is not supported locally`);
    if (state.QueryLanguage === 'JSONata') problems.push(`state ${name}: QueryLanguage JSONata is not supported locally`);
    if (state.Type === 'Map' && (state as { ItemReader?: unknown }).ItemReader !== undefined) problems.push(`state ${name}: distributed Map (ItemReader) is not supported locally`);
  }
  return problems;
}

/** Per retryable state, each retrier's first interval in ms (scaled), for the interpreter's retry override. */
export function scaledRetryIntervals(def: Definition, scale: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [name, state] of allStates(def)) {
    if (!state.Retry || state.Retry.length === 0) continue;
    out[name] = state.Retry.map((r) => Math.round((r.IntervalSeconds ?? 1) * 1000 * scale));
  }
  return out;
}
