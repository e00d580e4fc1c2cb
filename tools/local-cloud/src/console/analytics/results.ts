/**
 * Athena answers as the console shows them (pure): `GetQueryResults` pages into
 * columns and rows (Athena repeats the header as the first row of a SELECT's first
 * page), and the console's own sentiment-over-time query.
 */
import type { ResultSet } from '@aws-sdk/client-athena';

export interface ResultTable {
  readonly columns: Array<{ name: string; type: string }>;
  readonly rows: Array<Array<string | null>>;
}

/** Columns and rows of one or more pages of a result set. */
export function resultTable(pages: readonly ResultSet[]): ResultTable {
  const columns = (pages[0]?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => ({ name: c.Name ?? c.Label ?? '', type: c.Type ?? 'varchar' }));
  const rows: Array<Array<string | null>> = [];
  pages.forEach((page, p) => {
    (page.Rows ?? []).forEach((row, i) => {
      const values = (row.Data ?? []).map((d) => (d.VarCharValue === undefined ? null : d.VarCharValue));
      // The header row: the first row of the first page, when it spells the column names.
      if (p === 0 && i === 0 && columns.length > 0 && values.length === columns.length && values.every((v, j) => v === columns[j]!.name)) return;
      rows.push(values);
    });
  });
  return { columns, rows };
}

export type TimeBucket = 'minute' | 'hour' | 'day';

const BUCKET_LENGTH: Record<TimeBucket, number> = { minute: 16, hour: 13, day: 10 };

/**
 * Analysed messages per time bucket and sentiment, each message once (its latest
 * analysis), in the common ground of Trino and DuckDB (string `substr` over the ISO
 * time: no date functions).
 */
export function sentimentOverTimeSql(bucket: TimeBucket): string {
  const length = BUCKET_LENGTH[bucket];
  return `-- Sentiment over time (${bucket}s), each message once with its latest analysis.
WITH messages AS (
  SELECT detail,
         row_number() OVER (PARTITION BY detail.messageid ORDER BY detail.analysedat DESC, id) AS copy
  FROM analysed_messages
)
SELECT substr(detail.analysedat, 1, ${length}) AS period,
       detail.analysis.textsentiment AS sentiment,
       count(*) AS messages
FROM messages
WHERE copy = 1
  AND detail.analysis.textsentiment IS NOT NULL
GROUP BY substr(detail.analysedat, 1, ${length}), detail.analysis.textsentiment
ORDER BY period, sentiment`;
}
