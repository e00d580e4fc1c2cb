import { parseGlob } from './text/glob';
import { utf8Bytes } from './text/utf8';

/** EventBridge refuses a rule whose wildcards reach this complexity. */
export const MAX_WILDCARD_COMPLEXITY = 10;

/** A glob as a byte program: a literal byte, or a wildcard. */
type Token = number | 'star';

function tokens(source: string): Token[] {
  const glob = parseGlob(source);
  const out: Token[] = [0x22]; // EventBridge matches string values with their JSON quotes.
  glob.segments.forEach((segment, i) => {
    if (i > 0) out.push('star');
    for (const byte of utf8Bytes(segment)) out.push(byte);
  });
  out.push(0x22);
  return out;
}

/**
 * The worst-case number of wildcard-pattern prefixes one string value can match
 * at once, over the wildcard patterns on one field: the measure EventBridge
 * limits to keep matching fast. A state is "pattern p has matched its first i
 * tokens"; a wildcard state stays alive on every byte. The search runs the
 * subset construction over the bytes the patterns mention (plus one that none
 * mentions) and returns as soon as the count exceeds `limit`.
 */
export function wildcardComplexity(sources: readonly string[], limit = MAX_WILDCARD_COMPLEXITY): number {
  if (sources.length === 0) return 0;
  const programs = sources.map(tokens);
  const offsets: number[] = [];
  let total = 0;
  for (const program of programs) {
    offsets.push(total);
    total += program.length + 1;
  }
  const stateOf = (p: number, i: number) => offsets[p]! + i;
  const tokenAt = (state: number): { p: number; i: number } => {
    let p = 0;
    while (p + 1 < offsets.length && offsets[p + 1]! <= state) p++;
    return { p, i: state - offsets[p]! };
  };
  const decoded = Array.from({ length: total }, (_, s) => tokenAt(s));

  const close = (states: Set<number>): Set<number> => {
    for (const state of states) {
      const { p, i } = decoded[state]!;
      if (programs[p]![i] === 'star') states.add(stateOf(p, i + 1));
    }
    return states;
  };
  const alphabet = new Set<number>([-1]);
  for (const program of programs) for (const t of program) if (t !== 'star') alphabet.add(t);

  const start = close(new Set(programs.map((_, p) => stateOf(p, 0))));
  const seen = new Set<string>([key(start)]);
  const queue: Set<number>[] = [start];
  let worst = 0;
  while (queue.length > 0) {
    const states = queue.shift()!;
    let count = 0;
    for (const state of states) if (decoded[state]!.i > 0) count++;
    worst = Math.max(worst, count);
    if (worst > limit || seen.size > 20_000) return Math.max(worst, limit + 1);
    for (const byte of alphabet) {
      const next = new Set<number>();
      for (const state of states) {
        const { p, i } = decoded[state]!;
        const program = programs[p]!;
        if (i > 0 && program[i - 1] === 'star') next.add(state);
        if (program[i] === byte) next.add(state + 1);
      }
      if (next.size === 0) continue;
      close(next);
      const k = key(next);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(next);
      }
    }
  }
  return worst;
}

function key(states: Set<number>): string {
  return [...states].sort((a, b) => a - b).join(',');
}
