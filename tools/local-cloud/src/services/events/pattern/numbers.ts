/**
 * Numbers as EventBridge compares them: IEEE-754 doubles ordered by value, with
 * negative zero just below positive zero (the engine orders the bit patterns of
 * doubles, so `-0` and `0` are different numbers to it).
 */
export function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === 0 && b === 0) {
    const negA = Object.is(a, -0);
    const negB = Object.is(b, -0);
    return negA === negB ? 0 : negA ? -1 : 1;
  }
  return 0;
}

/** A leaf value numeric operators can compare: a finite JSON number. */
export function isComparableNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Numeric equality as EventBridge sees it (`300`, `300.0` and `3.0e2` are one number; `-0` is not `0`). */
export function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b);
}
