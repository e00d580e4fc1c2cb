/**
 * Which query results chart, and how (pure): a two-column result whose second
 * column is numeric is a bar chart of category → value; rows of period, series and
 * value (the sentiment-over-time query) pivot into stacked columns.
 */

export interface ResultLike {
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
}

export interface Bar {
  readonly label: string;
  readonly value: number;
}

const NUMERIC = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export const isNumeric = (v: string | null): v is string => v !== null && NUMERIC.test(v.trim());

/** The bars of a two-column result (label, number); `undefined` when it is not one. */
export function barsOf(result: ResultLike): Bar[] | undefined {
  if (result.columns.length !== 2 || result.rows.length === 0) return undefined;
  if (!result.rows.every((r) => isNumeric(r[1] ?? null))) return undefined;
  return result.rows.map((r) => ({ label: r[0] ?? '(null)', value: Number(r[1]) }));
}

export interface StackedColumns {
  readonly periods: readonly string[];
  readonly series: readonly string[];
  /** values[period][series] */
  readonly values: ReadonlyArray<ReadonlyArray<number>>;
}

/** Pivots (period, series, value) rows; periods sorted, series in `order` first, then as met. */
export function stackedColumnsOf(rows: ReadonlyArray<ReadonlyArray<string | null>>, order: readonly string[] = []): StackedColumns {
  const periods = [...new Set(rows.map((r) => r[0] ?? ''))].sort();
  const met = [...new Set(rows.map((r) => r[1] ?? ''))];
  const series = [...order.filter((s) => met.includes(s)), ...met.filter((s) => !order.includes(s))];
  const values = periods.map((p) => series.map((s) => rows.filter((r) => (r[0] ?? '') === p && (r[1] ?? '') === s).reduce((n, r) => n + Number(r[2] ?? 0), 0)));
  return { periods, series, values };
}
