/** A column of a text table: its heading and whether its cells are right-aligned (numbers). */
export interface Column {
  readonly heading: string;
  readonly numeric?: boolean;
}

/** Renders rows as a Markdown table with padded columns, readable in a terminal and pasteable into an issue. */
export function renderTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = columns.map((c, i) => Math.max(c.heading.length, 3, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => (columns[i]!.numeric ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${columns.map((c, i) => (c.numeric ? `${'-'.repeat(widths[i]! + 1)}:` : `${'-'.repeat(widths[i]! + 2)}`)).join('|')}|`;
  return [line(columns.map((c) => c.heading)), rule, ...rows.map((r) => line(columns.map((_, i) => r[i] ?? '')))].join('\n');
}

/** Bytes as KiB with one decimal (bundles are hundreds of KiB to a few MiB). */
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** Milliseconds with one decimal. */
export const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A ratio as `×1.23`. */
export const ratio = (value: number): string => `×${value.toFixed(2)}`;
