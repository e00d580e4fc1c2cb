/** Offset pagination for List operations: the page and the token of the next one (absent on the last). */
export function paginate<T>(items: readonly T[], token: string | undefined, max: number): { page: T[]; next: string | undefined } {
  const from = token ? Number(token) : 0;
  const start = Number.isInteger(from) && from >= 0 ? from : 0;
  const page = items.slice(start, start + max);
  return { page, next: start + max < items.length ? String(start + max) : undefined };
}
