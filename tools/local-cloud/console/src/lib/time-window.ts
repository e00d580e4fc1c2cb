/** Time windows for replays (pure): presets ending now, and `datetime-local` values in local time. */

export const PRESETS = [
  ['5m', 'Last 5 minutes', 5 * 60_000],
  ['15m', 'Last 15 minutes', 15 * 60_000],
  ['1h', 'Last hour', 3_600_000],
  ['24h', 'Last 24 hours', 86_400_000],
] as const;

/** `YYYY-MM-DDTHH:MM:SS` in local time, as `<input type="datetime-local" step="1">` reads and writes it. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** A `datetime-local` value (local time) → ISO; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function presetWindow(spanMs: number, now: number): { start: string; end: string } {
  return { start: toLocalInput(now - spanMs), end: toLocalInput(now) };
}
